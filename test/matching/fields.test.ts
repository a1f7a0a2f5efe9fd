import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { CanonicalRequest } from '../../src'
import { asker, type Ask } from '../helpers/answer'
import { startOpenAIMock, type OpenAIMock } from '../helpers/mock-server'

let server: OpenAIMock
let ask: Ask
beforeAll(async () => {
  server = await startOpenAIMock()
  ask = asker(server.client)
})
afterAll(() => server.close())
beforeEach(() => server.mock.reset())

const MISS = 404
const tools = (...names: string[]): ChatCompletionTool[] =>
  names.map((name) => ({
    type: 'function',
    function: { name, parameters: { type: 'object', properties: {} } },
  }))

/** A conversation that called `lookup` with id `id` and is now sending its result. */
const withToolResult = (
  id: string,
  result: string,
  after: ChatCompletionMessageParam[] = [],
): ChatCompletionMessageParam[] => [
  { role: 'user', content: 'look it up' },
  {
    role: 'assistant',
    content: null,
    tool_calls: [{ id, type: 'function', function: { name: 'lookup', arguments: '{}' } }],
  },
  { role: 'tool', tool_call_id: id, content: result },
  ...after,
]

describe('userMessage', () => {
  test('is a case-sensitive substring of the last user message', async () => {
    server.mock.onMessage('weather', { content: 'matched' })
    expect(await ask('what is the weather today?')).toBe('matched')
    expect(await ask('Weather today?')).toBe(MISS)
    expect(await ask('whether')).toBe(MISS)
  })

  test('only the last user message counts', async () => {
    server.mock.onMessage('first question', { content: 'matched' })
    const history: ChatCompletionMessageParam[] = [
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: 'an answer' },
      { role: 'user', content: 'follow-up' },
    ]
    expect(await ask(history)).toBe(MISS)
    expect(await ask(history.slice(0, 1))).toBe('matched')
  })

  test('the last user message still counts after tool results follow it', async () => {
    server.mock.onMessage('look it up', { content: 'matched' })
    expect(await ask(withToolResult('call_1', 'result'))).toBe('matched')
  })

  test('an attachment-only user message after the prompt does not hide the prompt text', async () => {
    server.mock.onMessage('describe this', { content: 'matched' })
    const messages: ChatCompletionMessageParam[] = [
      { role: 'user', content: 'describe this picture' },
      {
        role: 'user',
        content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }],
      },
    ]
    expect(await ask(messages)).toBe('matched')
  })

  test('content arrays are matched on their text parts', async () => {
    server.mock.onMessage('second part', { content: 'matched' })
    const messages: ChatCompletionMessageParam[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'first part' },
          { type: 'text', text: 'second part' },
        ],
      },
    ]
    expect(await ask(messages)).toBe('matched')
  })

  test('a regex in JSON ({"regex", "flags"}) matches with its flags', async () => {
    server.mock.add({
      fixtures: [
        { match: { userMessage: { regex: '^hel+o\\b', flags: 'i' } }, response: { content: 'matched' } },
      ],
    })
    expect(await ask('HELLLLO there')).toBe('matched')
    expect(await ask('oh hello')).toBe(MISS)
  })

  test('a RegExp in code matches, and a global flag does not make it stateful', async () => {
    server.mock.onMessage(/order #(\d+)/g, { content: 'matched' })
    for (let i = 0; i < 3; i++) expect(await ask(`where is order #${i}?`)).toBe('matched')
    expect(await ask('where is my order?')).toBe(MISS)
  })
})

describe('systemMessage', () => {
  const system = (text: string, user = 'hi'): ChatCompletionMessageParam[] => [
    { role: 'system', content: text },
    { role: 'user', content: user },
  ]

  test('a string is a substring of the system text; no system text never matches', async () => {
    server.mock.on({ systemMessage: 'pirate' }, { content: 'matched' })
    expect(await ask(system('You are a pirate.'))).toBe('matched')
    expect(await ask(system('You are a Pirate.'))).toBe(MISS)
    expect(await ask('no system message here, pirate')).toBe(MISS)
  })

  test('an array requires every string', async () => {
    server.mock.on({ systemMessage: ['concise', 'French'] }, { content: 'matched' })
    expect(await ask(system('Be concise. Answer in French.'))).toBe('matched')
    expect(await ask(system('Be concise.'))).toBe(MISS)
  })

  test('a regex matches; developer and several system messages join into one text', async () => {
    server.mock.on({ systemMessage: /tone: (formal|polite)\ntools: on/ }, { content: 'matched' })
    const messages: ChatCompletionMessageParam[] = [
      { role: 'developer', content: 'tone: polite' },
      { role: 'system', content: 'tools: on' },
      { role: 'user', content: 'hi' },
    ]
    expect(await ask(messages)).toBe('matched')
    expect(await ask(system('tone: casual\ntools: on'))).toBe(MISS)
  })

  test('a regex in JSON works too', async () => {
    server.mock.add([
      { match: { systemMessage: { regex: 'ASSISTANT', flags: 'i' } }, response: { content: 'matched' } },
    ])
    expect(await ask(system('You are a helpful assistant'))).toBe('matched')
  })
})

describe('model', () => {
  test('matches exactly, or a dated/versioned variant: prefix then "-<digit>"', async () => {
    server.mock.on({ model: 'gpt-4' }, { content: 'gpt-4 family' })
    expect(await ask('hi', { model: 'gpt-4' })).toBe('gpt-4 family')
    expect(await ask('hi', { model: 'gpt-4-0613' })).toBe('gpt-4 family')
    expect(await ask('hi', { model: 'gpt-4o' })).toBe(MISS)
    expect(await ask('hi', { model: 'gpt-4-turbo' })).toBe(MISS)
    expect(await ask('hi', { model: 'gpt-40' })).toBe(MISS)
  })

  test('claude-opus-4 matches claude-opus-4-20250514, gpt-4o does not match gpt-4o-mini', async () => {
    server.mock.on({ model: 'claude-opus-4' }, { content: 'opus' })
    server.mock.on({ model: 'gpt-4o' }, { content: '4o' })
    expect(await ask('hi', { model: 'claude-opus-4-20250514' })).toBe('opus')
    expect(await ask('hi', { model: 'claude-opus-4-1-20250805' })).toBe('opus')
    expect(await ask('hi', { model: 'gpt-4o-2024-08-06' })).toBe('4o')
    expect(await ask('hi', { model: 'gpt-4o-mini' })).toBe(MISS)
  })

  test('a regex model matches anywhere it tests true', async () => {
    server.mock.on({ model: /^o\d/ }, { content: 'reasoning model' })
    expect(await ask('hi', { model: 'o3-mini' })).toBe('reasoning model')
    expect(await ask('hi', { model: 'gpt-4o' })).toBe(MISS)
  })
})

describe('tools and tool results', () => {
  test('toolName: the request offers a tool with exactly that name', async () => {
    server.mock.onToolCall('search', { content: 'matched' })
    expect(await ask('hi', { tools: tools('fetch', 'search') })).toBe('matched')
    expect(await ask('hi', { tools: tools('search_web') })).toBe(MISS)
    expect(await ask('search')).toBe(MISS)
    // The legacy `functions` list offers tools too, with or without `tools`.
    const legacy = [{ name: 'search', parameters: { type: 'object', properties: {} } }]
    expect(await ask('hi', { functions: legacy })).toBe('matched')
    expect(await ask('hi', { tools: tools('fetch'), functions: legacy })).toBe('matched')
  })

  test('toolCallId: the last message is the result of that call', async () => {
    server.mock.onToolResult('call_abc', { content: 'matched' })
    expect(await ask(withToolResult('call_abc', '42'))).toBe('matched')
    expect(await ask(withToolResult('call_xyz', '42'))).toBe(MISS)
    expect(await ask(withToolResult('call_abc', '42', [{ role: 'user', content: 'and now?' }]))).toBe(MISS)
  })

  test('toolResultContains: the last message is a tool result containing the text', async () => {
    server.mock.on({ toolResultContains: 'temperature: 21' }, { content: 'matched' })
    expect(await ask(withToolResult('call_1', '{"temperature: 21"}'))).toBe('matched')
    expect(await ask(withToolResult('call_1', 'temperature: 30'))).toBe(MISS)
  })

  test('hasToolResult: whether the current turn (after the last user message) carries a tool result', async () => {
    server.mock.on({ hasToolResult: true }, { content: 'has result' })
    server.mock.on({ hasToolResult: false }, { content: 'no result' })
    expect(await ask(withToolResult('call_1', 'x'))).toBe('has result')
    expect(await ask('plain question')).toBe('no result')
    expect(await ask(withToolResult('call_1', 'x', [{ role: 'user', content: 'new turn' }]))).toBe(
      'no result',
    )
  })
})

describe('other fields', () => {
  test('responseFormat equals response_format.type', async () => {
    server.mock.on({ responseFormat: 'json_object' }, { content: '{"json":true}' })
    server.mock.on({ responseFormat: 'text' }, { content: 'text format' })
    expect(await ask('hi', { response_format: { type: 'json_object' } })).toBe('{"json":true}')
    expect(await ask('hi', { response_format: { type: 'text' } })).toBe('text format')
    expect(await ask('hi')).toBe(MISS)
  })

  test('context equals the x-standin-context header (or x-aimock-context); fixtures without context match any', async () => {
    server.mock.on({ context: 'checkout', userMessage: 'hi' }, { content: 'checkout flow' })
    server.mock.on({ context: 'support', userMessage: 'hi' }, { content: 'support flow' })
    server.mock.onMessage('hi', { content: 'no context' })
    expect(await ask('hi', {}, { 'x-standin-context': 'checkout' })).toBe('checkout flow')
    expect(await ask('hi', {}, { 'x-aimock-context': 'support' })).toBe('support flow')
    expect(await ask('hi', {}, { 'x-standin-context': 'other' })).toBe('no context')
    expect(await ask('hi')).toBe('no context')
  })

  test('predicate receives the canonical request; false or a throw means no match', async () => {
    const seen: CanonicalRequest[] = []
    server.mock.on(
      {
        predicate: (request) => {
          seen.push(request)
          if (request.kind !== 'chat') return false
          if (request.messages.length > 3) throw new Error('too long')
          return request.tools.length === 2 && request.model === 'gpt-4o'
        },
      },
      { content: 'matched' },
    )
    expect(await ask('hi', { tools: tools('a', 'b') })).toBe('matched')
    expect(seen[0]).toMatchObject({ kind: 'chat', surface: 'openai.chat', model: 'gpt-4o', stream: false })
    expect(await ask('hi', { tools: tools('a') })).toBe(MISS)
    const long: ChatCompletionMessageParam[] = Array.from({ length: 4 }, () => ({
      role: 'user',
      content: 'x',
    }))
    expect(await ask(long, { tools: tools('a', 'b') })).toBe(MISS)
  })

  test('endpoint restricts a fixture to chat or embeddings', async () => {
    server.mock.on({ endpoint: 'embedding' }, { embedding: [1, 0] })
    server.mock.on({ endpoint: 'chat' }, { content: 'chat only' })
    expect(await ask('anything')).toBe('chat only')
    const embedded = await server.client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'anything',
    })
    expect(embedded.data[0]!.embedding).toEqual([1, 0])
  })

  test('inputText matches embedding input (inputs joined by spaces), never chat', async () => {
    server.mock.on({ inputText: 'alpha beta' }, { embedding: [0.5] })
    const joined = await server.client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['alpha', 'beta'],
    })
    expect(joined.data.map((d) => d.embedding)).toEqual([[0.5], [0.5]])
    const other = await server.client.embeddings.create({ model: 'text-embedding-3-small', input: 'gamma' })
    expect(other.data[0]!.embedding).toHaveLength(1536)
    expect(await ask('alpha beta')).toBe(MISS)
  })

  test('every field given must hold (AND)', async () => {
    server.mock.on({ userMessage: 'book', model: 'gpt-4o', toolName: 'reserve' }, { content: 'matched' })
    expect(await ask('book a table', { tools: tools('reserve') })).toBe('matched')
    expect(await ask('book a table', { tools: tools('reserve'), model: 'gpt-4o-mini' })).toBe(MISS)
    expect(await ask('book a table')).toBe(MISS)
    expect(await ask('cancel', { tools: tools('reserve') })).toBe(MISS)
  })

  test('an empty match answers every chat request', async () => {
    server.mock.on({}, { content: 'catch-all' })
    expect(await ask('anything at all', { model: 'whatever-model' })).toBe('catch-all')
  })
})
