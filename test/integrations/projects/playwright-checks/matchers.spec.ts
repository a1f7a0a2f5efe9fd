/** The retrying matchers pass and fail correctly (worker mode: the mock runs in this worker). */
import { test, expect } from 'standin/playwright'
import { askWithTools } from './tool-loop'

test('toHaveCalledTool passes when the app ran search for the weather', async ({ standin }) => {
  await askWithTools(`${standin.baseUrl}/v1`, "What's the weather in Paris?")

  await expect(standin).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
  await expect(standin).toHaveCalledTool('search')
  await expect(standin).toHaveReturnedToolCall('search', { query: 'weather in Paris' })
  await expect(standin).not.toHaveCalledTool('search', { query: expect.stringContaining('sports') })
  await expect(standin).toHaveServedFixture('tool-answer')
  await expect(standin).toHaveNoUnmatchedRequests()
})

test('toHaveCalledTool fails, showing the journal, when the app searched for something else', async ({
  standin,
}) => {
  await askWithTools(`${standin.baseUrl}/v1`, 'Latest sports news?')

  const started = Date.now()
  const error = await expect(standin)
    .toHaveCalledTool('search', { query: expect.stringContaining('weather') }, { timeout: 400 })
    .then(
      () => undefined,
      (e: Error) => e,
    )
  expect(error?.message).toContain('expected the app to have called tool "search" with arguments matching')
  expect(error?.message).toContain('StringContaining "weather"')
  expect(error?.message).toContain('sports scores')
  expect(error?.message).toContain('Timeout: 400ms')
  // It kept re-reading the journal until the timeout before failing.
  expect(Date.now() - started).toBeGreaterThanOrEqual(400)

  const negated = await expect(standin)
    .not.toHaveCalledTool('search', { query: expect.stringContaining('sports') }, { timeout: 200 })
    .then(
      () => undefined,
      (e: Error) => e,
    )
  expect(negated?.message).toContain('expected NOT the app to have called tool "search"')
})

test('retries until the request lands', async ({ standin }) => {
  const pending = askWithTools(`${standin.baseUrl}/v1`, 'weather tomorrow?')
  // Nothing can have reached the mock yet: the SDK call needs I/O, and we have not yielded to it.
  expect(await standin.journal()).toEqual([])

  await expect(standin).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
  await pending
})

test('fixtures added with on() take precedence over file fixtures, and count for toHaveUsedAllFixtures', async ({
  standin,
}) => {
  await standin.on({ userMessage: /weather/i }, { content: 'Session answer' }, { id: 'session-weather' })
  await expect(standin).not.toHaveUsedAllFixtures()

  const answer = await askWithTools(`${standin.baseUrl}/v1`, 'Weather please')

  expect(answer).toBe('Session answer')
  await expect(standin).toHaveUsedAllFixtures()
  await expect(standin).toHaveReceivedRequest({ model: 'gpt-4o-mini' })
})
