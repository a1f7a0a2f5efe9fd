/**
 * Bad input on every route of every provider: malformed JSON, the wrong JSON type, fields of the wrong
 * type, an empty body. Each is a 4xx in a JSON body that says what is wrong, the journal records it, and
 * the server goes on answering. Routes are taken from the provider registry, so a new surface is covered
 * without touching this file.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createA2aServer, createAguiServer, createMcpServer, createStandin } from '../src/internal'
import { SURFACES } from '../src/providers'
import { postJson, startOpenAIMock, type OpenAIMock } from './helpers/mock-server'

const PARAMS: Record<string, string> = {
  deployment: 'my-deployment',
  model: 'gemini-2.0-flash',
  modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
  id: 'resp_unknown',
  project: 'p',
  location: 'us-central1',
}

/** A concrete path for a route: `{param}`s filled in, `**` as `/v1`, Azure's api-version added. */
function concrete(path: string): string {
  const filled = path.replace(/^\*\*/, '/v1').replace(/\{([a-zA-Z]+)\+?\}/g, (_, name: string) => {
    return encodeURIComponent(PARAMS[name] ?? 'x')
  })
  return filled.startsWith('/openai/') ? `${filled}?api-version=2024-10-21` : filled
}

const routes = [
  ...new Map(
    SURFACES.flatMap((surface) =>
      surface.routes.map((route) => [
        `${route.method} ${route.path}`,
        { surface: surface.id, method: route.method, path: concrete(route.path) },
      ]),
    ),
  ).values(),
]
const posts = routes.filter((r) => r.method === 'POST')

const BAD_BODIES: [string, string][] = [
  ['invalid JSON', '{"model": "gpt-4o", "messages": ['],
  ['an empty body', ''],
  ['a JSON array', '[1, 2, 3]'],
  ['JSON null', 'null'],
  ['a JSON string', '"hello"'],
  [
    'fields of the wrong type',
    JSON.stringify({ model: 7, messages: 5, contents: 'x', input: {}, prompt: [] }),
  ],
  [
    'messages of the wrong shape',
    JSON.stringify({ model: 'm', messages: [null, 3, { role: 5 }], contents: [null] }),
  ],
]

/** Bodies that are valid for a route: Ollama's /api/show reads only `model` and ignores the rest. */
const VALID: Record<string, string[]> = { '/api/show': ['messages of the wrong shape'] }

let server: OpenAIMock
beforeAll(async () => {
  server = await startOpenAIMock()
  server.mock.onMessage('hello', { content: 'Hi there' })
})
afterAll(() => server.close())

test('the registry yields the routes to check', () => {
  expect(posts.length).toBeGreaterThan(25)
})

describe.each(posts)('$method $path ($surface)', ({ path }) => {
  const bad = BAD_BODIES.filter(([name]) => !VALID[path]?.includes(name))
  test.each(bad)('%s is a 4xx with a JSON error, journaled', async (_, body) => {
    const before = server.mock.journal.size
    const response = await postJson(`${server.url}${path}`, body)
    const text = await response.text()
    expect(response.status, text).toBeGreaterThanOrEqual(400)
    expect(response.status, text).toBeLessThan(500)
    expect(() => JSON.parse(text), text).not.toThrow()
    expect(text.length).toBeGreaterThan(10)
    expect(server.mock.journal.size).toBe(before + 1)
    expect(server.mock.journal.last()!.response.status).toBe(response.status)
    if (_ === 'fields of the wrong type' || _ === 'messages of the wrong shape')
      expect(text, 'the error names the field').toMatch(
        /model|messages|contents|input|prompt|content|role|max_tokens|anthropic_version|requests|query|urls/,
      )
  })
})

test('after all of it the server still answers, and recorded every request', async () => {
  const reply = await server.client.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'hello' }],
  })
  expect(reply.choices[0]!.message.content).toBe('Hi there')
  expect(server.mock.journal.filter({ status: 200 }).length).toBeGreaterThanOrEqual(1)
})

describe('the agent protocols, mounted on one port', () => {
  const mounted = { url: '', close: async () => {} }
  const mock = createStandin({ strict: false })
    .mount('/mcp', createMcpServer())
    .mount('/a2a', createA2aServer().registerAgent({ name: 'helper' }))
    .mount('/agui', createAguiServer().onMessage('hello', 'Hi'))
  beforeAll(async () => Object.assign(mounted, await mock.listen()))
  afterAll(() => mounted.close())

  const JSON_RPC_BAD: [string, string][] = [
    ['invalid JSON', '{"jsonrpc": "2.0", "method": '],
    ['an empty body', ''],
    ['JSON null', 'null'],
    ['a request without a method', '{"jsonrpc": "2.0", "id": 1}'],
    ['params of the wrong type', '{"jsonrpc": "2.0", "id": 1, "method": "message/send", "params": 5}'],
  ]
  const headers = { accept: 'application/json, text/event-stream' }
  const AGUI_BAD: [string, string][] = [
    ...JSON_RPC_BAD.slice(0, 3),
    ['messages of the wrong type', '{"threadId": "t", "runId": "r", "messages": 5}'],
    ['a message of the wrong shape', '{"messages": [{"role": 5, "content": []}]}'],
  ]
  const cases: [string, string, string][] = [
    ...JSON_RPC_BAD.map(([name, body]): [string, string, string] => ['/mcp', name, body]),
    ...JSON_RPC_BAD.map(([name, body]): [string, string, string] => ['/a2a/helper', name, body]),
    ...AGUI_BAD.map(([name, body]): [string, string, string] => ['/agui', name, body]),
  ]
  test.each(cases)(
    '%s: %s is answered with an error, journaled, and the server goes on',
    async (path, _, body) => {
      const before = mock.journal.size
      const response = await postJson(`${mounted.url}${path}`, body, headers)
      const text = await response.text()
      expect(response.status, text).toBeLessThan(500)
      const json = JSON.parse(text)
      // JSON-RPC puts errors in the body (some with HTTP 200, as the spec allows); AG-UI is plain HTTP.
      if (response.status === 200) expect(json.error?.code, text).toEqual(expect.any(Number))
      else expect(response.status).toBeGreaterThanOrEqual(400)
      expect(mock.journal.size).toBeGreaterThan(before)
    },
  )
})
