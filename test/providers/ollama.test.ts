/**
 * Ollama's native API beyond the conformance scenarios: NDJSON streaming by default, thinking, tools with
 * object arguments, tool results, `format`, generate, embed and the legacy embeddings, the model list and
 * show, and Ollama's `{"error"}` body with its status, through the `ollama` SDK and raw fetch.
 */
import { Ollama, type ChatResponse, type GenerateResponse } from 'ollama'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, type RunningServer, type Standin } from '../../src'
import { postJson } from '../helpers/mock-server'

const model = 'llama3.2'
let mock: Standin
let server: RunningServer
let client: Ollama

beforeAll(async () => {
  mock = createStandin({ strict: false })
  server = await mock.listen({ port: 0 })
  client = new Ollama({ host: server.url })
})
afterAll(() => server.close())
beforeEach(() => {
  mock.reset()
  mock.strict = false
})

const user = (content: string) => [{ role: 'user', content }]
const post = (path: string, body: unknown) => postJson(`${server.url}${path}`, body)
/** The lines of an NDJSON body, parsed. */
const lines = async (response: Response) =>
  (await response.text())
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line))
const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
}

/** The error a promise rejects with. */
async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { status_code?: number; error?: string }> {
  try {
    await promise
  } catch (error) {
    return error as Error & { status_code?: number }
  }
  throw new Error('expected the request to fail')
}

describe('chat', () => {
  test('stream: false answers one JSON object with counts and durations', async () => {
    mock.onMessage('hello', { content: 'Hi', usage: { input_tokens: 12, output_tokens: 3 } })
    const response = await post('/api/chat', { model, messages: user('hello'), stream: false })
    expect(response.headers.get('content-type')).toContain('application/json')
    expect(await response.json()).toEqual({
      model,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      message: { role: 'assistant', content: 'Hi' },
      done: true,
      done_reason: 'stop',
      total_duration: 5_000_000 + 12_000_000 + 60_000_000,
      load_duration: 5_000_000,
      prompt_eval_count: 12,
      prompt_eval_duration: 12_000_000,
      eval_count: 3,
      eval_duration: 60_000_000,
    })
  })

  test('streams NDJSON when the request says nothing about stream', async () => {
    mock.onMessage('story', { content: 'Once upon a time there was a mock.' }, { chunkSize: 10 })
    const response = await post('/api/chat', { model, messages: user('a story') })
    expect(response.headers.get('content-type')).toBe('application/x-ndjson')
    const parts = await lines(response)
    expect(parts.length).toBeGreaterThan(2)
    for (const part of parts.slice(0, -1)) {
      expect(part).toEqual({
        model,
        created_at: expect.any(String),
        message: { role: 'assistant', content: expect.any(String) },
        done: false,
      })
    }
    expect(parts.map((p) => p.message.content).join('')).toBe('Once upon a time there was a mock.')
    expect(parts.at(-1)).toMatchObject({
      message: { role: 'assistant', content: '' },
      done: true,
      done_reason: 'stop',
      eval_count: 9,
    })
  })

  test('the SDK assembles a stream and stops at the done line', async () => {
    mock.onMessage('story', { content: 'Once upon a time there was a mock.' }, { chunkSize: 5 })
    const parts: ChatResponse[] = []
    for await (const part of await client.chat({ model, messages: user('a story'), stream: true }))
      parts.push(part)
    expect(parts.map((p) => p.message.content).join('')).toBe('Once upon a time there was a mock.')
    expect(parts.at(-1)).toMatchObject({ done: true, done_reason: 'stop' })
  })

  test('a length finish is done_reason "length"', async () => {
    mock.onMessage('long', { content: 'cut', finishReason: 'length' })
    const r = await client.chat({ model, messages: user('long') })
    expect(r.done_reason).toBe('length')
  })

  test('the fixture model overrides the echoed model; the request model is echoed otherwise', async () => {
    mock.onMessage('which', { content: 'me', model: 'qwen3:8b' })
    expect((await client.chat({ model, messages: user('which') })).model).toBe('qwen3:8b')
    mock.onMessage('echo', { content: 'you' })
    expect((await client.chat({ model: 'mistral:7b', messages: user('echo') })).model).toBe('mistral:7b')
  })

  test('system messages are the canonical system text', async () => {
    mock.on({ systemMessage: 'pirate' }, { content: 'Arr' })
    const r = await client.chat({
      model,
      messages: [{ role: 'system', content: 'You are a pirate.' }, ...user('hi')],
    })
    expect(r.message.content).toBe('Arr')
    const request = mock.journal.last()?.request
    expect(request?.kind === 'chat' && request.system).toBe('You are a pirate.')
  })

  test('a seeded mock gives the same created_at on every run', async () => {
    const seeded = createStandin({ strict: false, seed: 7 })
    seeded.onMessage('hello', { content: 'Hi' })
    const first = (await (await seeded.handle(chatRequest())).json()) as ChatResponse
    seeded.reset()
    seeded.onMessage('hello', { content: 'Hi' })
    const again = (await (await seeded.handle(chatRequest())).json()) as ChatResponse
    expect(first.created_at).toBe('2025-01-01T00:00:00.000Z')
    expect(again.created_at).toBe(first.created_at)
  })
})

function chatRequest(): Request {
  return new Request('http://standin.test/api/chat', {
    method: 'POST',
    body: JSON.stringify({ model, messages: user('hello'), stream: false }),
  })
}

describe('thinking', () => {
  test('reasoning is message.thinking, and streams before the content', async () => {
    mock.onMessage('think', { reasoning: 'Let me see.', content: 'Done.' })
    const r = await client.chat({ model, messages: user('think'), think: true })
    expect(r.message).toEqual({ role: 'assistant', content: 'Done.', thinking: 'Let me see.' })
    const parts = await lines(await post('/api/chat', { model, messages: user('think'), think: true }))
    const thinking = parts.filter((p) => p.message.thinking)
    expect(thinking.map((p) => p.message.thinking).join('')).toBe('Let me see.')
    expect(parts.indexOf(thinking.at(-1))).toBeLessThan(parts.findIndex((p) => p.message.content !== ''))
  })

  test('think: false keeps reasoning out of the answer', async () => {
    mock.onMessage('think', { reasoning: 'Let me see.', content: 'Done.' })
    const r = await client.chat({ model, messages: user('think'), think: false })
    expect(r.message).toEqual({ role: 'assistant', content: 'Done.' })
    const parts = await lines(await post('/api/chat', { model, messages: user('think'), think: false }))
    expect(parts.some((p) => 'thinking' in p.message)).toBe(false)
  })

  test('think accepts an effort level', async () => {
    mock.onMessage('think', { reasoning: 'Hmm.', content: 'Yes.' })
    const r = await client.chat({ model, messages: user('think'), think: 'high' })
    expect(r.message.thinking).toBe('Hmm.')
  })
})

describe('tools', () => {
  const weatherCall = { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' }, id: 'call_1' }] }

  test('tool calls carry their arguments as an object, with the call id and index', async () => {
    mock.on({ toolName: 'get_weather' }, weatherCall)
    const r = await client.chat({ model, messages: user('weather?'), tools: [weatherTool] })
    expect(r.message).toEqual({
      role: 'assistant',
      content: '',
      tool_calls: [
        { id: 'call_1', function: { index: 0, name: 'get_weather', arguments: { city: 'Paris' } } },
      ],
    })
    expect(r.done_reason).toBe('stop')
    const request = mock.journal.last()?.request
    expect(request?.kind === 'chat' && request.tools).toEqual([
      { name: 'get_weather', description: 'Current weather', parameters: weatherTool.function.parameters },
    ])
  })

  test('a streamed tool call arrives whole in one line, before the done line', async () => {
    mock.on({ toolName: 'get_weather' }, weatherCall, { chunkSize: 3 })
    const parts = await lines(
      await post('/api/chat', { model, messages: user('weather?'), tools: [weatherTool] }),
    )
    expect(parts).toHaveLength(2)
    expect(parts[0].message.tool_calls).toEqual([
      { id: 'call_1', function: { index: 0, name: 'get_weather', arguments: { city: 'Paris' } } },
    ])
    expect(parts[1]).toMatchObject({ done: true, done_reason: 'stop' })
  })

  test('text and several calls: the calls are numbered in order', async () => {
    mock.onMessage('both', {
      content: 'Checking.',
      toolCalls: [
        { name: 'a', arguments: {} },
        { name: 'b', arguments: '{"x":1}' },
      ],
    })
    const r = await client.chat({ model, messages: user('both') })
    expect(r.message.content).toBe('Checking.')
    expect(r.message.tool_calls?.map((c) => [c.function.name, c.function.arguments])).toEqual([
      ['a', {}],
      ['b', { x: 1 }],
    ])
  })

  test('a tool message links to the call of its tool_name', async () => {
    mock.on({ toolResultContains: '18C' }, { content: 'It is 18C.' })
    const r = await client.chat({
      model,
      messages: [
        ...user('weather in Paris and Rome?'),
        {
          role: 'assistant',
          content: '',
          tool_calls: [
            { function: { name: 'clock', arguments: {} } },
            { function: { name: 'get_weather', arguments: { city: 'Paris' } } },
          ],
        },
        { role: 'tool', content: '18C', tool_name: 'get_weather' },
      ],
    })
    expect(r.message.content).toBe('It is 18C.')
    const request = mock.journal.last()?.request
    if (request?.kind !== 'chat') throw new Error('expected a chat request')
    expect(request.messages[1]?.toolCalls).toEqual([
      { id: 'call_1_0', name: 'clock', arguments: '{}' },
      { id: 'call_1_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    ])
    expect(request.messages[2]?.toolResult).toEqual({
      toolCallId: 'call_1_1',
      name: 'get_weather',
      content: '18C',
    })
  })

  test('a tool message with tool_call_id links to that call', async () => {
    mock.on({ toolCallId: 'call_9' }, { content: 'ok' })
    const response = await post('/api/chat', {
      model,
      stream: false,
      messages: [
        ...user('go'),
        {
          role: 'assistant',
          content: '',
          tool_calls: [{ id: 'call_9', function: { name: 'go', arguments: {} } }],
        },
        { role: 'tool', content: 'went', tool_call_id: 'call_9' },
      ],
    })
    expect((await response.json()).message.content).toBe('ok')
  })
})

describe('format', () => {
  test('"json" is the json_object response format; a schema is json_schema', async () => {
    mock.on({ responseFormat: 'json_object' }, { content: { any: true } })
    mock.on({ responseFormat: 'json_schema' }, { content: { city: 'Paris' } })
    const loose = await client.chat({ model, messages: user('json'), format: 'json' })
    expect(JSON.parse(loose.message.content)).toEqual({ any: true })
    const schema = { type: 'object', properties: { city: { type: 'string' } } }
    const strict = await client.chat({ model, messages: user('json'), format: schema })
    expect(JSON.parse(strict.message.content)).toEqual({ city: 'Paris' })
    const request = mock.journal.last()?.request
    expect(request?.kind === 'chat' && request.responseFormat).toEqual({ type: 'json_schema', schema })
  })
})

describe('generate', () => {
  test('prompt and system in, response (and thinking) out', async () => {
    mock.on(
      { userMessage: 'sky', systemMessage: 'terse' },
      { reasoning: 'Rayleigh.', content: 'Scattering.' },
    )
    const r = await client.generate({ model, prompt: 'why is the sky blue?', system: 'Be terse.' })
    expect(r).toEqual({
      model,
      created_at: expect.any(String),
      response: 'Scattering.',
      thinking: 'Rayleigh.',
      done: true,
      done_reason: 'stop',
      total_duration: expect.any(Number),
      load_duration: expect.any(Number),
      prompt_eval_count: expect.any(Number),
      prompt_eval_duration: expect.any(Number),
      eval_count: expect.any(Number),
      eval_duration: expect.any(Number),
    })
    expect(mock.journal.last()?.surface).toBe('ollama.generate')
  })

  test('streams response pieces and a done line', async () => {
    mock.onMessage('count', { content: 'one two three four' }, { chunkSize: 4 })
    const parts: GenerateResponse[] = []
    for await (const part of await client.generate({ model, prompt: 'count', stream: true })) parts.push(part)
    expect(parts.length).toBeGreaterThan(2)
    expect(parts.map((p) => p.response).join('')).toBe('one two three four')
    expect(parts.at(-1)).toMatchObject({ done: true, done_reason: 'stop', response: '' })
  })

  test('raw requests stream by default', async () => {
    mock.onMessage('count', { content: 'one two' }, { chunkSize: 3 })
    const response = await post('/api/generate', { model, prompt: 'count' })
    expect(response.headers.get('content-type')).toBe('application/x-ndjson')
    const parts = await lines(response)
    expect(parts.map((p) => p.response).join('')).toBe('one two')
    expect(parts.slice(0, -1).every((p) => p.done === false)).toBe(true)
  })
})

describe('embeddings', () => {
  test('/api/embed: one vector per input, cut to dimensions', async () => {
    const r = await client.embed({ model: 'nomic-embed-text', input: ['a', 'b'], dimensions: 8 })
    expect(r.model).toBe('nomic-embed-text')
    expect(r.embeddings).toHaveLength(2)
    expect(r.embeddings.every((v) => v.length === 8)).toBe(true)
    expect(r.embeddings[0]).not.toEqual(r.embeddings[1])
    expect(r.prompt_eval_count).toBe(2)
    const single = await client.embed({ model: 'nomic-embed-text', input: 'a', dimensions: 8 })
    expect(single.embeddings).toEqual([r.embeddings[0]])
  })

  test('/api/embed serves an embedding fixture', async () => {
    mock.onEmbedding('cats', [0.1, 0.2, 0.3])
    const r = await client.embed({ model: 'nomic-embed-text', input: 'about cats' })
    expect(r.embeddings).toEqual([[0.1, 0.2, 0.3]])
  })

  test('the legacy /api/embeddings answers one embedding for the prompt', async () => {
    mock.onEmbedding('dogs', [0.5, 0.5])
    const r = await client.embeddings({ model: 'nomic-embed-text', prompt: 'dogs' })
    expect(r).toEqual({ embedding: [0.5, 0.5] })
    expect(mock.journal.last()?.surface).toBe('ollama.embeddings')
  })
})

describe('models', () => {
  test('list: default models in the tags shape', async () => {
    const { models } = await client.list()
    expect(models.map((m) => m.name)).toEqual(['llama3.2:latest', 'qwen3:latest', 'nomic-embed-text:latest'])
    expect(models[0]).toEqual({
      name: 'llama3.2:latest',
      model: 'llama3.2:latest',
      modified_at: expect.any(String),
      size: expect.any(Number),
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      details: {
        parent_model: '',
        format: 'gguf',
        family: 'llama',
        families: ['llama'],
        parameter_size: expect.any(String),
        quantization_level: expect.any(String),
      },
    })
  })

  test('list: the models the fixtures name, tagged', async () => {
    mock.on({ model: 'gemma3' }, { content: 'x' })
    mock.on({ model: 'qwen3:8b' }, { content: 'y' })
    const { models } = await client.list()
    expect(models.map((m) => m.name)).toEqual(['gemma3:latest', 'qwen3:8b'])
  })

  test('show: details and capabilities of a model', async () => {
    const r = await client.show({ model: 'llama3.2' })
    expect(r).toMatchObject({
      details: { family: 'llama', format: 'gguf' },
      capabilities: ['completion', 'tools', 'thinking'],
      modelfile: expect.stringContaining('FROM llama3.2:latest'),
    })
    expect((await client.show({ model: 'nomic-embed-text' })).capabilities).toEqual(['embedding'])
  })

  test('show: a model the fixtures do not name is a 404', async () => {
    mock.on({ model: 'gemma3' }, { content: 'x' })
    const error = await rejection(client.show({ model: 'llama3.2' }))
    expect(error.name).toBe('ResponseError')
    expect(error.status_code).toBe(404)
    expect(error.message).toBe("model 'llama3.2' not found")
  })

  test('show: without a model is a 400 naming it', async () => {
    const response = await post('/api/show', {})
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ error: 'model is required' })
  })
})

describe('errors', () => {
  test('an error fixture is a ResponseError with the status and message, streamed or not', async () => {
    mock.onMessage('overload', { error: { message: 'server busy' }, status: 503 })
    for (const stream of [false, true] as const) {
      const error = await rejection(client.chat({ model, messages: user('overload'), stream } as never))
      expect(error.name).toBe('ResponseError')
      expect(error.status_code).toBe(503)
      expect(error.error).toBe('server busy')
    }
    const response = await post('/api/chat', { model, messages: user('overload') })
    expect(await response.json()).toEqual({ error: 'server busy' })
  })

  test('a miss is a 404 (503 when strict) whose error explains what did not match', async () => {
    const lenient = await rejection(client.chat({ model, messages: user('nothing matches this') }))
    expect(lenient.status_code).toBe(404)
    expect(lenient.message).toContain('nothing matches this')
    mock.strict = true
    expect((await rejection(client.chat({ model, messages: user('nothing') }))).status_code).toBe(503)
  })

  test.each([
    ['/api/chat', { messages: user('hi') }, 'model is required'],
    ['/api/chat', { model, messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
    ['/api/chat', { model, messages: [{ role: 'user', content: 42 }] }, 'messages[0].content'],
    ['/api/chat', { model, messages: 'hi' }, "'messages'"],
    [
      '/api/chat',
      { model, messages: user('hi'), tools: [{ type: 'function', function: {} }] },
      'tools[0].function.name',
    ],
    [
      '/api/chat',
      {
        model,
        messages: [
          { role: 'assistant', content: '', tool_calls: [{ function: { name: 'f', arguments: '{}' } }] },
        ],
      },
      'messages[0].tool_calls[0].function.arguments',
    ],
    ['/api/chat', { model, messages: user('hi'), format: 'yaml' }, "'format'"],
    ['/api/chat', { model, messages: user('hi'), stream: 'yes' }, "'stream'"],
    ['/api/chat', { model, messages: user('hi'), think: 'max' }, "'think'"],
    ['/api/generate', { model, prompt: 7 }, "'prompt'"],
    ['/api/embed', { model }, 'input is required'],
    ['/api/embed', { model, input: [1, 2] }, "'input'"],
    ['/api/embed', { model, input: 'x', dimensions: 0 }, "'dimensions'"],
    ['/api/embeddings', { model }, 'prompt is required'],
  ])('%s rejects bad input with a 400 naming the field (%j)', async (path, body, field) => {
    const response = await post(path, body)
    expect(response.status).toBe(400)
    const json = await response.json()
    expect(Object.keys(json)).toEqual(['error'])
    expect(json.error).toContain(field)
  })

  test('a body that is not JSON is a 400 in the same shape', async () => {
    const response = await post('/api/chat', '{not json')
    expect(response.status).toBe(400)
    expect((await response.json()).error).toMatch(/JSON/)
  })
})
