import { test, expect } from 'standin/vitest'
import { runAgent } from '../src/agent'

test('answers a greeting without searching', async ({ standin }) => {
  expect(await runAgent('hello there')).toBe('Hello! Ask me about the weather.')

  expect(standin).toHaveServedFixture('greeting')
  expect(standin).not.toHaveCalledTool('search')
})

test('searches for the weather, then answers with the result', async ({ standin }) => {
  const answer = await runAgent('What is the weather in Paris?')

  expect(answer).toBe('It is sunny and 21°C in Paris.')
  // The mock asked for the tool, and the app ran it and sent its result back.
  expect(standin).toHaveReturnedToolCall('search')
  expect(standin).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
  expect(standin).toHaveReceivedMessage('What is the weather in Paris?', { role: 'user' })
  expect(standin).toHaveNoUnmatchedRequests()
})

test("the journal holds this test's requests, in order", async ({ standin }) => {
  await runAgent('What is the weather in Paris?')

  const entries = standin.journal.entries
  expect(entries.map((entry) => entry.fixture?.id)).toEqual(['weather-search', 'weather-answer'])
  expect(entries.every((entry) => entry.session === standin.id)).toBe(true)
  expect(standin).toHaveRequestCount(2, { path: '/v1/chat/completions' })
})

test('fixtures added in a test come before the shared ones, for that test only', async ({ standin }) => {
  standin.on(
    { userMessage: 'Tokyo', hasToolResult: false },
    { toolCalls: [{ name: 'search', arguments: { query: 'weather in Tokyo' } }] },
  )
  standin.on({ toolResultContains: 'Tokyo' }, { content: 'Light rain in Tokyo.' })

  expect(await runAgent('What is the weather in Tokyo?')).toBe('Light rain in Tokyo.')
  expect(standin).toHaveCalledTool('search', { query: 'weather in Tokyo' })
  expect(standin).not.toHaveCalledTool('search', { query: expect.stringContaining('Paris') })
})

test('the SDK talks to this worker’s mock; standin.url is this test’s own address on it', ({
  standin,
  standinServer,
}) => {
  expect(standin.workerUrl).toBe(standinServer.url)
  expect(process.env.OPENAI_BASE_URL).toBe(`${standin.workerUrl}/v1`)
  expect(process.env.ANTHROPIC_BASE_URL).toBe(standin.workerUrl)
  expect(standin.url).toBe(`${standin.workerUrl}/_s/${standin.id}`)
})
