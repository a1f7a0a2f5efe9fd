/**
 * The journal page in Chromium, driven by Playwright: what it shows of two sessions, its filters, a
 * request made after it loaded appearing without a reload, journal text shown as text (never as HTML),
 * the control token, and the standalone file with entries embedded.
 */
import OpenAI from 'openai'
import { chromium, type Browser, type Page } from '@playwright/test'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { createStandin, type Standin } from '../../src/internal'
import { journalPageHtml } from '../../src/control/journal-page'

let browser: Browser
let page: Page
let mock: Standin
let url: string
let close: (() => Promise<void>) | undefined

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || undefined })
}, 60_000)
afterAll(() => browser?.close())
afterEach(async () => {
  await page?.close()
  await close?.()
})

async function start(options: Parameters<typeof createStandin>[0] = {}) {
  mock = createStandin({ strict: false, ...options })
  mock.onMessage('weather', { content: 'Sunny in Paris.' }, { id: 'weather' })
  mock.onMessage(
    'book',
    { toolCalls: [{ name: 'book_flight', arguments: { to: 'Oslo' } }] },
    { id: 'booking' },
  )
  const server = await mock.listen({ port: 0 })
  url = server.url
  close = server.close
  page = await browser.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  return errors
}

const openai = (session: string) =>
  new OpenAI({ baseURL: `${url}/_s/${session}/v1`, apiKey: 'test-key', maxRetries: 0 })
const ask = (session: string, content: string) =>
  openai(session).chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content }] })
const anthropicMiss = (session: string) =>
  fetch(`${url}/_s/${session}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({
      model: 'claude-sonnet-4-5',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'unknown question' }],
    }),
  })

const rows = () => page.locator('#entries .entry')
const visibleSessions = () =>
  rows().evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.session))

describe('the journal page in Chromium', () => {
  test('shows the entries of two sessions: surface, fixture or miss, text and tool calls', async () => {
    const errors = await start()
    await ask('alice', 'weather in Paris?')
    await ask('bob', 'book a flight')
    expect((await anthropicMiss('bob')).status).toBe(404)

    await page.goto(`${url}/__standin`)
    expect(page.url()).toBe(`${url}/__standin/`)
    await expect.poll(() => rows().count()).toBe(3)
    await expect.poll(() => page.locator('#status').textContent()).toBe('live')
    expect(await visibleSessions()).toEqual(['alice', 'bob', 'bob'])

    const [weather, booking, miss] = [rows().nth(0), rows().nth(1), rows().nth(2)]
    expect(await weather.getAttribute('data-outcome')).toBe('matched')
    expect(await weather.locator('summary').textContent()).toContain('openai.chat')
    expect(await weather.locator('summary').textContent()).toContain('weather ← on()')
    expect(await miss.getAttribute('data-outcome')).toBe('miss')
    expect(await miss.getAttribute('data-provider')).toBe('anthropic')
    expect(await miss.locator('summary').textContent()).toContain('No fixture matched')

    await weather.locator('summary').click()
    expect(await weather.locator('dl').textContent()).toContain('Sunny in Paris.')
    await booking.locator('summary').click()
    expect(await booking.locator('dl').textContent()).toContain('book_flight({"to":"Oslo"})')
    await miss.locator('summary').click()
    expect(await miss.locator('dl').textContent()).toContain('unknown question')
    expect(errors).toEqual([])
  })

  test('filters by session, provider and outcome; ?session= preselects a session', async () => {
    await start()
    await ask('alice', 'weather in Paris?')
    await ask('bob', 'book a flight')
    await anthropicMiss('bob')
    await anthropicMiss('alice')

    await page.goto(`${url}/__standin/?session=bob`)
    await expect.poll(() => visibleSessions()).toEqual(['bob', 'bob'])
    expect(await page.locator('#count').textContent()).toBe('2 of 4')

    await page.selectOption('#f-session', '')
    await page.selectOption('#f-provider', 'anthropic')
    expect(await rows().evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.provider))).toEqual([
      'anthropic',
      'anthropic',
    ])
    expect(page.url()).toContain('provider=anthropic')

    await page.selectOption('#f-provider', '')
    await page.selectOption('#f-outcome', 'matched')
    expect(await visibleSessions()).toEqual(['alice', 'bob'])
    await page.selectOption('#f-session', 'alice')
    expect(await visibleSessions()).toEqual(['alice'])
    await page.selectOption('#f-outcome', 'miss')
    expect(await visibleSessions()).toEqual(['alice'])
    expect(await rows().first().getAttribute('data-outcome')).toBe('miss')
  })

  test('a request made after the page loaded appears without a reload', async () => {
    await start()
    await ask('alice', 'weather in Paris?')
    await page.goto(`${url}/__standin/`)
    await page.locator('#status[data-state=live]').waitFor()
    await expect.poll(() => rows().count()).toBe(1)
    const navigations: string[] = []
    page.on('framenavigated', (frame) => navigations.push(frame.url()))

    await ask('carol', 'book a flight')
    const added = page.locator('#entries .entry[data-session="carol"]')
    await added.waitFor()
    expect(await added.getAttribute('data-outcome')).toBe('matched')
    expect(await page.locator('#f-session option').allTextContents()).toContain('carol')

    // A request chaos dropped (the x-standin-chaos-drop header) arrives too, its action as its outcome.
    const dropped = new OpenAI({
      baseURL: `${url}/_s/dave/v1`,
      apiKey: 'test-key',
      maxRetries: 0,
      defaultHeaders: { 'x-standin-chaos-drop': '1' },
    })
    await expect(
      dropped.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'weather?' }] }),
    ).rejects.toMatchObject({ status: 500 })
    const struck = page.locator('#entries .entry[data-session="dave"]')
    await struck.waitFor()
    expect(await struck.getAttribute('data-outcome')).toBe('chaos')
    expect(await struck.locator('summary').textContent()).toContain('chaos: drop')
    expect(navigations).toEqual([])
  })

  test("a session's reset drops its rows; a predicate clear drops the rows it named", async () => {
    const errors = await start()
    const alice = mock.session('alice')
    await ask('alice', 'weather in Paris?')
    await ask('alice', 'book a flight')
    await ask('bob', 'weather in Oslo?')
    await ask('bob', 'book a flight')
    await page.goto(`${url}/__standin/`)
    await page.locator('#status[data-state=live]').waitFor()
    await expect.poll(() => visibleSessions()).toEqual(['alice', 'alice', 'bob', 'bob'])

    alice.reset()
    await expect.poll(() => visibleSessions()).toEqual(['bob', 'bob'])
    expect(await page.locator('#count').textContent()).toBe('2 of 2')

    const [bobWeather] = mock.journal.filter({ session: 'bob' })
    mock.journal.clear((entry) => entry.id === bobWeather!.id)
    await expect
      .poll(() => rows().evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.entryId)))
      .toEqual(mock.journal.entries.map((e) => e.id))
    expect(await rows().first().locator('summary').textContent()).toContain('booking')

    // The session goes on: its next request shows again, live.
    await ask('alice', 'weather again?')
    await expect.poll(() => visibleSessions()).toEqual(['bob', 'alice'])
    expect(errors).toEqual([])
  })

  test("a quota's 429 shows as rate-limited, with no fixture", async () => {
    await start({ rateLimits: { requestsPerWindow: 1 } })
    await ask('carol', 'weather in Paris?')
    await expect(ask('carol', 'weather in Paris?')).rejects.toMatchObject({ status: 429 })
    await page.goto(`${url}/__standin/?outcome=rate-limited`)
    await expect.poll(() => rows().count()).toBe(1)
    expect(await rows().first().locator('summary').textContent()).toContain(
      'rate limit: requests quota spent',
    )
    expect(await rows().first().locator('summary').textContent()).toContain('429')
  })

  test('journal text is shown as text: a <script> in a message never runs', async () => {
    const errors = await start()
    const payload = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
    await expect(ask(`evil<b>`, payload)).rejects.toThrow()
    await page.goto(`${url}/__standin/`)
    const row = rows().first()
    await row.waitFor()
    await row.locator('summary').click()
    expect(await row.locator('dl').textContent()).toContain(payload)
    expect(await row.locator('summary').textContent()).toContain('evil<b>')
    expect(await page.locator('#entries script, #entries img, #entries b').count()).toBe(0)
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(errors).toEqual([])
  })

  test('with a control token: the page asks for it, or takes it from #token=, and keeps it out of the address', async () => {
    await start({ auth: { controlToken: 'sesame' } })
    await ask('alice', 'weather in Paris?').catch(() => undefined)
    await page.goto(`${url}/__standin/`)
    await page.locator('#token-form').waitFor()
    expect(await page.locator('#status').textContent()).toBe('control token required')
    await page.fill('#token-form input', 'sesame')
    await page.click('#token-form button')
    await expect.poll(() => rows().count()).toBe(1)

    const second = await browser.newPage()
    await second.goto(`${url}/__standin/#token=sesame`)
    await second.locator('#entries .entry').first().waitFor()
    expect(second.url()).toBe(`${url}/__standin/`)
    await second.close()
  })

  test('service requests show their query, documents, inputs and result count', async () => {
    const errors = await start()
    const post = (path: string, body: unknown) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
        body: JSON.stringify(body),
      })
    await post('/v2/rerank', { model: 'rerank-v3.5', query: 'capital of Peru', documents: ['Lima', 'Quito'] })
    await post('/v1/moderations', { input: 'a friendly note' })
    await page.goto(`${url}/__standin/`)
    await expect.poll(() => rows().count()).toBe(2)
    const [rerank, moderation] = [rows().nth(0), rows().nth(1)]
    await rerank.locator('summary').click()
    const shown = (await rerank.locator('dl').textContent()) ?? ''
    expect(shown).toContain('capital of Peru')
    expect(shown).toContain('0: Lima')
    expect(shown).toMatch(/Results\s*2/)
    await moderation.locator('summary').click()
    expect(await moderation.locator('dl').textContent()).toContain('a friendly note')
    expect(errors).toEqual([])
  })

  test('the standalone file shows embedded entries with no mock to connect to', async () => {
    await start()
    await ask('alice', 'weather in Paris?')
    await ask('bob', '</script><script>window.__pwned = 1</script>').catch(() => undefined)
    // The chaos action a chaos-struck entry records (`response.chaos`) is its outcome.
    const struck = { ...mock.journal.entries[0]!, id: 'req_99', session: 'carol' }
    struck.response = { ...struck.response, status: 500, chaos: 'drop' } as typeof struck.response
    const entries = [...mock.journal.entries, struck]
    await close!()
    close = undefined
    await page.setContent(journalPageHtml({ entries, title: 'journal of <my test>' }))
    await expect.poll(() => rows().count()).toBe(3)
    expect(await page.title()).toBe('journal of <my test>')
    expect(await page.locator('#status').textContent()).toBe('snapshot of 3 entries')
    expect(await visibleSessions()).toEqual(['alice', 'bob', 'carol'])
    const chaos = rows().nth(2)
    expect(await chaos.getAttribute('data-outcome')).toBe('chaos')
    expect(await chaos.locator('summary').textContent()).toContain('chaos: drop (weather)')
    await page.selectOption('#f-outcome', 'chaos')
    expect(await visibleSessions()).toEqual(['carol'])
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
  })
})
