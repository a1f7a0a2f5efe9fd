import { standin, type StandinJest } from 'standin/jest'

const mock: StandinJest = standin()

test('the matchers and the handle are typed on the global expect', async () => {
  mock.onMessage('hello', { content: 'Hi!' })
  const baseURL: string = `${mock.url}/v1`
  const worker: string = mock.workerUrl
  expect(baseURL.startsWith(worker)).toBe(true)
  expect(mock).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
  expect(mock).not.toHaveReturnedToolCall('delete_account')
  expect(mock).toHaveReceivedMessage(/hello/, { role: 'user' })
  expect(mock).toHaveReceivedRequest({ provider: 'openai' })
  expect(mock).toHaveServedFixture('greeting')
  expect(mock).toHaveUsedAllFixtures()
  expect(mock).toHaveNoUnmatchedRequests()
  expect(mock).toHaveRequestCount(1, { provider: 'openai' })
  expect(mock).toHaveQueried('docs', { topK: 5 })
  mock.session?.onQuery('docs', [{ id: 'doc-1', score: 0.9 }])
  await expect(Promise.resolve(mock)).resolves.toHaveRequestCount(1)
  // @ts-expect-error: the count is a number
  expect(mock).toHaveRequestCount('1')
})
