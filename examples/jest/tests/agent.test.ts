// Global `test`/`expect` typed by @types/jest; standin's matchers typed by "standin/jest/types" (tsconfig).
import { standin } from 'standin/jest'
import { runAgent } from '../src/agent'

// The file's mock: fixtures from ./fixtures are loaded, OPENAI_BASE_URL points at it.
const mock = standin()

test('the agent searches before it answers', async () => {
  const answer = await runAgent('What is the weather in Paris?')

  expect(answer).toBe('It is sunny in Paris today, 24°C.')
  expect(mock).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
  expect(mock).toHaveServedFixture('weather-answer')
  expect(mock).toHaveNoUnmatchedRequests()
})

test('a fixture added in a test answers that test only', async () => {
  mock.onMessage('capital of France', { content: 'Paris.' })

  expect(await runAgent('What is the capital of France?')).toBe('Paris.')
  expect(mock).not.toHaveCalledTool('search')
  expect(mock).toHaveReceivedMessage('capital of France', { role: 'user' })
  expect(mock).toHaveRequestCount(1)
})

test('every test starts with an empty journal', () => {
  expect(mock.journal.entries).toEqual([])
  expect(mock.fixtures.some((fixture) => fixture.source === 'on()')).toBe(false)
})
