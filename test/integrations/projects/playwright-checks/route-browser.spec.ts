/**
 * Calls the page makes itself (a browser-side SDK) are sent to the mock with route.continue, in the
 * test's session, and keep streaming.
 */
import { test, expect } from 'standin/playwright'

// 'route' puts the session header on app-origin requests only, so the LLM call carries routeBrowser's own.
test.use({ baseURL: process.env.APP_URL, standinPropagation: 'route' })

test('routeBrowser sends the page own LLM calls to the mock, still streaming', async ({ page, standin }) => {
  await standin.on(
    { userMessage: 'stream me' },
    { content: 'one two three four five six seven eight nine ten' },
    { chunkSize: 8, latency: 20 },
  )
  await standin.routeBrowser(page, 'http://llm.test/')

  await page.goto('/')
  const reads = await page.evaluate(async () => {
    const response = await fetch('http://llm.test/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test' },
      body: JSON.stringify({
        model: 'gpt-4o-mini',
        stream: true,
        messages: [{ role: 'user', content: 'stream me' }],
      }),
    })
    const reader = response.body!.getReader()
    let count = 0
    for (;;) {
      const { done } = await reader.read()
      if (done) return count
      count++
    }
  })

  expect(reads).toBeGreaterThan(1)
  await expect(standin).toHaveReceivedMessage('stream me')
  const journal = await standin.journal()
  expect(journal.map((e) => e.response.stream)).toEqual([true])
})
