/**
 * Issue 9, items 2–5, 10 and 13 (control API): a server shared by many workers keeps each session's
 * journal, fixtures and protocol state to itself, bounds what it keeps, and can always be read.
 */
import OpenAI from 'openai'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createA2aServer, createMcpServer, formatJournal, type JournalEntry } from '../../src/internal'
import { postJson, startOpenAIMock, type OpenAIMock } from '../helpers/mock-server'
import { isTask, sendRequest, v1Client } from '../a2a/a2a-helpers'
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'

let server: OpenAIMock | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function start(options: Parameters<typeof startOpenAIMock>[0] = {}): Promise<OpenAIMock> {
  server = await startOpenAIMock(options)
  return server
}

const user = (text: string) => [{ role: 'user' as const, content: text }]

async function readJournal(url: string, init: RequestInit = {}): Promise<JournalEntry[]> {
  const response = await fetch(`${url}/__standin/journal`, init)
  expect(response.status).toBe(200)
  return (await response.json()) as JournalEntry[]
}

/** `{"properties":{"a":{"properties":{"a":…}}}}`, `depth` levels deep, as JSON text. */
function deepSchemaText(depth: number): string {
  return '{"properties":{"a":'.repeat(depth) + '{"type":"string"}' + '}}'.repeat(depth)
}

async function inBatches(count: number, width: number, send: (i: number) => Promise<unknown>) {
  for (let i = 0; i < count; i += width)
    await Promise.all(Array.from({ length: Math.min(width, count - i) }, (_, j) => send(i + j)))
}

describe('the journal is bounded in bytes and can always be read', () => {
  test('600 requests of 1 MB each: the journal answers 200 and keeps at most the byte budget', async () => {
    const { mock, url } = await start({ journalBudget: 8 * 1024 * 1024 })
    mock.on({}, { content: 'ok' })
    const prompt = 'x'.repeat(1024 * 1024)
    await inBatches(600, 6, async (i) => {
      const response = await postJson(`${url}/v1/chat/completions`, {
        model: 'm',
        messages: user(`${i} ${prompt}`),
      })
      expect(response.status).toBe(200)
      await response.arrayBuffer()
    })
    const journal = await readJournal(url)
    expect(journal.length).toBeGreaterThan(0)
    expect(journal.length).toBeLessThan(600)
    // The newest request is kept, its body cut to 64 KiB and its prompt cut too.
    const last = journal[journal.length - 1]!
    expect(last.bodyTruncated).toBe(true)
    expect(last.body.length).toBe(64 * 1024)
    expect(JSON.stringify(journal).length).toBeLessThan(8 * 1024 * 1024 + 64 * 1024)
    // 600 MB through the server: on a busy 2-core machine this takes longer than the default 20 s.
  }, 90_000)

  test('tool parameters 5,000 levels deep (OpenAI, Anthropic, Gemini, A2A): the journal stays readable', async () => {
    const { mock, url } = await start()
    mock.mount(
      '/a2a',
      createA2aServer({ agents: [{ name: 'deep', messages: [{ pattern: '', parts: 'ok' }] }] }),
    )
    mock.on({}, { content: 'ok' })
    // Written as text: JSON.stringify itself cannot nest this deep on a test worker's stack.
    const deep = deepSchemaText(5000)
    expect(deep.length).toBeGreaterThan(29_000)
    const sends: [string, string][] = [
      [
        '/v1/chat/completions',
        `{"model":"gpt-4o","messages":[{"role":"user","content":"deep"}],"tools":[{"type":"function","function":{"name":"deep","parameters":${deep}}}]}`,
      ],
      [
        '/v1/messages',
        `{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"user","content":"deep"}],"tools":[{"name":"deep","input_schema":${deep}}]}`,
      ],
      [
        '/v1beta/models/gemini-2.5-flash:generateContent',
        `{"contents":[{"role":"user","parts":[{"text":"deep"}]}],"tools":[{"functionDeclarations":[{"name":"deep","parametersJsonSchema":${deep}}]}]}`,
      ],
      [
        '/a2a/deep',
        `{"jsonrpc":"2.0","id":1,"method":"message/send","params":{"message":{"kind":"message","messageId":"m1","role":"user","parts":[{"kind":"text","text":"deep"}],"metadata":${deep}}}}`,
      ],
    ]
    for (const [path, body] of sends) {
      const headers = { 'anthropic-version': '2023-06-01', 'x-goog-api-key': 'k' }
      const response = await postJson(`${url}${path}`, body, headers)
      expect(response.status, path).toBe(200)
    }
    const journal = await readJournal(url)
    expect(journal.map((e) => e.provider)).toEqual(['openai', 'anthropic', 'gemini', 'a2a'])
    expect(JSON.stringify(mock.journal.entries)).toContain('[deeper than 64 levels]')
    expect(formatJournal(mock.journal.entries, 'deep')).toContain('deep')
  })
})

describe('sessions own their journal, fixtures and state', () => {
  test("session A's 5 entries survive 1,100 requests of session B", async () => {
    const { mock, client } = await start()
    mock.on({}, { content: 'ok' })
    const session = (id: string) => ({ headers: { 'x-standin-session': id } })
    for (let i = 0; i < 5; i++)
      await client.chat.completions.create({ model: 'm', messages: user(`a${i}`) }, session('A'))
    await inBatches(1100, 10, (i) =>
      client.chat.completions.create({ model: 'm', messages: user(`b${i}`) }, session('B')),
    )
    expect(mock.session('A').journal.size).toBe(5)
    expect(mock.session('B').journal.size).toBe(1000)
    expect(
      mock
        .session('A')
        .journal.entries.map((e) => (e.request as { messages: { text: string }[] }).messages[0]!.text),
    ).toEqual(['a0', 'a1', 'a2', 'a3', 'a4'])
  })

  test('the control API acts on the session a request names, by prefix, header or ?session=', async () => {
    const { mock, url } = await start()
    mock.session('alice').onMessage('hi', { content: 'alice hi' })
    mock.session('bob').onMessage('hi', { content: 'bob hi' })
    const ask = (session: string) =>
      new OpenAI({ baseURL: `${url}/_s/${session}/v1`, apiKey: 'k', maxRetries: 0 }).chat.completions.create({
        model: 'm',
        messages: user('hi'),
      })
    await ask('alice')
    await ask('bob')

    // The journal: alice's alone, by prefix and by header; the whole server only when no session is named.
    expect((await readJournal(`${url}/_s/alice`)).map((e) => e.session)).toEqual(['alice'])
    expect(
      (await readJournal(url, { headers: { 'x-standin-session': 'alice' } })).map((e) => e.session),
    ).toEqual(['alice'])
    expect((await readJournal(url)).map((e) => e.session)).toEqual(['alice', 'bob'])

    // A reset scoped to alice leaves bob's fixtures and journal alone.
    expect((await fetch(`${url}/_s/alice/__standin/reset`, { method: 'POST' })).status).toBe(200)
    expect(mock.session('alice').fixtures).toHaveLength(0)
    expect(mock.session('bob').fixtures).toHaveLength(1)
    expect(mock.session('bob').journal.size).toBe(1)
    expect((await ask('bob')).choices[0]!.message.content).toBe('bob hi')

    // Fixtures posted under carol's prefix are carol's, not shared.
    const added = await postJson(`${url}/_s/carol/__standin/fixtures`, {
      fixtures: [{ match: { userMessage: 'hi' }, response: { content: 'carol hi' } }],
    })
    expect(added.status).toBe(200)
    expect(mock.fixtures).toHaveLength(0)
    expect((await ask('carol')).choices[0]!.message.content).toBe('carol hi')

    // A request scoped to alice cannot act on bob through the sessions route.
    const crossed = await fetch(`${url}/_s/alice/__standin/sessions/bob/reset`, { method: 'POST' })
    expect(crossed.status).toBe(403)
    expect(mock.session('bob').fixtures).toHaveLength(1)
  })

  test('generated fixture ids are unique across sessions', async () => {
    const { mock, url } = await start()
    const post = (session: string) =>
      postJson(`${url}/_s/${session}/__standin/fixtures`, {
        fixtures: [{ match: { userMessage: 'x' }, response: { content: session } }],
      }).then((r) => r.json() as Promise<{ ids: string[] }>)
    const [a, b] = [await post('a'), await post('b')]
    expect(a.ids[0]).not.toBe(b.ids[0])
    mock.session('a').onMessage('y', { content: 'y' })
    mock.session('b').onMessage('y', { content: 'y' })
    expect(mock.session('a').fixtures[1]!.id).not.toBe(mock.session('b').fixtures[1]!.id)
  })

  test('stored Responses belong to their session: another session can neither read nor delete them', async () => {
    const { mock, url } = await start()
    mock.on({}, { content: 'stored' })
    const client = (session: string) =>
      new OpenAI({ baseURL: `${url}/_s/${session}/v1`, apiKey: 'k', maxRetries: 0 })
    const created = await client('alice').responses.create({ model: 'gpt-4o', input: 'hi', store: true })
    expect((await client('alice').responses.retrieve(created.id)).id).toBe(created.id)
    await expect(client('bob').responses.retrieve(created.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError)
    await expect(client('bob').responses.delete(created.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError)
    expect((await client('alice').responses.retrieve(created.id)).id).toBe(created.id)
  })

  test("an MCP session belongs to its standin session: another one's client gets 404", async () => {
    const { mock, url } = await start()
    mock.mount(
      '/mcp',
      createMcpServer().onToolCall('lookup', () => 'found'),
    )
    const connect = async (session: string) => {
      const client = new McpClient({ name: 't', version: '1' })
      const transport = new StreamableHTTPClientTransport(new URL(`${url}/_s/${session}/mcp`))
      await client.connect(transport)
      return { client, transport }
    }
    const alice = await connect('alice')
    expect((await alice.client.listTools()).tools.map((t) => t.name)).toEqual(['lookup'])
    const stolen = await fetch(`${url}/_s/bob/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': alice.transport.sessionId!,
        'mcp-protocol-version': '2025-11-25',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    })
    expect(stolen.status).toBe(404)
    await alice.client.close()
  })

  test('an A2A task belongs to its session', async () => {
    const { mock, url } = await start()
    mock.mount(
      '/a2a',
      createA2aServer({ agents: [{ name: 'r', tasks: [{ pattern: '', artifacts: 'done' }] }] }),
    )
    const task = await (await v1Client(`${url}/_s/alice/a2a/r/`)).sendMessage(sendRequest('work'))
    if (!isTask(task)) throw new Error('expected a task')
    const bob = await v1Client(`${url}/_s/bob/a2a/r/`)
    await expect(bob.getTask({ tenant: '', id: task.id })).rejects.toThrow(/not found/i)
  })

  test('deleting the default session resets it; /health never counts below zero', async () => {
    const { url } = await start()
    expect((await fetch(`${url}/__standin/sessions/default`, { method: 'DELETE' })).status).toBe(204)
    const health = (await (await fetch(`${url}/health`)).json()) as { sessions: number }
    expect(health.sessions).toBe(0)
  })
})

describe('sessions are bounded', () => {
  test('past maxSessions the least recently used session is forgotten, 404s included', async () => {
    const { mock, url } = await start({ maxSessions: 50 })
    mock.session('pinned').onMessage('x', { content: 'kept' })
    await inBatches(300, 10, (i) => fetch(`${url}/_s/s${i}/no/such/route`).then((r) => r.arrayBuffer()))
    const health = (await (await fetch(`${url}/health`)).json()) as { sessions: number }
    expect(health.sessions).toBeLessThanOrEqual(50)
    // A session held by a handle in code is never evicted.
    expect(mock.session('pinned').fixtures).toHaveLength(1)
  })

  test('a session used twice in a row stays most recent; a deleted one comes back last', async () => {
    const { url } = await start({ maxSessions: 2 })
    const touch = (id: string) => fetch(`${url}/_s/${id}/no/such/route`).then((r) => r.arrayBuffer())
    const ids = async () => ((await (await fetch(`${url}/__standin/sessions`)).json()) as string[]).sort()
    for (const id of ['a', 'b', 'b', 'a', 'c']) await touch(id)
    // b was used before a's last use: it is the least recently used, forgotten for c.
    expect(await ids()).toEqual(['a', 'c'])
    expect((await fetch(`${url}/__standin/sessions/c`, { method: 'DELETE' })).status).toBe(204)
    for (const id of ['c', 'd']) await touch(id)
    // c, made again after a, is newer than a: a goes for d.
    expect(await ids()).toEqual(['c', 'd'])
  })

  test('an idle session expires after sessionIdleTimeout', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const { mock, url } = await start({ sessionIdleTimeout: 60_000 })
      mock.on({}, { content: 'ok' })
      await postJson(`${url}/_s/idle/v1/chat/completions`, { model: 'm', messages: user('x') })
      const before = (await (await fetch(`${url}/__standin/sessions`)).json()) as string[]
      expect(before).toContain('idle')
      vi.setSystemTime(Date.now() + 61_000)
      await postJson(`${url}/_s/fresh/v1/chat/completions`, { model: 'm', messages: user('x') })
      const after = (await (await fetch(`${url}/__standin/sessions`)).json()) as string[]
      expect(after).toEqual(['fresh'])
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('control API bodies past their caps answer 413', () => {
  test('POST /__standin/sessions over 1 MiB, POST /__standin/fixtures over the body limit', async () => {
    const { url } = await start({ bodyLimit: 2 * 1024 * 1024 })
    const big = JSON.stringify({ id: 'x'.repeat(1024 * 1024 + 10) })
    expect((await postJson(`${url}/__standin/sessions`, big)).status).toBe(413)
    const fixtures = JSON.stringify({ fixtures: [], pad: 'x'.repeat(2 * 1024 * 1024 + 10) })
    expect((await postJson(`${url}/__standin/fixtures`, fixtures)).status).toBe(413)
    expect((await fetch(`${url}/health`)).status).toBe(200)
  })
})
