/**
 * Cohere v2 beyond the conformance scenarios: the chat wire shapes, the typed SSE sequence (content,
 * tool-plan, tool calls, thinking, message-end), tool results, response_format, finish reasons, embeddings
 * by type, and Cohere's `{"message"}` error body, through `cohere-ai` and raw fetch.
 */
import { Cohere, CohereClientV2 } from 'cohere-ai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, type RunningServer, type Standin } from '../../src'
import { postJson } from '../helpers/mock-server'
import { readEvents } from '../helpers/sse'

const model = 'command-a-03-2025'
let mock: Standin
let server: RunningServer
let client: CohereClientV2

beforeAll(async () => {
  mock = createStandin({ strict: false })
  server = await mock.listen({ port: 0 })
  client = new CohereClientV2({ token: 'test', environment: server.url, maxRetries: 0 })
})
afterAll(() => server.close())
beforeEach(() => {
  mock.reset()
  mock.strict = false
})

const user = (content: string): Cohere.ChatMessageV2[] => [{ role: 'user', content }]
const post = (body: unknown, path = '/v2/chat') => postJson(`${server.url}${path}`, body)
/** The SSE events of a streamed chat, each as `[event name, parsed data]`. */
const streamEvents = async (body: Record<string, unknown>) => {
  const events = await readEvents(await post({ model, stream: true, ...body }))
  return events.map((e) => [e.event, JSON.parse(e.data)] as const)
}
const weatherTool: Cohere.ToolV2 = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
}

/** The error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<Cohere.TooManyRequestsError> {
  try {
    await promise
  } catch (error) {
    return error as Cohere.TooManyRequestsError
  }
  throw new Error('expected the request to fail')
}

describe('chat JSON', () => {
  test('the wire shape: id, assistant message with text content, finish_reason, usage', async () => {
    mock.onMessage('hello', { content: 'Hi', usage: { input_tokens: 12, output_tokens: 3 } })
    const body = await (await post({ model, messages: user('hello') })).json()
    const tokens = { input_tokens: 12, output_tokens: 3 }
    expect(body).toEqual({
      id: expect.any(String),
      message: { role: 'assistant', content: [{ type: 'text', text: 'Hi' }] },
      finish_reason: 'COMPLETE',
      usage: { billed_units: tokens, tokens },
    })
  })

  test('the SDK parses it into its camelCase response', async () => {
    mock.onMessage('hello', { content: 'Hi', usage: { input_tokens: 12, output_tokens: 3 } })
    const r = await client.chat({ model, messages: user('hello') })
    expect(r.message.content).toEqual([{ type: 'text', text: 'Hi' }])
    expect(r.finishReason).toBe('COMPLETE')
    expect(r.usage?.billedUnits).toEqual({ inputTokens: 12, outputTokens: 3 })
  })

  test('a system message is the canonical system text', async () => {
    mock.on({ systemMessage: 'pirate' }, { content: 'Arr' })
    const r = await client.chat({
      model,
      messages: [{ role: 'system', content: [{ type: 'text', text: 'You are a pirate.' }] }, ...user('hi')],
    })
    expect(r.message.content?.[0]).toEqual({ type: 'text', text: 'Arr' })
  })

  test.each([
    ['length', 'MAX_TOKENS'],
    ['content_filter', 'ERROR'],
  ] as const)('finish reason %s is %s', async (reason, expected) => {
    mock.onMessage('finish', { content: 'x', finishReason: reason })
    expect((await client.chat({ model, messages: user('finish') })).finishReason).toBe(expected)
  })

  test('reasoning is a thinking content item before the text', async () => {
    mock.onMessage('think', { reasoning: 'Let me see.', content: 'Done.' })
    const r = await client.chat({ model, messages: user('think'), thinking: { type: 'enabled' } })
    expect(r.message.content).toEqual([
      { type: 'thinking', thinking: 'Let me see.' },
      { type: 'text', text: 'Done.' },
    ])
  })

  test('a tool-calling answer: text becomes the tool plan, arguments a JSON string, finish TOOL_CALL', async () => {
    mock.on(
      { toolName: 'get_weather' },
      {
        content: 'I will look up the weather.',
        toolCalls: [{ id: 'get_weather_1', name: 'get_weather', arguments: { city: 'Paris' } }],
      },
    )
    const body = await (await post({ model, messages: user('weather?'), tools: [weatherTool] })).json()
    expect(body.message).toEqual({
      role: 'assistant',
      tool_plan: 'I will look up the weather.',
      tool_calls: [
        {
          id: 'get_weather_1',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
        },
      ],
    })
    expect(body.finish_reason).toBe('TOOL_CALL')
    const r = await client.chat({ model, messages: user('weather?'), tools: [weatherTool] })
    expect(r.message.toolPlan).toBe('I will look up the weather.')
    expect(JSON.parse(r.message.toolCalls![0]!.function!.arguments!)).toEqual({ city: 'Paris' })
  })

  test('response_format json_object, with or without a schema', async () => {
    mock.on({ responseFormat: 'json_object' }, { content: { any: true } })
    mock.on({ responseFormat: 'json_schema' }, { content: { city: 'Paris' } })
    const loose = await client.chat({
      model,
      messages: user('json'),
      responseFormat: { type: 'json_object' },
    })
    expect(loose.message.content?.[0]).toEqual({ type: 'text', text: '{"any":true}' })
    const schema = { type: 'object', properties: { city: { type: 'string' } } }
    const strict = await client.chat({
      model,
      messages: user('json'),
      responseFormat: { type: 'json_object', jsonSchema: schema },
    })
    expect(strict.message.content?.[0]).toEqual({ type: 'text', text: '{"city":"Paris"}' })
    const request = mock.journal.last()?.request
    expect(request?.kind === 'chat' && request.responseFormat).toEqual({ type: 'json_schema', schema })
  })
})

describe('chat stream', () => {
  test('text: message-start, content-start/delta/end, message-end, and no [DONE]', async () => {
    mock.onMessage(
      'story',
      { content: 'Once upon a time', usage: { input_tokens: 4, output_tokens: 5 } },
      { chunkSize: 8 },
    )
    const events = await streamEvents({ messages: user('a story') })
    const tokens = { input_tokens: 4, output_tokens: 5 }
    expect(events).toEqual([
      [
        'message-start',
        { type: 'message-start', id: expect.any(String), delta: { message: { role: 'assistant' } } },
      ],
      [
        'content-start',
        { type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } },
      ],
      [
        'content-delta',
        { type: 'content-delta', index: 0, delta: { message: { content: { text: 'Once upo' } } } },
      ],
      [
        'content-delta',
        { type: 'content-delta', index: 0, delta: { message: { content: { text: 'n a time' } } } },
      ],
      ['content-end', { type: 'content-end', index: 0 }],
      [
        'message-end',
        {
          type: 'message-end',
          delta: { finish_reason: 'COMPLETE', usage: { billed_units: tokens, tokens } },
        },
      ],
    ])
  })

  test('tools: tool-plan-delta, then tool-call-start/delta/end per call, then TOOL_CALL', async () => {
    mock.onMessage(
      'weather',
      {
        content: 'I will check.',
        toolCalls: [
          { id: 'get_weather_1', name: 'get_weather', arguments: { city: 'Paris' } },
          { id: 'get_time_2', name: 'get_time', arguments: {} },
        ],
      },
      { chunkSize: 8 },
    )
    const events = await streamEvents({ messages: user('weather') })
    expect(events.map(([name, data]) => [name, data.index])).toEqual([
      ['message-start', undefined],
      ['tool-plan-delta', undefined],
      ['tool-plan-delta', undefined],
      ['tool-call-start', 0],
      ['tool-call-delta', 0],
      ['tool-call-delta', 0],
      ['tool-call-end', 0],
      ['tool-call-start', 1],
      ['tool-call-delta', 1],
      ['tool-call-end', 1],
      ['message-end', undefined],
    ])
    expect(events[1]![1]).toEqual({ type: 'tool-plan-delta', delta: { message: { tool_plan: 'I will c' } } })
    expect(events[3]![1].delta).toEqual({
      message: {
        tool_calls: {
          id: 'get_weather_1',
          type: 'function',
          function: { name: 'get_weather', arguments: '' },
        },
      },
    })
    expect(events[4]![1].delta).toEqual({ message: { tool_calls: { function: { arguments: '{"city":' } } } })
    expect(events.at(-1)![1].delta.finish_reason).toBe('TOOL_CALL')
  })

  test('thinking: its own content item (index 0), closed before the text item (index 1)', async () => {
    mock.onMessage('think', { reasoning: 'Hmm.', content: 'Yes.' })
    const events = await streamEvents({ messages: user('think') })
    expect(events.map(([, data]) => [data.type, data.index, data.delta?.message?.content])).toEqual([
      ['message-start', undefined, undefined],
      ['content-start', 0, { type: 'thinking', thinking: '' }],
      ['content-delta', 0, { thinking: 'Hmm.' }],
      ['content-end', 0, undefined],
      ['content-start', 1, { type: 'text', text: '' }],
      ['content-delta', 1, { text: 'Yes.' }],
      ['content-end', 1, undefined],
      ['message-end', undefined, undefined],
    ])
  })

  test('the SDK assembles text, the tool plan and tool calls with parsed arguments', async () => {
    mock.onMessage('story', { content: 'Once upon a time there was a mock.' }, { chunkSize: 5 })
    let text = ''
    for await (const event of await client.chatStream({ model, messages: user('a story') })) {
      if (event.type === 'content-delta') text += event.delta?.message?.content?.text ?? ''
    }
    expect(text).toBe('Once upon a time there was a mock.')

    mock.onMessage(
      'weather',
      { content: 'Checking.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
      { chunkSize: 4 },
    )
    let plan = ''
    const calls: Array<{ id: string; name: string; args: string }> = []
    let finish: string | undefined
    for await (const event of await client.chatStream({
      model,
      messages: user('weather'),
      tools: [weatherTool],
    })) {
      if (event.type === 'tool-plan-delta') plan += event.delta?.message?.toolPlan ?? ''
      if (event.type === 'tool-call-start') {
        const call = event.delta!.message!.toolCalls!
        calls.push({ id: call.id, name: call.function!.name!, args: call.function!.arguments ?? '' })
      }
      if (event.type === 'tool-call-delta')
        calls.at(-1)!.args += event.delta?.message?.toolCalls?.function?.arguments ?? ''
      if (event.type === 'message-end') finish = event.delta?.finishReason
    }
    expect(plan).toBe('Checking.')
    expect(calls).toEqual([
      { id: expect.stringMatching(/^call_/), name: 'get_weather', args: '{"city":"Paris"}' },
    ])
    expect(JSON.parse(calls[0]!.args)).toEqual({ city: 'Paris' })
    expect(finish).toBe('TOOL_CALL')
  })
})

describe('tool results', () => {
  test('a tool message names its call; the call name is resolved from the assistant turn', async () => {
    mock.on({ toolCallId: 'get_weather_1' }, { content: 'It is 18C.' })
    const r = await client.chat({
      model,
      messages: [
        ...user('weather?'),
        {
          role: 'assistant',
          toolPlan: 'I will check.',
          toolCalls: [
            {
              id: 'get_weather_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        {
          role: 'tool',
          toolCallId: 'get_weather_1',
          content: [{ type: 'document', document: { data: { temp: '18C' } } }],
        },
      ],
    })
    expect(r.message.content?.[0]).toEqual({ type: 'text', text: 'It is 18C.' })
    const request = mock.journal.last()?.request
    if (request?.kind !== 'chat') throw new Error('expected a chat request')
    expect(request.messages[1]?.text).toBe('I will check.')
    expect(request.messages[1]?.toolCalls).toEqual([
      { id: 'get_weather_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    ])
    expect(request.messages[2]?.toolResult).toEqual({
      toolCallId: 'get_weather_1',
      name: 'get_weather',
      content: '{"temp":"18C"}',
    })
  })
})

describe('embed', () => {
  test('float by default: one vector per text, the texts echoed, billed input tokens', async () => {
    const body = await (
      await post(
        {
          model: 'embed-v4.0',
          input_type: 'search_document',
          texts: ['hello', 'goodbye'],
          output_dimension: 256,
        },
        '/v2/embed',
      )
    ).json()
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/),
      embeddings: { float: [expect.any(Array), expect.any(Array)] },
      texts: ['hello', 'goodbye'],
      meta: { api_version: { version: '2' }, billed_units: { input_tokens: 4 } },
    })
    expect(body.embeddings.float[0]).toHaveLength(256)
  })

  test('the SDK gets every requested type, compressed from the same vector', async () => {
    mock.onEmbedding('cats', [0.5, -1, 0.25, 0, 1, -0.5, 0.1, -0.1, 0.9])
    const r = await client.embed({
      model: 'embed-v4.0',
      inputType: 'classification',
      texts: ['cats'],
      embeddingTypes: ['float', 'int8', 'uint8', 'binary', 'ubinary', 'base64'],
    })
    expect(r.embeddings.float).toEqual([[0.5, -1, 0.25, 0, 1, -0.5, 0.1, -0.1, 0.9]])
    expect(r.embeddings.int8).toEqual([[64, -127, 32, 0, 127, -64, 13, -13, 114]])
    expect(r.embeddings.uint8).toEqual([[191, 0, 159, 128, 255, 64, 140, 115, 242]])
    // Signs 1,0,1,0,1,0,1,0 | 1 → 0b10101010, 0b10000000.
    expect(r.embeddings.ubinary).toEqual([[170, 128]])
    expect(r.embeddings.binary).toEqual([[42, 0]])
    const floats = new Float32Array(new Uint8Array(Buffer.from(r.embeddings.base64![0]!, 'base64')).buffer)
    expect([...floats]).toEqual([
      0.5,
      -1,
      0.25,
      0,
      1,
      -0.5,
      Math.fround(0.1),
      Math.fround(-0.1),
      Math.fround(0.9),
    ])
  })

  test('multimodal inputs and images embed too', async () => {
    const r = await client.embed({
      model: 'embed-v4.0',
      inputType: 'search_document',
      inputs: [{ content: [{ type: 'text', text: 'a caption' }] }],
      images: ['data:image/png;base64,AAAA'],
    })
    expect(r.embeddings.float).toHaveLength(2)
    const request = mock.journal.last()?.request
    expect(request?.kind === 'embedding' && request.inputs).toEqual([
      'data:image/png;base64,AAAA',
      'a caption',
    ])
  })

  test('the id is the same for the same request', async () => {
    const ask = () => client.embed({ model: 'embed-v4.0', inputType: 'search_query', texts: ['same'] })
    expect((await ask()).id).toBe((await ask()).id)
  })
})

describe('errors', () => {
  test('an error fixture is the typed error for its status, with the body Cohere sends', async () => {
    mock.onMessage('limit', { error: { message: 'Slow down' }, status: 429 })
    mock.onMessage('boom', { error: { message: 'Internal failure' }, status: 500 })
    const limited = await rejection(client.chat({ model, messages: user('limit') }))
    expect(limited).toBeInstanceOf(Cohere.TooManyRequestsError)
    expect(limited.statusCode).toBe(429)
    expect(limited.body).toEqual({ message: 'Slow down' })
    const boom = await rejection(client.chatStream({ model, messages: user('boom') }))
    expect(boom).toBeInstanceOf(Cohere.InternalServerError)
  })

  test('a miss is a NotFoundError (ServiceUnavailableError when strict) saying what did not match', async () => {
    const lenient = await rejection(client.chat({ model, messages: user('nothing matches this') }))
    expect(lenient).toBeInstanceOf(Cohere.NotFoundError)
    expect((lenient.body as { message: string }).message).toContain('nothing matches this')
    mock.strict = true
    expect(await rejection(client.chat({ model, messages: user('nothing') }))).toBeInstanceOf(
      Cohere.ServiceUnavailableError,
    )
  })

  test('bad input through the SDK is a BadRequestError whose message names the field', async () => {
    const error = await rejection(
      client.chat({ model, messages: [...user('hi'), { role: 'tool', toolCallId: '', content: 'x' }] }),
    )
    expect(error).toBeInstanceOf(Cohere.BadRequestError)
    expect(error.body).toEqual({
      message: 'invalid request: messages[1].tool_call_id must be a non-empty string.',
    })
  })

  test.each([
    ['/v2/chat', { messages: user('hi') }, 'model'],
    ['/v2/chat', { model }, 'messages'],
    ['/v2/chat', { model, messages: [] }, 'messages'],
    ['/v2/chat', { model, messages: [{ role: 'chatbot', content: 'x' }] }, 'messages[0].role'],
    ['/v2/chat', { model, messages: [{ role: 'user', content: 5 }] }, 'messages[0].content'],
    [
      '/v2/chat',
      {
        model,
        messages: [
          {
            role: 'assistant',
            tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: {} } }],
          },
        ],
      },
      'messages[0].tool_calls[0].function.arguments',
    ],
    ['/v2/chat', { model, messages: user('hi'), tools: [{ type: 'function' }] }, 'tools[0].function.name'],
    ['/v2/chat', { model, messages: user('hi'), response_format: { type: 'yaml' } }, 'response_format.type'],
    ['/v2/chat', { model, messages: user('hi'), stream: 'yes' }, 'stream'],
    ['/v2/embed', { model, texts: ['x'] }, 'input_type'],
    ['/v2/embed', { model, input_type: 'search_query' }, 'texts'],
    ['/v2/embed', { model, input_type: 'search_query', texts: [1] }, 'texts'],
    [
      '/v2/embed',
      { model, input_type: 'search_query', texts: ['x'], embedding_types: ['float16'] },
      'embedding_types',
    ],
    [
      '/v2/embed',
      { model, input_type: 'search_query', texts: ['x'], output_dimension: -1 },
      'output_dimension',
    ],
  ])('%s rejects bad input with a 400 naming the field (%j)', async (path, body, field) => {
    const response = await post(body, path)
    expect(response.status).toBe(400)
    const json = await response.json()
    expect(Object.keys(json)).toEqual(['message'])
    expect(json.message).toMatch(
      new RegExp(`^invalid request: ${field.replace(/[[\].]/g, '\\$&')} (must be|is required)`),
    )
  })
})
