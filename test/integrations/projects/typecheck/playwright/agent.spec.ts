import { expect, test } from 'standin/playwright'

test.use({ standinPropagation: 'header' })

test('agent UI calls search', async ({ page, standin }) => {
  await standin.on(
    { userMessage: 'weather' },
    { toolCalls: [{ name: 'search', arguments: { query: 'weather' } }] },
  )
  await page.goto('/')
  await expect(standin).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
  await expect(standin).not.toHaveCalledTool('delete_account', undefined, { timeout: 1_000 })
  await expect(standin).toHaveRequestCount(2)
  await expect(standin).toHaveQueried('docs', { topK: 3 }, { timeout: 1_000 })
  const url: string = standin.url
  expect(url).toContain('/_s/')
})
