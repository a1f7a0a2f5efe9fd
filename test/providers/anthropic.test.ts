/**
 * Anthropic Messages beyond the conformance scenarios: the wire shapes, the typed SSE sequence, thinking and
 * redacted thinking, tool results, stop reasons, token counting, the Anthropic model list, error envelopes
 * and bad input, through @anthropic-ai/sdk, ai + @ai-sdk/anthropic, and raw fetch.
 */
import { createAnthropic } from '@ai-sdk/anthropic'
import Anthropic from '@anthropic-ai/sdk'
import { generateText, streamText } from 'ai'
import OpenAI from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, type RunningServer, type Standin } from '../../src'
import { postJson } from '../helpers/mock-server'
import { readEvents } from '../helpers/sse'

const model = 'claude-sonnet-4-6'
let mock: Standin
let server: RunningServer
let client: Anthropic

beforeAll(async () => {
  mock = createStandin({ strict: false })
  server = await mock.listen({ port: 0 })
  client = new Anthropic({ baseURL: server.url, apiKey: 'test-key', maxRetries: 0 })
})
afterAll(() => server.close())
beforeEach(() => mock.reset())

const user = (content: string) => [{ role: 'user' as const, content }]
const create = (content: string, extra: Record<string, unknown> = {}) =>
  client.messages.create({ model, max_tokens: 256, messages: user(content), ...extra })
const post = (body: unknown, path = '/v1/messages') =>
  postJson(`${server.url}${path}`, body, { 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01' })
/** The SSE events of a streamed request, each as `[event name, parsed data]`. */
const streamEvents = async (content: string) => {
  const events = await readEvents(
    await post({ model, max_tokens: 256, stream: true, messages: user(content) }),
  )
  return events.map((e) => [e.event, JSON.parse(e.data)] as const)
}

describe('messages JSON', () => {
  test('a Message with text, stop reason, usage and msg_ id, as the wire sends it', async () => {
    mock.onMessage('hello', { content: 'Hi', usage: { input_tokens: 12, output_tokens: 3 } })
    const body = await (await post({ model, max_tokens: 256, messages: user('hello') })).json()
    expect(body).toEqual({
      id: expect.stringMatching(/^msg_/),
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text: 'Hi' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      stop_details: null,
      usage: {
        input_tokens: 12,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
        output_tokens: 3,
        service_tier: 'standard',
      },
    })
  })

  test('tool_use blocks carry the input as an object, after any text, with toolu_ ids', async () => {
    mock.onMessage('weather', {
      content: 'Let me check.',
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }],
    })
    const message = await create('weather in Oslo?', {
      tools: [
        { name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } },
      ],
    })
    expect(message.stop_reason).toBe('tool_use')
    expect(message.content[0]).toEqual({ type: 'text', text: 'Let me check.' })
    expect(message.content[1]).toEqual({
      type: 'tool_use',
      id: expect.stringMatching(/^toolu_/),
      name: 'get_weather',
      input: { city: 'Oslo' },
    })
  })

  test.each([
    ['length', 'max_tokens'],
    ['content_filter', 'refusal'],
    ['tool_calls', 'tool_use'],
    ['stop', 'end_turn'],
  ] as const)('finish reason %s is stop_reason %s', async (finishReason, stopReason) => {
    mock.onMessage('cut', { content: 'Partial', finishReason })
    const message = await create('cut short')
    expect(message.stop_reason).toBe(stopReason)
    expect(message.stop_details).toEqual(
      stopReason === 'refusal' ? { type: 'refusal', category: null, explanation: null } : null,
    )
  })

  test('system as a string or as text blocks is matched as the system text', async () => {
    mock.on({ systemMessage: 'pirate' }, { content: 'Arr!' })
    expect((await create('greet me', { system: 'You are a pirate.' })).content).toEqual([
      { type: 'text', text: 'Arr!' },
    ])
    const blocks = await create('greet me', {
      system: [
        { type: 'text', text: 'Be brief.' },
        { type: 'text', text: 'You are a pirate.' },
      ],
    })
    expect(blocks.content).toEqual([{ type: 'text', text: 'Arr!' }])
    const request = mock.journal.last()!.request
    expect(request?.kind === 'chat' && request.system).toBe('Be brief.\nYou are a pirate.')
  })

  test('tool_result blocks become canonical tool messages with the tool name and is_error', async () => {
    mock.on({ toolResultContains: 'city not found' }, { content: 'Sorry, I could not find it.' })
    const message = await client.messages.create({
      model,
      max_tokens: 256,
      messages: [
        { role: 'user', content: 'weather in Atlantis?' },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Atlantis' } }],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              is_error: true,
              content: [{ type: 'text', text: 'city not found' }],
            },
          ],
        },
      ],
    })
    expect(message.content).toEqual([{ type: 'text', text: 'Sorry, I could not find it.' }])
    const request = mock.journal.last()!.request
    if (request?.kind !== 'chat') throw new Error('expected a chat request')
    expect(request.messages.at(-2)).toEqual({
      role: 'assistant',
      text: '',
      toolCalls: [{ id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Atlantis"}' }],
    })
    expect(request.messages.at(-1)).toEqual({
      role: 'tool',
      text: 'city not found',
      toolResult: { toolCallId: 'toolu_1', name: 'get_weather', content: 'city not found', isError: true },
    })
  })
})

describe('messages SSE', () => {
  test('typed events in the real order: message_start, block start, ping, deltas, stop, message_delta, message_stop', async () => {
    mock.onMessage(
      'stream',
      { content: 'abcdefghij', usage: { input_tokens: 5, output_tokens: 4 } },
      { chunkSize: 4 },
    )
    const events = await streamEvents('stream please')
    for (const [name, data] of events) expect(data.type).toBe(name)
    expect(events.map(([name]) => name)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ])
    const [start, blockStart, , ...rest] = events.map(([, data]) => data)
    expect(start.message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
    })
    expect(start.message.usage).toMatchObject({ input_tokens: 5, output_tokens: 1 })
    expect(blockStart).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: '' },
    })
    expect(rest.slice(0, 3).map((e) => e.delta)).toEqual([
      { type: 'text_delta', text: 'abcd' },
      { type: 'text_delta', text: 'efgh' },
      { type: 'text_delta', text: 'ij' },
    ])
    expect(rest[4]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null, stop_details: null },
      usage: {
        input_tokens: 5,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 4,
      },
    })
  })

  test('messages.stream emits text events and a finalMessage equal to the non-streamed one', async () => {
    mock.onMessage('story', { content: 'Once upon a time, a mock stood in.' }, { chunkSize: 6 })
    const stream = client.messages.stream({ model, max_tokens: 256, messages: user('a story') })
    const deltas: string[] = []
    stream.on('text', (delta) => deltas.push(delta))
    const final = await stream.finalMessage()
    expect(deltas.length).toBeGreaterThan(1)
    expect(deltas.join('')).toBe('Once upon a time, a mock stood in.')
    // The SDK's stream helper adds its own `parsed_output`; everything from the wire must be equal.
    const {
      id: _streamed,
      parsed_output: _parsed,
      ...streamed
    } = final as typeof final & { parsed_output: unknown }
    const { id: _plain, ...plain } = await create('a story')
    expect(streamed).toEqual(plain)
  })

  test('a tool call streams as tool_use start with empty input, then input_json_delta chunks', async () => {
    mock.onMessage(
      'weather',
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } }] },
      { chunkSize: 10 },
    )
    const events = (await streamEvents('weather?')).map(([, data]) => data)
    const start = events.find((e) => e.type === 'content_block_start')
    expect(start.content_block).toEqual({
      type: 'tool_use',
      id: expect.stringMatching(/^toolu_/),
      name: 'get_weather',
      input: {},
    })
    const json = events.filter((e) => e.delta?.type === 'input_json_delta').map((e) => e.delta.partial_json)
    expect(json.length).toBeGreaterThan(1)
    expect(JSON.parse(json.join(''))).toEqual({ city: 'Paris', unit: 'celsius' })
    expect(events.find((e) => e.type === 'message_delta').delta.stop_reason).toBe('tool_use')
    const final = await client.messages
      .stream({ model, max_tokens: 256, messages: user('weather?') })
      .finalMessage()
    expect(final.content[0]).toMatchObject({
      type: 'tool_use',
      name: 'get_weather',
      input: { city: 'Paris', unit: 'celsius' },
    })
  })

  test('text then two tool calls stream as blocks 0, 1, 2 with one ping', async () => {
    mock.onMessage('both', {
      content: 'On it.',
      toolCalls: [
        { name: 'a', arguments: {} },
        { name: 'b', arguments: { x: 1 } },
      ],
    })
    const events = (await streamEvents('do both')).map(([, data]) => data)
    expect(events.filter((e) => e.type === 'ping')).toHaveLength(1)
    expect(
      events.filter((e) => e.type === 'content_block_start').map((e) => [e.index, e.content_block.type]),
    ).toEqual([
      [0, 'text'],
      [1, 'tool_use'],
      [2, 'tool_use'],
    ])
    expect(events.filter((e) => e.type === 'content_block_stop').map((e) => e.index)).toEqual([0, 1, 2])
  })
})

describe('thinking', () => {
  test('reasoning is a thinking block with the fixture signature before the text', async () => {
    mock.onMessage('think', {
      reasoning: 'Two plus two is four.',
      reasoningSignature: 'sig-abc',
      content: '4',
    })
    const message = await create('think: 2+2?', { thinking: { type: 'enabled', budget_tokens: 1024 } })
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Two plus two is four.', signature: 'sig-abc' },
      { type: 'text', text: '4' },
    ])
  })

  test('without a fixture signature a placeholder signature is sent', async () => {
    mock.onMessage('think', { reasoning: 'Hmm.', content: 'Yes' })
    const message = await create('think')
    expect(message.content[0]).toEqual({
      type: 'thinking',
      thinking: 'Hmm.',
      signature: 'standin-placeholder-signature',
    })
  })

  test('redactedThinking becomes redacted_thinking blocks after the thinking block', async () => {
    mock.onMessage('secret', { reasoning: 'Visible.', redactedThinking: ['EncA', 'EncB'], content: 'Done' })
    const message = await create('secret plan')
    expect(message.content.map((b) => b.type)).toEqual([
      'thinking',
      'redacted_thinking',
      'redacted_thinking',
      'text',
    ])
    expect(message.content[1]).toEqual({ type: 'redacted_thinking', data: 'EncA' })
  })

  test('streamed: thinking_delta chunks, a signature_delta, redacted blocks, then the text block', async () => {
    mock.onMessage(
      'think',
      {
        reasoning: 'Let me count: 1, 2, 3.',
        reasoningSignature: 'sig-xyz',
        redactedThinking: ['Enc'],
        content: 'Three',
      },
      { chunkSize: 8 },
    )
    const events = (await streamEvents('think aloud')).map(([, data]) => data)
    const summary = events.map((e) =>
      e.type === 'content_block_start'
        ? `start ${e.index} ${e.content_block.type}`
        : e.type === 'content_block_delta'
          ? `delta ${e.index} ${e.delta.type}`
          : e.type === 'content_block_stop'
            ? `stop ${e.index}`
            : e.type,
    )
    expect(summary).toEqual([
      'message_start',
      'start 0 thinking',
      'ping',
      'delta 0 thinking_delta',
      'delta 0 thinking_delta',
      'delta 0 thinking_delta',
      'delta 0 signature_delta',
      'stop 0',
      'start 1 redacted_thinking',
      'stop 1',
      'start 2 text',
      'delta 2 text_delta',
      'stop 2',
      'message_delta',
      'message_stop',
    ])
    const stream = client.messages.stream({ model, max_tokens: 2048, messages: user('think aloud') })
    let thinking = ''
    stream.on('thinking', (delta) => (thinking += delta))
    const final = await stream.finalMessage()
    expect(thinking).toBe('Let me count: 1, 2, 3.')
    expect(final.content).toEqual([
      { type: 'thinking', thinking: 'Let me count: 1, 2, 3.', signature: 'sig-xyz' },
      { type: 'redacted_thinking', data: 'Enc' },
      { type: 'text', text: 'Three' },
    ])
  })

  test('thinking and redacted thinking sent back in an assistant turn are accepted and carry no text', async () => {
    mock.onMessage('next', { content: 'ok' })
    await client.messages.create({
      model,
      max_tokens: 256,
      messages: [
        { role: 'user', content: 'first' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hidden', signature: 'sig' },
            { type: 'redacted_thinking', data: 'Enc' },
            { type: 'text', text: 'answer' },
          ],
        },
        { role: 'user', content: 'next' },
      ],
    })
    const request = mock.journal.last()!.request
    expect(request?.kind === 'chat' && request.messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'first'],
      ['assistant', 'answer'],
      ['user', 'next'],
    ])
  })
})

describe('count_tokens', () => {
  test('messages.countTokens answers input_tokens as usage estimates it', async () => {
    mock.onMessage('hello', { content: 'Hi' })
    const counted = await client.messages.countTokens({
      model,
      messages: user('hello there'),
      system: 'Be kind.',
    })
    const { usage } = await create('hello there', { system: 'Be kind.' })
    expect(counted).toEqual({ input_tokens: usage.input_tokens })
  })

  test('a body without messages is a 400 in the Anthropic envelope', async () => {
    const response = await post({ model }, '/v1/messages/count_tokens')
    expect(response.status).toBe(400)
    expect(response.headers.get('request-id')).toMatch(/^req_/)
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'messages: Field required' },
    })
  })
})

describe('models', () => {
  test('the Anthropic SDK gets Anthropic-shaped models; the OpenAI SDK on the same path gets OpenAI-shaped ones', async () => {
    const page = await client.models.list()
    expect(page.data.map((m) => m.id)).toContain('claude-sonnet-4-6')
    expect(page.data[0]).toMatchObject({
      type: 'model',
      display_name: expect.any(String),
      created_at: expect.stringMatching(/Z$/),
    })
    const raw = await (
      await fetch(`${server.url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } })
    ).json()
    expect(raw).toMatchObject({ has_more: false, first_id: raw.data[0].id, last_id: raw.data.at(-1).id })
    const openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test-key', maxRetries: 0 })
    const openaiModels = await openai.models.list()
    expect(openaiModels.data[0]).toMatchObject({ object: 'model', owned_by: 'standin' })
  })

  test('models.retrieve returns one model, and NotFoundError for a model the fixtures do not name', async () => {
    mock.on({ model: 'claude-opus-4-7' }, { content: 'x' })
    expect(await client.models.retrieve('claude-opus-4-7')).toMatchObject({
      type: 'model',
      id: 'claude-opus-4-7',
    })
    await expect(client.models.retrieve('claude-nope')).rejects.toBeInstanceOf(Anthropic.NotFoundError)
  })
})

describe('errors', () => {
  test.each([
    [400, 'invalid_request_error', Anthropic.BadRequestError],
    [401, 'authentication_error', Anthropic.AuthenticationError],
    [403, 'permission_error', Anthropic.PermissionDeniedError],
    [404, 'not_found_error', Anthropic.NotFoundError],
    [413, 'request_too_large', Anthropic.ContentTooLargeError],
    [429, 'rate_limit_error', Anthropic.RateLimitError],
    [500, 'api_error', Anthropic.InternalServerError],
    [529, 'overloaded_error', Anthropic.OverloadedError],
  ] as const)(
    'an error fixture with status %i is a %s envelope and the SDK typed error',
    async (status, type, ErrorClass) => {
      mock.onMessage('fail', { error: { message: `Failure ${status}` }, status })
      const error = await create('fail now').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ErrorClass)
      const apiError = error as InstanceType<typeof Anthropic.APIError>
      expect(apiError.status).toBe(status)
      expect(apiError.type).toBe(type)
      expect(apiError.apiMessage).toBe(`Failure ${status}`)
      expect(apiError.requestID).toMatch(/^req_/)
      expect(apiError.error).toEqual({
        type: 'error',
        error: { type, message: `Failure ${status}` },
        request_id: apiError.requestID,
      })
    },
  )

  test("a fixture's own Anthropic error type wins over the status default", async () => {
    mock.onMessage('busy', { error: { message: 'Busy', type: 'overloaded_error' }, status: 503 })
    const error = await create('busy').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Anthropic.APIError)
    expect((error as InstanceType<typeof Anthropic.APIError>).type).toBe('overloaded_error')
  })

  test('a miss is a NotFoundError (not_found_error) whose message carries the diagnostic', async () => {
    const error = await create('nothing matches this').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Anthropic.NotFoundError)
    expect((error as InstanceType<typeof Anthropic.APIError>).type).toBe('not_found_error')
    expect((error as Error).message).toContain('nothing matches this')
  })

  test('a miss in strict mode is a 503 in the Anthropic envelope', async () => {
    const response = await postJson(
      `${server.url}/v1/messages`,
      { model, max_tokens: 5, messages: user('nope') },
      { 'x-standin-strict': 'true' },
    )
    expect(response.status).toBe(503)
    expect((await response.json()).error.type).toBe('api_error')
  })
})

describe('bad input', () => {
  test.each([
    ['max_tokens', { model, messages: user('hi') }, 'max_tokens: Field required'],
    [
      'max_tokens',
      { model, max_tokens: 0, messages: user('hi') },
      'max_tokens: Input should be an integer greater than or equal to 1',
    ],
    ['messages', { model, max_tokens: 5 }, 'messages: Field required'],
    ['model', { max_tokens: 5, messages: user('hi') }, 'model: Field required'],
    [
      'messages.0.role',
      { model, max_tokens: 5, messages: [{ role: 'robot', content: 'hi' }] },
      "messages.0.role: Input should be 'user' or 'assistant'",
    ],
    [
      'messages.1.content',
      { model, max_tokens: 5, messages: [...user('hi'), { role: 'assistant' }] },
      'messages.1.content: Field required',
    ],
    [
      'tools.0.name',
      { model, max_tokens: 5, messages: user('hi'), tools: [{ input_schema: {} }] },
      'tools.0.name: Field required',
    ],
  ])('%s: a 400 invalid_request_error naming the field', async (_field, body, message) => {
    const response = await post(body)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message },
    })
  })

  test('the SDK raises BadRequestError for a body without max_tokens', async () => {
    const params = { model, messages: user('hi') } as unknown as Anthropic.MessageCreateParamsNonStreaming
    await expect(client.messages.create(params)).rejects.toBeInstanceOf(Anthropic.BadRequestError)
  })

  test('invalid JSON is a 400 in the Anthropic envelope', async () => {
    const response = await post('{not json')
    expect(response.status).toBe(400)
    expect((await response.json()).error.type).toBe('invalid_request_error')
  })
})

describe('ai + @ai-sdk/anthropic', () => {
  const provider = () => createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'test-key' })

  test('generateText returns the reasoning text and the answer', async () => {
    mock.onMessage('why', { reasoning: 'Because of Rayleigh scattering.', content: 'Scattering.' })
    const result = await generateText({
      model: provider()(model),
      prompt: 'why is the sky blue?',
      maxRetries: 0,
    })
    expect(result.text).toBe('Scattering.')
    expect(result.reasoningText).toBe('Because of Rayleigh scattering.')
  })

  test('streamText streams reasoning and text, with usage from message_start and message_delta', async () => {
    mock.onMessage(
      'why',
      {
        reasoning: 'Rayleigh scattering.',
        content: 'Short waves scatter more.',
        usage: { input_tokens: 8, output_tokens: 6 },
      },
      { chunkSize: 5 },
    )
    const result = streamText({ model: provider()(model), prompt: 'why is the sky blue?', maxRetries: 0 })
    const kinds = new Set<string>()
    for await (const part of result.fullStream) kinds.add(part.type)
    expect(kinds).toContain('reasoning-delta')
    expect(await result.text).toBe('Short waves scatter more.')
    expect(await result.reasoningText).toBe('Rayleigh scattering.')
    expect((await result.usage).inputTokens).toBe(8)
    expect((await result.usage).outputTokens).toBe(6)
  })
})
