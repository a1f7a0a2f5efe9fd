/**
 * Chaos as a page sees it when its own provider calls go to the mock through routeBrowser
 * (`route.continue`): a disconnect rejects the page's fetch, a drop is the provider's 500, and a stream cut
 * after N chunks errors in the page's reader mid-way.
 */
import { test, expect } from 'standin/playwright'

test.use({ baseURL: process.env.APP_URL, standinPropagation: 'route' })

const LLM = 'http://llm.test'

/** What the page's own fetch of a chat completion got: a status and body, or the error it threw. */
async function pageChat(page: import('@playwright/test').Page, content: string, stream = false) {
  return page.evaluate(
    async ({ url, content, stream }) => {
      let response: Response
      try {
        response = await fetch(`${url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer test' },
          body: JSON.stringify({ model: 'gpt-4o-mini', stream, messages: [{ role: 'user', content }] }),
        })
      } catch (error) {
        return { fetchError: `${(error as Error).name}: ${(error as Error).message}` }
      }
      if (!stream) return { status: response.status, body: await response.text() }
      const reader = response.body!.getReader()
      const decoder = new TextDecoder()
      let text = ''
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) return { status: response.status, text, ended: 'cleanly' }
          text += decoder.decode(value, { stream: true })
        }
      } catch (error) {
        return { status: response.status, text, readError: (error as Error).name }
      }
    },
    { url: LLM, content, stream },
  )
}

test.describe('chaos through routeBrowser', () => {
  test.beforeEach(async ({ page, standin }) => {
    await standin.routeBrowser(page, `${LLM}/`)
    await page.goto('/')
  })

  test('disconnect: the page fetch rejects with a network error', async ({ page, standin }) => {
    await standin.on({ userMessage: 'cut me' }, { content: 'never sent' }, { chaos: { disconnectRate: 1 } })
    const result = await pageChat(page, 'cut me')
    expect(result).toEqual({ fetchError: 'TypeError: Failed to fetch' })
    const [entry] = await standin.journal()
    expect(entry?.response).toMatchObject({ status: 0, chaos: 'disconnect' })
  })

  test('drop: the page gets the provider 500 with code chaos_drop', async ({ page, standin }) => {
    await standin.on({ userMessage: 'drop me' }, { content: 'never sent' }, { chaos: { dropRate: 1 } })
    const result = await pageChat(page, 'drop me')
    expect(result).toMatchObject({ status: 500 })
    expect(JSON.parse((result as { body: string }).body)).toMatchObject({
      error: { message: 'Chaos: request dropped', code: 'chaos_drop' },
    })
  })

  // Chromium may drop bytes that arrive together with the broken connection (the error can overtake the
  // last chunk on its way to the page), so the chunks are paced: the ones before the last reach the page
  // surely, the last one may or may not, and nothing past the cut ever does.
  test('truncateAfterChunks: the page reader errors mid-way, never past the cut', async ({
    page,
    standin,
  }) => {
    await standin.on(
      { userMessage: 'truncate me' },
      { content: 'one two three four five six seven eight nine ten' },
      { chunkSize: 8, latency: 100, truncateAfterChunks: 3 },
    )
    const result = (await pageChat(page, 'truncate me', true)) as {
      status: number
      text: string
      readError?: string
      ended?: string
    }
    expect(result.status).toBe(200)
    expect(result.ended).toBeUndefined()
    expect(result.readError).toBe('TypeError')
    const events = result.text.split('\n\n').filter((block) => block.startsWith('data: '))
    expect(events.length).toBeGreaterThanOrEqual(2)
    expect(events.length).toBeLessThanOrEqual(3)
    expect(result.text).not.toContain('[DONE]')
    const [entry] = await standin.journal()
    expect(entry?.response).toMatchObject({ status: 200, stream: true, chaos: 'truncate' })
  })
})
