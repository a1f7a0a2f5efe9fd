/**
 * The journal page's server side: the page and its redirect, the live stream of entries
 * (`/__standin/journal/events`, read with eventsource-parser), and the control API's rules on both.
 */
import OpenAI from 'openai'
import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { afterEach, describe, expect, test } from 'vitest'
import { createStandin, type JournalEntry, type Standin } from '../../src/internal'
import { journalPageHtml } from '../../src/control/journal-page'
import { Engine } from '../../src/engine/engine'
import { listen } from '../../src/transports/node-server'

let mock: Standin
let url: string
let close: () => Promise<void>

async function start(options: Parameters<typeof createStandin>[0] = {}) {
  mock = createStandin({ strict: false, ...options })
  mock.onMessage('hello', { content: 'Hi there.' }, { id: 'greeting' })
  const server = await mock.listen({ port: 0 })
  url = server.url
  close = server.close
}
afterEach(() => close?.())

const client = (session?: string) =>
  new OpenAI({
    baseURL: session ? `${url}/_s/${session}/v1` : `${url}/v1`,
    apiKey: 'test-key',
    maxRetries: 0,
  })
const ask = (content: string, session?: string) =>
  client(session).chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content }] })

/** An open event stream: `next(n)` resolves with the entries once n `entry` events have arrived in all. */
async function openEvents(path = '/__standin/journal/events', headers: Record<string, string> = {}) {
  const abort = new AbortController()
  const response = await fetch(url + path, { headers, signal: abort.signal })
  const entries: JournalEntry[] = []
  const events: EventSourceMessage[] = []
  let waiter: { ready: () => boolean; resolve: () => void } | undefined
  const parser = createParser({
    onEvent(event) {
      events.push(event)
      if (event.event === 'entry') entries.push(JSON.parse(event.data) as JournalEntry)
      if (waiter?.ready()) waiter.resolve()
    },
  })
  const until = async (ready: () => boolean) => {
    if (!ready()) await new Promise<void>((resolve) => (waiter = { ready, resolve }))
  }
  const pump = (async () => {
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      parser.feed(decoder.decode(value, { stream: true }))
    }
  })().catch(() => undefined)
  return {
    response,
    events,
    async next(count: number): Promise<JournalEntry[]> {
      await until(() => entries.length >= count)
      return entries.slice(0, count)
    },
    /** The data of the first `count` `clear` events, once they have arrived. */
    async clears(count: number): Promise<unknown[]> {
      const clears = () => events.filter((e) => e.event === 'clear')
      await until(() => clears().length >= count)
      return clears()
        .slice(0, count)
        .map((e) => JSON.parse(e.data) as unknown)
    },
    async close() {
      abort.abort()
      await pump
    },
  }
}

describe('the journal page', () => {
  test('GET /__standin/ serves the page as HTML with a restrictive CSP; /__standin redirects to it', async () => {
    await start()
    const page = await fetch(`${url}/__standin/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'sha256-/)
    expect(await page.text()).toContain('<title>standin journal</title>')

    const redirect = await fetch(`${url}/__standin?session=s1`, { redirect: 'manual' })
    expect(redirect.status).toBe(308)
    expect(redirect.headers.get('location')).toBe('/__standin/?session=s1')
    const prefixed = await fetch(`${url}/_s/s1/__standin`, { redirect: 'manual' })
    expect(prefixed.headers.get('location')).toBe('/_s/s1/__standin/')
  })

  test('the CSP hashes match the inline script and style, so the browser runs them', async () => {
    const { createHash } = await import('node:crypto')
    const html = journalPageHtml()
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!.replace(/&#39;/g, "'")
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!
    const style = /<style>([\s\S]*)<\/style>/.exec(html)![1]!
    const hash = (text: string) => createHash('sha256').update(text).digest('base64')
    expect(csp).toContain(`script-src 'sha256-${hash(script)}'`)
    expect(csp).toContain(`style-src 'sha256-${hash(style)}'`)
  })

  test('embedded entries cannot close their data block', () => {
    const entry = { id: 'req_1', body: '</script><script>alert(1)</script>' } as unknown as JournalEntry
    const html = journalPageHtml({ entries: [entry] })
    expect(html).not.toContain('</script><script>alert(1)')
    const data = /<script type="application\/json" id="standin-data">(.*?)<\/script>/.exec(html)![1]!
    expect(JSON.parse(data)).toEqual([entry])
  })
})

describe('the live stream', () => {
  test('sends the entries already journaled, then each new one as it is written', async () => {
    await start()
    await ask('hello one')
    const stream = await openEvents()
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const [first] = await stream.next(1)
    expect(first).toMatchObject({ surface: 'openai.chat', fixture: { id: 'greeting' } })

    await ask('hello two', 's2')
    await expect(ask('nothing matches this', 's2')).rejects.toThrow(/No fixture matched/)
    const all = await stream.next(3)
    expect(all.map((e) => [e.session, e.fixture?.id ?? null])).toEqual([
      ['default', 'greeting'],
      ['s2', 'greeting'],
      ['s2', null],
    ])
    expect(all[2]!.miss?.message).toBeTruthy()
    expect(stream.events.filter((e) => e.event === 'entry').map((e) => e.id)).toEqual(all.map((e) => e.id))
    await stream.close()
  })

  test('a session scope (?session=, the /_s/<id> prefix) streams that session only', async () => {
    await start()
    await ask('hello a', 'a')
    const byQuery = await openEvents('/__standin/journal/events?session=b')
    const byPrefix = await openEvents('/_s/b/__standin/journal/events')
    await ask('hello a again', 'a')
    await ask('hello b', 'b')
    expect((await byQuery.next(1)).map((e) => e.session)).toEqual(['b'])
    expect((await byPrefix.next(1)).map((e) => e.session)).toEqual(['b'])
    await ask('hello b again', 'b')
    expect((await byQuery.next(2)).map((e) => e.session)).toEqual(['b', 'b'])
    await Promise.all([byQuery.close(), byPrefix.close()])
  })

  test("a cleared journal sends a clear event: the session's on a reset, the ids a predicate removed", async () => {
    await start()
    const all = await openEvents()
    const onlyB = await openEvents('/__standin/journal/events?session=b')
    await ask('hello a', 'a')
    await ask('hello b', 'b')
    await ask('hello b again', 'b')
    const [, firstB] = await all.next(3)

    mock.journal.clear((entry) => entry.id === firstB!.id)
    const reset = await fetch(`${url}/__standin/sessions/a/reset`, { method: 'POST' })
    expect(reset.status).toBe(200)
    // A session whose journal is already empty says nothing when reset again.
    await fetch(`${url}/__standin/sessions/a/reset`, { method: 'POST' })
    await ask('hello b, last', 'b')
    await all.next(4)

    expect(await all.clears(2)).toEqual([{ session: 'b', removed: [firstB!.id] }, { session: 'a' }])
    expect(all.events.map((e) => e.event)).toEqual(['entry', 'entry', 'entry', 'clear', 'clear', 'entry'])
    expect(await onlyB.next(3)).toHaveLength(3)
    expect(onlyB.events.map((e) => e.event)).toEqual(['entry', 'entry', 'clear', 'entry'])
    await Promise.all([all.close(), onlyB.close()])
  })

  test('a closed stream unsubscribes from the journal', async () => {
    const engine = new Engine({ strict: false })
    const server = await listen((incoming) => engine.dispatch(incoming), { port: 0 })
    url = server.url
    close = server.close
    const stream = await openEvents()
    expect(engine.journalFeed.size).toBe(1)
    await stream.close()
    // The server sees the close and ends the stream at once, without waiting for an entry.
    await expect.poll(() => engine.journalFeed.size).toBe(0)
  })
})

describe('same rules as the rest of the control API', () => {
  test('with a control token: the page is public, the stream needs the token', async () => {
    await start({ auth: { controlToken: 'sesame' } })
    expect((await fetch(`${url}/__standin/`)).status).toBe(200)
    const refused = await fetch(`${url}/__standin/journal/events`)
    expect(refused.status).toBe(401)
    const stream = await openEvents('/__standin/journal/events', { 'x-standin-token': 'sesame' })
    expect(stream.response.status).toBe(200)
    await ask('hello')
    expect(await stream.next(1)).toHaveLength(1)
    await stream.close()
  })

  test('a page from another origin cannot read the stream', async () => {
    await start()
    const response = await fetch(`${url}/__standin/journal/events`, {
      headers: { origin: 'http://evil.example' },
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })
})
