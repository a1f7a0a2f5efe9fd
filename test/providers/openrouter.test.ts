import OpenAI from 'openai'
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
} from 'openai/resources/chat/completions'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { applyProviderEnv, createStandin, type RunningServer, type Standin } from '../../src'
import { postJson } from '../helpers/mock-server'
import { readJsonEvents } from '../helpers/sse'

let mock: Standin
let server: RunningServer
let client: OpenAI

beforeAll(async () => {
  mock = createStandin({ strict: false })
  server = await mock.listen({ port: 0 })
  // OpenRouter's documented setup: the openai SDK with base URL https://openrouter.ai/api/v1.
  client = new OpenAI({ baseURL: `${server.url}/api/v1`, apiKey: 'test-key', maxRetries: 0 })
})
afterAll(() => server.close())
beforeEach(() => mock.reset())

const user = (content: string) => [{ role: 'user' as const, content }]
const chatUrl = () => `${server.url}/api/v1/chat/completions`
const post = (body: Record<string, unknown>) => postJson(chatUrl(), { model: 'openai/gpt-4o', ...body })

/** OpenRouter's request fields beyond OpenAI's, as an app passes them through the openai SDK. */
type OpenRouterParams = ChatCompletionCreateParamsNonStreaming & {
  models?: string[]
  provider?: { allow_fallbacks?: boolean }
}
const create = (params: OpenRouterParams) => client.chat.completions.create(params)

describe('chat completions', () => {
  test('the SDK gets the answer with a gen- id, and the journal shows provider openrouter', async () => {
    mock.onMessage('hello', { content: 'Hi from OpenRouter' })
    const completion = await client.chat.completions.create({
      model: 'openai/gpt-4o',
      messages: user('hello'),
    })
    expect(completion.choices[0]!.message.content).toBe('Hi from OpenRouter')
    expect(completion.id).toMatch(/^gen-/)
    expect(completion.model).toBe('openai/gpt-4o')
    expect(mock.journal.last()).toMatchObject({
      path: '/api/v1/chat/completions',
      surface: 'openrouter.chat',
      provider: 'openrouter',
      request: { surface: 'openrouter.chat', provider: 'openrouter', model: 'openai/gpt-4o' },
    })
  })

  test("the JSON answer carries OpenRouter's fields: provider, native_finish_reason, reasoning, usage details", async () => {
    mock.onMessage('fields', { content: 'Fine.' })
    const body = await (await post({ messages: user('fields') })).json()
    expect(Object.keys(body).slice(0, 2)).toEqual(['id', 'provider'])
    expect(body.provider).toBe('OpenAI')
    expect(body.object).toBe('chat.completion')
    expect(body.choices[0]).toMatchObject({ finish_reason: 'stop', native_finish_reason: 'stop' })
    expect(body.choices[0].message).toMatchObject({ role: 'assistant', content: 'Fine.', reasoning: null })
    expect(body.choices[0].message.reasoning_content).toBeUndefined()
    expect(body.usage).toEqual({
      prompt_tokens: expect.any(Number),
      completion_tokens: 2,
      total_tokens: expect.any(Number),
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    })
    expect(body.usage.cost).toBeUndefined()
  })

  test('the provider is the slug author by its provider name, else the author itself', async () => {
    mock.onMessage('who', { content: 'me' })
    const providerFor = async (model: string) =>
      (await (await post({ model, messages: user('who') })).json()).provider
    expect(await providerFor('anthropic/claude-sonnet-4')).toBe('Anthropic')
    expect(await providerFor('meta-llama/llama-3.3-70b-instruct')).toBe('meta-llama')
  })

  test('a fixture sets the provider, the native finish reason and the cost', async () => {
    mock.onMessage('priced', {
      content: 'Cut short',
      finishReason: 'length',
      provider: 'Together',
      nativeFinishReason: 'max_tokens',
      usage: { prompt_tokens: 12, completion_tokens: 3, cost: 0.00042 },
    })
    const body = await (await post({ messages: user('priced') })).json()
    expect(body.provider).toBe('Together')
    expect(body.choices[0]).toMatchObject({ finish_reason: 'length', native_finish_reason: 'max_tokens' })
    expect(body.usage).toMatchObject({
      prompt_tokens: 12,
      completion_tokens: 3,
      total_tokens: 15,
      cost: 0.00042,
    })
  })

  test('fixture reasoning comes back as message.reasoning with its tokens counted', async () => {
    mock.onMessage('think', {
      content: '42',
      reasoning: 'Six times seven.',
      usage: { completion_tokens_details: { reasoning_tokens: 5 } },
    })
    const body = await (await post({ messages: user('think hard') })).json()
    expect(body.choices[0].message).toMatchObject({ content: '42', reasoning: 'Six times seven.' })
    expect(body.usage.completion_tokens_details).toEqual({ reasoning_tokens: 5 })
  })

  test('reasoning.exclude leaves the reasoning out, streamed and not', async () => {
    mock.onMessage('secret', { content: 'Answer', reasoning: 'hidden thoughts' })
    const body = await (await post({ messages: user('secret'), reasoning: { exclude: true } })).json()
    expect(body.choices[0].message.reasoning).toBeNull()
    const { chunks } = await readJsonEvents(
      await post({ messages: user('secret'), reasoning: { exclude: true }, stream: true }),
    )
    expect(chunks.some((c) => c.choices[0]?.delta.reasoning !== undefined)).toBe(false)
  })

  test('tool calls arrive parsed through the SDK, streamed and not, with native_finish_reason tool_calls', async () => {
    mock.onToolCall('lookup', { toolCalls: [{ name: 'lookup', arguments: { q: 'standin' } }] })
    const tools = [
      { type: 'function' as const, function: { name: 'lookup', parameters: { type: 'object' } } },
    ]
    const plain = await create({ model: 'openai/gpt-4o', messages: user('look it up'), tools })
    const streamed = await client.chat.completions
      .stream({ model: 'openai/gpt-4o', messages: user('look it up'), tools })
      .finalChatCompletion()
    for (const completion of [plain, streamed]) {
      const call = completion.choices[0]!.message.tool_calls![0]!
      expect(call.type === 'function' && call.function.name).toBe('lookup')
      expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ q: 'standin' })
      expect(call.id).toMatch(/^call_/)
    }
    expect((plain.choices[0] as unknown as { native_finish_reason: string }).native_finish_reason).toBe(
      'tool_calls',
    )
  })
})

describe('streaming', () => {
  test('the SDK assembles the stream, and a usage chunk closes it though none was asked for', async () => {
    const content = 'Routed through OpenRouter, streamed in pieces.'
    mock.onMessage('stream', { content }, { chunkSize: 8 })
    const stream = await client.chat.completions.create({
      model: 'openai/gpt-4o',
      messages: user('stream'),
      stream: true,
    })
    const chunks: ChatCompletionChunk[] = []
    for await (const chunk of stream) chunks.push(chunk)
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(content)
    expect(chunks.at(-1)!.choices).toEqual([])
    expect(chunks.at(-1)!.usage).toMatchObject({ completion_tokens: Math.ceil(content.length / 4) })
  })

  test('on the wire: role on every content delta, reasoning deltas, native_finish_reason, usage last, [DONE]', async () => {
    mock.onMessage('wire', { content: 'abcdef', reasoning: 'hmm', usage: { cost: 0.25 } }, { chunkSize: 3 })
    const response = await post({ messages: user('wire'), stream: true })
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const { chunks, done } = await readJsonEvents(response)
    expect(done).toBe(true)
    expect(chunks.map((c) => c.choices[0]?.delta ?? null)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { role: 'assistant', content: '', reasoning: 'hmm' },
      { role: 'assistant', content: 'abc' },
      { role: 'assistant', content: 'def' },
      {},
      null,
    ])
    expect(chunks.slice(0, 4).map((c) => c.choices[0].native_finish_reason)).toEqual([null, null, null, null])
    expect(chunks[4].choices[0]).toMatchObject({ finish_reason: 'stop', native_finish_reason: 'stop' })
    expect(chunks[5].usage).toMatchObject({ cost: 0.25 })
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ id: chunks[0].id, provider: 'OpenAI', object: 'chat.completion.chunk' })
      expect(chunk.id).toMatch(/^gen-/)
    }
    for (const chunk of chunks.slice(0, -1)) expect('usage' in chunk).toBe(false)
  })
})

describe('the models fallback list', () => {
  test('the first model a fixture answers wins and is echoed as the model', async () => {
    mock.on({ model: 'mistralai/mistral-large', userMessage: 'fallback' }, { content: 'Mistral answered' })
    const completion = await create({
      model: 'openai/gpt-4o',
      models: ['anthropic/claude-sonnet-4', 'mistralai/mistral-large'],
      messages: user('fallback please'),
    })
    expect(completion.choices[0]!.message.content).toBe('Mistral answered')
    expect(completion.model).toBe('mistralai/mistral-large')
    expect((completion as unknown as { provider: string }).provider).toBe('Mistral')
    expect(mock.journal.last()!.request?.model).toBe('mistralai/mistral-large')
  })

  test.each([
    { outcome: 'the primary model wins when a fixture answers it', primary: { content: 'primary' } },
    {
      outcome: 'an upstream error on the primary model falls through to the next',
      primary: { error: { message: 'Provider returned error' }, status: 502 },
    },
  ])('$outcome', async ({ primary }) => {
    mock.on({ model: 'openai/gpt-4o' }, primary)
    mock.on({ model: 'anthropic/claude-sonnet-4' }, { content: 'fallback' })
    const completion = await create({
      model: 'openai/gpt-4o',
      models: ['anthropic/claude-sonnet-4'],
      messages: user('x'),
    })
    const winner =
      'content' in primary ? ['primary', 'openai/gpt-4o'] : ['fallback', 'anthropic/claude-sonnet-4']
    expect([completion.choices[0]!.message.content, completion.model]).toEqual(winner)
  })

  test('provider.allow_fallbacks: false, or a fixture with fallthrough: false, returns the error', async () => {
    mock.on(
      { model: 'openai/gpt-4o', userMessage: 'strict' },
      { error: { message: 'Provider returned error' }, status: 502 },
    )
    mock.on(
      { model: 'openai/gpt-4o', userMessage: 'final' },
      { error: { message: 'No, final' }, status: 503, fallthrough: false },
    )
    mock.on({ model: 'anthropic/claude-sonnet-4' }, { content: 'fallback' })
    const models = ['anthropic/claude-sonnet-4']
    const noFallbacks = await create({
      model: 'openai/gpt-4o',
      models,
      provider: { allow_fallbacks: false },
      messages: user('strict'),
    }).catch((e) => e)
    expect(noFallbacks).toBeInstanceOf(OpenAI.InternalServerError)
    expect(noFallbacks.status).toBe(502)
    const final = await create({ model: 'openai/gpt-4o', models, messages: user('final') }).catch((e) => e)
    expect(final.status).toBe(503)
    expect(final.error).toEqual({ code: 503, message: 'No, final' })
  })

  test('when every model fails, the last error stands; when none is answered, the miss names the first', async () => {
    mock.on({ model: 'a/one' }, { error: { message: 'one is down' }, status: 502 })
    mock.on({ model: 'b/two' }, { error: { message: 'two is down' }, status: 503 })
    const failed = await create({ model: 'a/one', models: ['b/two'], messages: user('x') }).catch((e) => e)
    expect(failed.status).toBe(503)
    expect(failed.error.message).toBe('two is down')
    const missed = await postJson(chatUrl(), { model: 'c/three', models: ['d/four'], messages: user('x') })
    expect(missed.status).toBe(404)
    expect(mock.journal.last()!.request?.model).toBe('c/three')
  })

  test('without a model the first of models is the primary', async () => {
    mock.on({ model: 'b/two' }, { content: 'two' })
    const body = await (await postJson(chatUrl(), { models: ['a/one', 'b/two'], messages: user('x') })).json()
    expect(body.model).toBe('b/two')
  })
})

describe('errors', () => {
  test("an error fixture arrives as the SDK's typed error in OpenRouter's envelope, metadata included", async () => {
    mock.onMessage('slow', {
      error: { message: 'Rate limit exceeded', metadata: { provider_name: 'OpenAI' } },
      status: 429,
    })
    const error = await client.chat.completions
      .create({ model: 'openai/gpt-4o', messages: user('slow down') })
      .catch((e) => e)
    expect(error).toBeInstanceOf(OpenAI.RateLimitError)
    expect(error.status).toBe(429)
    expect(error.error).toEqual({
      code: 429,
      message: 'Rate limit exceeded',
      metadata: { provider_name: 'OpenAI' },
    })
  })

  test('bad input is a 400 whose message names the field', async () => {
    const badModels = await post({ models: 'openai/gpt-4o', messages: user('x') })
    expect(badModels.status).toBe(400)
    expect((await badModels.json()).error).toEqual({
      code: 400,
      message: expect.stringContaining("'models'"),
    })
    const badProvider = await post({ provider: 'OpenAI', messages: user('x') })
    expect((await badProvider.json()).error.message).toContain("'provider'")
    const noMessages = await post({ messages: [] })
    expect((await noMessages.json()).error.message).toContain("'messages'")
  })

  test('a miss is a 404 in the OpenRouter envelope with the diagnostic', async () => {
    const error = await client.chat.completions
      .create({ model: 'openai/gpt-4o', messages: user('nothing matches') })
      .catch((e) => e)
    expect(error).toBeInstanceOf(OpenAI.NotFoundError)
    expect(error.error.code).toBe(404)
    expect(error.error.message).toContain('nothing matches')
  })
})

describe('models and environment', () => {
  test("GET /api/v1/models lists the fixtures' models in OpenRouter's catalog shape", async () => {
    mock.on({ model: 'openai/gpt-4o' }, { content: 'x' })
    mock.on({ model: 'anthropic/claude-sonnet-4' }, { content: 'y' })
    const page = await client.models.list()
    expect(page.data.map((m) => m.id)).toEqual(['openai/gpt-4o', 'anthropic/claude-sonnet-4'])
    const body = await (await fetch(`${server.url}/api/v1/models`)).json()
    expect(body.data[0]).toMatchObject({
      id: 'openai/gpt-4o',
      canonical_slug: 'openai/gpt-4o',
      name: expect.any(String),
      created: expect.any(Number),
      context_length: expect.any(Number),
      architecture: { input_modalities: ['text'], output_modalities: ['text'] },
      pricing: { prompt: '0', completion: '0' },
    })
  })

  test('with no fixture models the catalog lists a few well-known slugs', async () => {
    const body = await (await fetch(`${server.url}/api/v1/models`)).json()
    expect(body.data.length).toBeGreaterThan(0)
    for (const model of body.data) expect(model.id).toMatch(/^[a-z-]+\/.+/)
    expect(mock.journal.last()).toMatchObject({ surface: 'openrouter.models', provider: 'openrouter' })
  })

  test('OPENROUTER_BASE_URL from the provider env points the openai SDK at the mock', async () => {
    const restore = applyProviderEnv(server.url, ['OPENROUTER_BASE_URL'])
    try {
      mock.onMessage('env', { content: 'env works' })
      const fromEnv = new OpenAI({ baseURL: process.env.OPENROUTER_BASE_URL, apiKey: 'k', maxRetries: 0 })
      const completion = await fromEnv.chat.completions.create({
        model: 'openai/gpt-4o',
        messages: user('env'),
      })
      expect(completion.choices[0]!.message.content).toBe('env works')
      expect(mock.journal.last()!.provider).toBe('openrouter')
    } finally {
      restore()
    }
  })
})
