import OpenAI from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, type JournalEntry } from '../src/internal'
import { postJson, startOpenAIMock, type OpenAIMock } from './helpers/mock-server'

let server: OpenAIMock
let client: OpenAI
beforeAll(async () => {
  server = await startOpenAIMock()
  client = server.client
})
afterAll(() => server.close())
beforeEach(() => server.mock.reset())

const user = (content: string) => [{ role: 'user' as const, content }]
const control = (path: string, init: RequestInit = {}) => fetch(`${server.url}/__standin${path}`, init)
const postControl = (path: string, body?: unknown) =>
  control(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

describe('every request is recorded', () => {
  test('a matched chat request: method, path, surface, raw body, canonical request, fixture, status, summary', async () => {
    server.mock.onMessage(
      'weather',
      { content: 'Sunny.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' }, id: 'call_w' }] },
      { id: 'weather-fixture' },
    )
    await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'weather in Paris?' },
      ],
    })
    expect(server.mock.journal.size).toBe(1)
    const entry = server.mock.journal.last()!
    expect(entry).toMatchObject({
      id: expect.stringMatching(/^req_\d+$/),
      method: 'POST',
      path: '/v1/chat/completions',
      session: 'default',
      surface: 'openai.chat',
      provider: 'openai',
      fixture: { id: 'weather-fixture', source: 'on()' },
      response: {
        status: 200,
        stream: false,
        text: 'Sunny.',
        toolCalls: [{ id: 'call_w', name: 'get_weather', arguments: '{"city":"Paris"}' }],
      },
    })
    expect(JSON.parse(entry.body)).toMatchObject({
      model: 'gpt-4o',
      messages: [{ role: 'system' }, { role: 'user' }],
    })
    expect(entry.request).toMatchObject({
      kind: 'chat',
      model: 'gpt-4o',
      system: 'Be brief.',
      stream: false,
      messages: [
        { role: 'system', text: 'Be brief.' },
        { role: 'user', text: 'weather in Paris?' },
      ],
    })
    expect(entry.time).toBeGreaterThan(Date.now() - 60_000)
    expect(entry.durationMs).toBeGreaterThanOrEqual(0)
    expect(entry.miss).toBeUndefined()
  })

  test('credentials in headers are redacted', async () => {
    server.mock.onMessage('secret', { content: 'x' })
    await client.chat.completions.create(
      { model: 'gpt-4o', messages: user('secret') },
      { headers: { 'x-api-key': 'sk-live-123' } },
    )
    const headers = server.mock.journal.last()!.headers
    expect(headers.authorization).toBe('[redacted]')
    expect(headers['x-api-key']).toBe('[redacted]')
    expect(JSON.stringify(server.mock.journal.toJSON())).not.toContain('sk-live-123')
    expect(JSON.stringify(server.mock.journal.toJSON())).not.toContain('test-key')
  })

  test('headers are journaled as node read them: a repeated one joined, names lower-case, in order', async () => {
    server.mock.onMessage('raw', { content: 'x' })
    const { connect } = await import('node:net')
    const body = JSON.stringify({ model: 'gpt-4o', messages: user('raw') })
    const port = new URL(server.url).port
    const socket = connect(Number(port), '127.0.0.1')
    const reply = new Promise<string>((resolve) => {
      let text = ''
      socket.on('data', (chunk) => {
        text += chunk
        if (text.includes('\r\n\r\n') && text.endsWith('}')) resolve(text)
      })
    })
    socket.write(
      [
        'POST /v1/chat/completions HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Content-Type: application/json',
        'X-Trace: one',
        'X-Trace: two',
        'Authorization: Bearer sk-raw-1',
        `Content-Length: ${body.length}`,
        '',
        body,
      ].join('\r\n'),
    )
    expect(await reply).toMatch(/^HTTP\/1\.1 200 /)
    socket.destroy()
    expect(server.mock.journal.last()!.headers).toStrictEqual({
      host: `127.0.0.1:${port}`,
      'content-type': 'application/json',
      'x-trace': 'one, two',
      authorization: '[redacted]',
      'content-length': String(body.length),
    })
    expect(Object.keys(server.mock.journal.last()!.headers)).toEqual([
      'host',
      'content-type',
      'x-trace',
      'authorization',
      'content-length',
    ])
  })

  test('a streamed request is recorded as a stream with its text', async () => {
    server.mock.onMessage('stream', { content: 'streamed text', reasoning: 'thinking' })
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      messages: user('stream it'),
    })
    for await (const _ of stream) {
      // drain
    }
    expect(server.mock.journal.last()!.response).toMatchObject({
      status: 200,
      stream: true,
      text: 'streamed text',
      reasoning: 'thinking',
    })
  })

  test('a miss is recorded with its diagnostic and no fixture', async () => {
    server.mock.onMessage('something specific', { content: 'x' }, { id: 'specific' })
    await expect(
      client.chat.completions.create({ model: 'gpt-4o', messages: user('something else') }),
    ).rejects.toThrow()
    const entry = server.mock.journal.last()!
    expect(entry.fixture).toBeNull()
    expect(entry.response).toMatchObject({ status: 404, error: { code: 'no_fixture_match' } })
    expect(entry.miss).toMatchObject({
      request: { kind: 'chat', model: 'gpt-4o', lastUserMessage: 'something else' },
      closest: [{ fixtureId: 'specific', mismatches: [{ field: 'userMessage' }] }],
      fixturesConsidered: 1,
    })
  })

  test('bad input, embeddings, model listings and unknown routes are recorded too', async () => {
    server.mock.onEmbedding('vec', [1, 2])
    await postJson(`${server.url}/v1/chat/completions`, '{oops')
    await client.embeddings.create({ model: 'text-embedding-3-small', input: ['vec a', 'vec b'] })
    await client.models.list()
    await fetch(`${server.url}/v2/unknown?x=1`)
    const [bad, embedding, models, unknown] = server.mock.journal.entries
    expect(bad).toMatchObject({
      surface: 'openai.chat',
      request: null,
      body: '{oops',
      response: { status: 400 },
    })
    expect(embedding).toMatchObject({
      surface: 'openai.embeddings',
      request: { kind: 'embedding', inputs: ['vec a', 'vec b'] },
      response: { status: 200, vectors: 2 },
    })
    expect(models).toMatchObject({ method: 'GET', surface: 'openai.models', response: { status: 200 } })
    expect(unknown).toMatchObject({
      method: 'GET',
      path: '/v2/unknown?x=1',
      surface: null,
      response: { status: 404 },
    })
  })

  test('entries are JSON serialisable and survive a round trip', async () => {
    server.mock.onMessage('json', { content: 'x' })
    await client.chat.completions.create({ model: 'gpt-4o', messages: user('json') })
    await client.chat.completions.create({ model: 'gpt-4o', messages: user('miss') }).catch(() => undefined)
    const json = JSON.stringify(server.mock.journal)
    const parsed = JSON.parse(json) as JournalEntry[]
    expect(parsed).toHaveLength(2)
    expect(parsed).toEqual(server.mock.journal.entries)
  })
})

describe('queries', () => {
  test('filter by fields or a function, last with or without a filter', async () => {
    server.mock.onMessage('a', { content: 'A' })
    await client.chat.completions.create({ model: 'gpt-4o', messages: user('a') })
    await client.embeddings.create({ model: 'text-embedding-3-small', input: 'e' })
    await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: user('zzz') })
      .catch(() => undefined)
    const journal = server.mock.journal
    expect(journal.filter({ surface: 'openai.chat' })).toHaveLength(2)
    expect(journal.filter({ matched: false }).map((e) => e.response.status)).toEqual([200, 404])
    expect(journal.filter({ status: 404 })).toHaveLength(1)
    expect(journal.filter((e) => e.request?.model === 'gpt-4o-mini')).toHaveLength(1)
    expect(journal.last()!.response.status).toBe(404)
    expect(journal.last({ matched: true })!.response.text).toBe('A')
    expect(journal.last({ path: '/nowhere' })).toBeUndefined()
  })

  test('journalLimit keeps only the newest entries', async () => {
    const capped = await startOpenAIMock({ journalLimit: 3 })
    try {
      capped.mock.on({}, { content: 'ok' })
      for (let i = 0; i < 7; i++)
        await capped.client.chat.completions.create({ model: 'gpt-4o', messages: user(`message ${i}`) })
      const entries = capped.mock.journal.entries
      expect(entries).toHaveLength(3)
      expect(entries.map((e) => JSON.parse(e.body).messages[0].content)).toEqual([
        'message 4',
        'message 5',
        'message 6',
      ])
      expect(entries.map((e) => e.id)).toEqual(['req_5', 'req_6', 'req_7'])
      expect(capped.mock.journal.last()!.id).toBe('req_7')
    } finally {
      await capped.close()
    }
  })

  test('reset() clears the journal; clear() with a predicate removes only what it selects', async () => {
    server.mock.on({}, { content: 'ok' })
    await client.chat.completions.create({ model: 'gpt-4o', messages: user('one') })
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('two') })
    server.mock.journal.clear((e) => e.request?.model === 'gpt-4o')
    expect(server.mock.journal.entries.map((e) => e.request?.model)).toEqual(['gpt-4o-mini'])
    server.mock.reset()
    expect(server.mock.journal.size).toBe(0)
    expect(server.mock.journal.entries).toEqual([])
  })

  test('the request body kept in the journal is capped, and marked as cut', async () => {
    server.mock.on({}, { content: 'ok' })
    await client.chat.completions.create({ model: 'gpt-4o', messages: user('y'.repeat(100_000)) })
    const entry = server.mock.journal.last()!
    expect(entry.bodyTruncated).toBe(true)
    expect(entry.body.length).toBe(64 * 1024)
  })
})

describe('sessions attribute entries', () => {
  test('by the x-standin-session header and by the /_s/<id>/ path prefix', async () => {
    server.mock.on({}, { content: 'ok' })
    await client.chat.completions.create(
      { model: 'gpt-4o', messages: user('h') },
      { headers: { 'x-standin-session': 'by-header' } },
    )
    const prefixed = new OpenAI({ baseURL: `${server.url}/_s/by-prefix/v1`, apiKey: 'k', maxRetries: 0 })
    await prefixed.chat.completions.create({ model: 'gpt-4o', messages: user('p') })
    await client.chat.completions.create({ model: 'gpt-4o', messages: user('d') })
    const bySession = Object.fromEntries(server.mock.journal.entries.map((e) => [e.session, e.path]))
    expect(bySession).toEqual({
      'by-header': '/v1/chat/completions',
      'by-prefix': '/v1/chat/completions',
      default: '/v1/chat/completions',
    })
    expect(server.mock.journal.filter({ session: 'by-prefix' })).toHaveLength(1)
  })

  test("a session handle's url and journal see only its own requests", async () => {
    server.mock.on({}, { content: 'shared' })
    const session = server.mock.session('worker-1')
    session.onMessage('mine', { content: 'session fixture' })
    const scoped = new OpenAI({ baseURL: `${session.url}/v1`, apiKey: 'k', maxRetries: 0 })
    const reply = await scoped.chat.completions.create({ model: 'gpt-4o', messages: user('mine') })
    expect(reply.choices[0]!.message.content).toBe('session fixture')
    await client.chat.completions.create({ model: 'gpt-4o', messages: user('mine') })
    expect(session.journal.size).toBe(1)
    expect(session.journal.last()!.response.text).toBe('session fixture')
    expect(server.mock.journal.size).toBe(2)
  })

  test('a malformed escape in a session id is kept as written, over HTTP and in-process', async () => {
    server.mock.on({}, { content: 'ok' })
    const http = await postJson(`${server.url}/_s/%E0%A4%A/v1/chat/completions`, {
      model: 'gpt-4o',
      messages: user('x'),
    })
    expect(http.status).toBe(200)
    expect(server.mock.journal.last()!.session).toBe('%E0%A4%A')
    const inProcess = await server.mock.handle(
      new Request('http://x/__standin/sessions/%E0%A4%A', { method: 'DELETE' }),
    )
    expect(inProcess.status).toBe(204)
    expect(server.mock.journal.size).toBe(0)
  })

  test('requests made inside withSession() are attributed in-process', async () => {
    const { withSession } = await import('../src/internal')
    server.mock.on({}, { content: 'ok' })
    await withSession('in-process', () =>
      server.mock.handle(
        new Request('http://standin.local/v1/chat/completions', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'gpt-4o', messages: user('x') }),
        }),
      ),
    )
    expect(server.mock.journal.last()!.session).toBe('in-process')
  })
})

describe('control API', () => {
  test('GET /__standin/health (and /health) reports status and counts', async () => {
    server.mock.onMessage('x', { content: 'y' })
    const health = await control('/health')
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok', fixtures: 1, sessions: 0 })
    expect((await fetch(`${server.url}/health`)).status).toBe(200)
  })

  test('POST /__standin/fixtures adds valid fixtures that then serve', async () => {
    const response = await postControl('/fixtures', {
      fixtures: [
        { id: 'remote', match: { userMessage: 'remote' }, response: { content: 'added over HTTP' } },
      ],
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ added: 1, ids: ['remote'], warnings: [] })
    const reply = await client.chat.completions.create({ model: 'gpt-4o', messages: user('remote control') })
    expect(reply.choices[0]!.message.content).toBe('added over HTTP')
    expect(server.mock.journal.last()!.fixture).toEqual({ id: 'remote', source: 'control API' })
  })

  test('POST /__standin/fixtures with invalid fixtures is a 400 listing every issue, and adds nothing', async () => {
    const response = await postControl('/fixtures', {
      fixtures: [
        { match: { userMesage: 'x' }, response: { content: 'x' } },
        { match: {}, response: { content: 'x', status: 500 } },
      ],
    })
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(body.error.type).toBe('invalid_fixture')
    expect(body.error.issues).toEqual([
      {
        file: 'control API',
        path: 'fixtures[0].match.userMesage',
        message: expect.stringContaining('did you mean "userMessage"'),
      },
      {
        file: 'control API',
        path: 'fixtures[1].response.status',
        message: 'status is only allowed with "error"',
      },
    ])
    expect(server.mock.fixtures).toHaveLength(0)
    const notJson = await control('/fixtures', { method: 'POST', body: '{' })
    expect(notJson.status).toBe(400)
  })

  test('GET /__standin/journal lists entries, ?session= one session only', async () => {
    server.mock.on({}, { content: 'ok' })
    await client.chat.completions.create({ model: 'gpt-4o', messages: user('a') })
    await client.chat.completions.create(
      { model: 'gpt-4o', messages: user('b') },
      { headers: { 'x-standin-session': 's1' } },
    )
    const all = (await (await control('/journal')).json()) as JournalEntry[]
    expect(all.map((e) => e.session)).toEqual(['default', 's1'])
    const one = (await (await control('/journal?session=s1')).json()) as JournalEntry[]
    expect(one).toHaveLength(1)
    expect(one[0]!.request).toMatchObject({ messages: [{ text: 'b' }] })
    expect(server.mock.journal.size).toBe(2)
  })

  test('POST /__standin/reset clears run-time fixtures and the journal', async () => {
    server.mock.onMessage('temp', { content: 'x' })
    await client.chat.completions.create({ model: 'gpt-4o', messages: user('temp') })
    const response = await postControl('/reset')
    expect(response.status).toBe(200)
    expect(server.mock.fixtures).toHaveLength(0)
    expect(server.mock.journal.size).toBe(0)
  })

  test('sessions: create, add fixtures, read the journal, delete', async () => {
    const created = await postControl('/sessions', { id: 'remote-session' })
    expect(created.status).toBe(201)
    expect(await created.json()).toEqual({ id: 'remote-session', pathPrefix: '/_s/remote-session' })
    expect(await (await control('/sessions')).json()).toEqual(['remote-session'])

    const added = await postControl('/sessions/remote-session/fixtures', [
      { match: { userMessage: 'hi' }, response: { content: 'session hi' } },
    ])
    expect(added.status).toBe(200)
    const scoped = new OpenAI({ baseURL: `${server.url}/_s/remote-session/v1`, apiKey: 'k', maxRetries: 0 })
    expect(
      (await scoped.chat.completions.create({ model: 'gpt-4o', messages: user('hi') })).choices[0]!.message
        .content,
    ).toBe('session hi')
    await expect(
      client.chat.completions.create({ model: 'gpt-4o', messages: user('hi') }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError)

    const journal = (await (await control('/sessions/remote-session/journal')).json()) as JournalEntry[]
    expect(journal).toHaveLength(1)
    expect(journal[0]!.session).toBe('remote-session')

    const generated = await (await postControl('/sessions')).json()
    expect(generated.id).toMatch(/^s_/)

    const deleted = await control('/sessions/remote-session', { method: 'DELETE' })
    expect(deleted.status).toBe(204)
    expect(await (await control('/sessions')).json()).toEqual([generated.id])
    expect(server.mock.journal.filter({ session: 'remote-session' })).toHaveLength(0)
  })

  test('an unknown control route is a 404 and is not journaled', async () => {
    const response = await control('/nothing-here')
    expect(response.status).toBe(404)
    expect(server.mock.journal.size).toBe(0)
  })
})

describe('a mock without a server', () => {
  test('url throws before listen(); start() and stop() follow the seed lifecycle', async () => {
    const mock = createStandin({ strict: false })
    expect(() => mock.url).toThrow(/not listening/)
    const url = await mock.start()
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(mock.url).toBe(url)
    expect((await fetch(`${url}/__standin/health`)).status).toBe(200)
    await mock.stop()
    expect(() => mock.url).toThrow(/not listening/)
    await expect(fetch(`${url}/__standin/health`)).rejects.toThrow()
  })
})
