import { test, expect } from 'standin/playwright'
import { ask } from './agent.js'

test('the openai SDK in the test is answered from the fixture file', async ({ standin }) => {
  await expect(ask('what is the weather?', { baseURL: `${standin.baseUrl}/v1` })).resolves.toBe(
    'Sunny in Paris.',
  )
  await expect(standin).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
})

test('a page in the browser reaches the mock', async ({ page, standin }) => {
  await standin.on({ userMessage: 'from the page' }, { content: 'Hi, page' })
  await page.goto(`${standin.baseUrl}/health`)
  const answer = await page.evaluate(async (url) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'from the page' }] }),
    })
    return (await response.json()).choices[0].message.content
  }, `${standin.url}/v1/chat/completions`)
  expect(answer).toBe('Hi, page')
  const journal = await standin.journal()
  expect(journal.filter((entry) => entry.path === '/v1/chat/completions')).toHaveLength(1)
})
