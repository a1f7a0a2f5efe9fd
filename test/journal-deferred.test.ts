/**
 * The usual request's journal entry is built when first read, not when written (issue 15). A reader must see
 * the very entry an eager build gives: two mocks take the same requests, one with a listener (which builds
 * every entry as it is written) and one without, and their journals must read alike.
 */
import { request as httpRequest } from 'node:http'
import { afterEach, describe, expect, test } from 'vitest'
import { createMcpServer, createStandin, type JournalEntry, type Standin } from '../src/internal'

const servers: { close(): Promise<void> }[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

/** A mock with the fixtures every case needs, listening on port 0. */
async function start(options: Parameters<typeof createStandin>[0]): Promise<{ mock: Standin; url: string }> {
  const mock = createStandin({ strict: false, seed: 7, ...options })
  mock.on({ userMessage: 'hello' }, { content: 'Hello there.' }, { id: 'hello' })
  mock.on(
    { userMessage: 'weather' },
    { content: 'Sunny.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' }, id: 'call_w' }] },
  )
  mock.on({ userMessage: 'long answer' }, { content: 'y'.repeat(70 * 1024) })
  mock.on({ userMessage: 'failing' }, { error: { status: 429, message: 'slow down', type: 'rate_limit' } })
  mock.mount(
    '/mcp',
    createMcpServer().onToolCall('lookup', () => 'found'),
  )
  const server = await mock.listen({ port: 0 })
  servers.push(server)
  return { mock, url: server.url }
}

/** One raw HTTP request: header values as given (an array sends the header once per value). */
function send(url: string, path: string, body: string, headers: Record<string, string | string[]> = {}) {
  return new Promise<void>((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, {
      method: body === '' ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...headers },
    })
    req.on('response', (response) => {
      response.resume()
      response.on('end', resolve)
      response.on('error', resolve)
    })
    // A chaos disconnect cuts the connection: the request is journaled all the same.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' ? resolve() : reject(error),
    )
    req.end(body)
  })
}

const chat = (content: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content }], ...extra })

/** `depth` levels of `{"a":…}` as JSON text (JSON.stringify cannot nest this deep on a worker's stack). */
const deepText = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)

/** Many brackets, all shallow: more than the depth check's cheap count lets through. */
const shallowTools = Array.from({ length: 40 }, (_, i) => ({
  type: 'function',
  function: { name: `tool_${i}`, parameters: { type: 'object', properties: { q: { type: 'string' } } } },
}))

const CASES: [string, string, Record<string, string | string[]>?][] = [
  ['/v1/chat/completions', chat('hello')],
  ['/v1/chat/completions', chat('weather in Paris?'), { authorization: 'Bearer sk-secret' }],
  [
    '/v1/chat/completions',
    chat('hello'),
    {
      'x-api-key': 'sk-ant-secret',
      'x-chroma-token': 'tok',
      'sec-websocket-protocol': 'realtime, openai-insecure-api-key.sk-abc',
      'x-repeated': ['one', 'two'],
      cookie: ['a=1', 'b=2'],
    },
  ],
  ['/v1/chat/completions', chat('hello', { stream: true })],
  ['/v1/chat/completions', chat('long answer')],
  ['/v1/chat/completions', chat('failing')],
  ['/v1/chat/completions', chat('nothing matches this')],
  ['/v1/chat/completions', chat('hello', { metadata: { note: 'z'.repeat(70 * 1024) } })],
  ['/v1/chat/completions', chat('hello', { tools: shallowTools })],
  [
    '/v1/chat/completions',
    `{"model":"gpt-4o","messages":[{"role":"user","content":"hello"}],"x":${deepText(5000)}}`,
  ],
  ['/v1/chat/completions', '{"model":'],
  ['/v1/chat/completions', chat('hello'), { 'x-standin-chaos-drop': '1' }],
  ['/v1/chat/completions', chat('hello'), { 'x-standin-chaos-malformed': '1' }],
  ['/v1/chat/completions', chat('hello'), { 'x-standin-chaos-disconnect': '1' }],
  ['/v1/nowhere?api_key=secret&x=1', chat('hello')],
  ['/v1/models', ''],
  ['/_s/alice/v1/chat/completions', chat('hello')],
  [
    '/mcp',
    JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    { accept: 'application/json, text/event-stream' },
  ],
]

/** An entry with what differs between two mocks (clock, timing, port) set aside. */
function comparable(entry: JournalEntry): string {
  return JSON.stringify({ ...entry, time: 0, durationMs: 0, headers: { ...entry.headers, host: '' } })
}

describe('an entry built when first read is the entry built when written', () => {
  test('plain, secret headers, streams, errors, misses, huge, deep, chaos, sessions and a mount', async () => {
    const heard: JournalEntry[] = []
    const eager = await start({ onJournalEntry: (entry) => heard.push(entry) })
    const deferred = await start({})
    for (const [path, body, headers] of CASES) {
      await send(eager.url, path, body, headers)
      await send(deferred.url, path, body, headers)
    }
    const written = eager.mock.journal.entries
    const read = deferred.mock.journal.entries
    expect(written).toEqual(heard)
    expect(read.length).toBe(CASES.length)
    expect(read.map(comparable)).toEqual(written.map(comparable))
    // The cases reach what they are meant to: a redacted key, a cut body, a miss, chaos, a session, the mount.
    expect(read[1]!.headers.authorization).toBe('[redacted]')
    expect(read[2]!.headers['sec-websocket-protocol']).toBe('realtime, openai-insecure-api-key.[redacted]')
    expect(read[2]!.headers['x-repeated']).toBe('one, two')
    expect(read[7]!.bodyTruncated).toBe(true)
    expect(read.some((entry) => entry.miss !== undefined)).toBe(true)
    expect(read.map((entry) => entry.response.chaos).filter(Boolean)).toEqual([
      'drop',
      'malformed',
      'disconnect',
    ])
    expect(read[16]!.session).toBe('alice')
    expect(read[17]!.surface).not.toBe('openai.chat')
    // Built once: every read gives the same objects.
    expect(deferred.mock.journal.entries).toEqual(read)
    expect(deferred.mock.journal.entries[0]).toBe(read[0])
  })

  test('read through the control API and the session view alike', async () => {
    const eager = await start({ onJournalEntry: () => {} })
    const deferred = await start({})
    for (const [path, body, headers] of CASES.slice(0, 4)) {
      await send(eager.url, path, body, headers)
      await send(deferred.url, path, body, headers)
    }
    const overHttp = async (url: string) =>
      ((await (await fetch(`${url}/__standin/journal`)).json()) as JournalEntry[]).map(comparable)
    expect(await overHttp(deferred.url)).toEqual(await overHttp(eager.url))
    expect(deferred.mock.session('default').journal.last()!.id).toBe('req_4')
  })

  test('entries not yet read still count against the journal byte limit', async () => {
    const { mock, url } = await start({ journalBytes: 4 * 1024 })
    for (let i = 0; i < 20; i++) await send(url, '/v1/chat/completions', chat(`hello ${'x'.repeat(400)}`))
    const kept = mock.journal.entries
    expect(kept.length).toBeGreaterThan(1)
    expect(kept.length).toBeLessThan(10)
    expect(kept[kept.length - 1]!.id).toBe('req_20')
  })
})
