/**
 * AWS Bedrock Runtime through @aws-sdk/client-bedrock-runtime on its default (HTTP/2) request handler:
 * Converse and ConverseStream, InvokeModel and InvokeModelWithResponseStream with Claude bodies, typed
 * exceptions, and the event stream's bytes on the wire.
 */
import {
  AccessDeniedException,
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InternalServerException,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  ModelNotReadyException,
  ResourceNotFoundException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
  type ConverseStreamOutput,
  type Message,
} from '@aws-sdk/client-bedrock-runtime'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, type RunningServer, type Standin } from '../../src'
import { decodeEventStream } from '../../src/streaming/aws-event-stream'

const MODEL = 'us.anthropic.claude-3-5-sonnet-20241022-v2:0'
const WEATHER = {
  toolSpec: {
    name: 'get_weather',
    description: 'Current weather for a city',
    inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  },
}

let mock: Standin
let server: RunningServer
let client: BedrockRuntimeClient

beforeAll(async () => {
  mock = createStandin({ strict: false })
  server = await mock.listen({ port: 0 })
  client = new BedrockRuntimeClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1,
  })
})
afterAll(async () => {
  client.destroy()
  await server.close()
})
beforeEach(() => {
  mock.reset()
  mock.strict = false
})

const user = (text: string): Message[] => [{ role: 'user', content: [{ text }] }]
const converse = (text: string, extra: Partial<ConstructorParameters<typeof ConverseCommand>[0]> = {}) =>
  client.send(new ConverseCommand({ modelId: MODEL, messages: user(text), ...extra }))

async function streamEvents(
  text: string,
  extra: Partial<ConstructorParameters<typeof ConverseStreamCommand>[0]> = {},
) {
  const response = await client.send(
    new ConverseStreamCommand({ modelId: MODEL, messages: user(text), ...extra }),
  )
  const events: ConverseStreamOutput[] = []
  for await (const event of response.stream!) events.push(event)
  return events
}

/** The name of each union member an SDK stream event carries, e.g. `contentBlockDelta`. */
const names = (events: object[]) =>
  events.map((event) => Object.keys(event).find((k) => (event as Record<string, unknown>)[k] !== undefined))

const claudeBody = (text: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 256,
    messages: [{ role: 'user', content: text }],
    ...extra,
  })

async function invoke(text: string, extra: Record<string, unknown> = {}) {
  const response = await client.send(
    new InvokeModelCommand({
      modelId: MODEL,
      contentType: 'application/json',
      body: claudeBody(text, extra),
    }),
  )
  return JSON.parse(new TextDecoder().decode(response.body)) as Record<string, any>
}

async function invokeStream(text: string, extra: Record<string, unknown> = {}) {
  const response = await client.send(
    new InvokeModelWithResponseStreamCommand({
      modelId: MODEL,
      contentType: 'application/json',
      body: claudeBody(text, extra),
    }),
  )
  const events: Array<Record<string, any>> = []
  for await (const part of response.body!)
    events.push(JSON.parse(new TextDecoder().decode(part.chunk!.bytes)))
  return events
}

async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the request to fail')
}

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

describe('Converse', () => {
  test('answers text with the stop reason, usage and metrics', async () => {
    mock.onMessage('hello', { content: 'Hi', usage: { input_tokens: 5, output_tokens: 1 } })
    const r = await converse('hello')
    expect(r.output?.message).toEqual({ role: 'assistant', content: [{ text: 'Hi' }] })
    expect(r.stopReason).toBe('end_turn')
    expect(r.usage).toEqual({ inputTokens: 5, outputTokens: 1, totalTokens: 6 })
    expect(r.metrics?.latencyMs).toBeGreaterThanOrEqual(0)
    expect(r.$metadata.httpStatusCode).toBe(200)
  })

  test('decodes system blocks, tools, tool uses and tool results into the canonical request', async () => {
    mock.onMessage('weather', { content: 'Sunny.' })
    await converse('', {
      system: [{ text: 'Be brief.' }, { cachePoint: { type: 'default' } }, { text: 'Use tools.' }],
      toolConfig: { tools: [WEATHER] },
      messages: [
        { role: 'user', content: [{ text: 'weather in Paris?' }] },
        {
          role: 'assistant',
          content: [
            { text: 'Checking.' },
            { toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } } },
          ],
        },
        {
          role: 'user',
          content: [
            {
              toolResult: {
                toolUseId: 'tooluse_1',
                content: [{ json: { temp: 18 } }, { text: 'sunny' }],
                status: 'error',
              },
            },
            { text: 'and the weather tomorrow?' },
          ],
        },
      ],
    })
    const request = mock.journal.last()?.request
    expect(request).toMatchObject({
      kind: 'chat',
      surface: 'bedrock.converse',
      provider: 'bedrock',
      model: MODEL,
      system: 'Be brief.\nUse tools.',
      stream: false,
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather for a city',
          parameters: WEATHER.toolSpec.inputSchema.json,
        },
      ],
      messages: [
        { role: 'system', text: 'Be brief.\nUse tools.' },
        { role: 'user', text: 'weather in Paris?' },
        {
          role: 'assistant',
          text: 'Checking.',
          toolCalls: [{ id: 'tooluse_1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
        },
        {
          role: 'tool',
          text: '{"temp":18}\nsunny',
          toolResult: {
            toolCallId: 'tooluse_1',
            name: 'get_weather',
            content: '{"temp":18}\nsunny',
            isError: true,
          },
        },
        { role: 'user', text: 'and the weather tomorrow?' },
      ],
    })
  })

  test('answers a tool call with a tooluse_ id and the input as a JSON document', async () => {
    mock.onMessage('weather', { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] })
    const r = await converse('weather in Paris?', { toolConfig: { tools: [WEATHER] } })
    const use = r.output?.message?.content?.[0]?.toolUse
    expect(use).toMatchObject({ name: 'get_weather', input: { city: 'Paris' } })
    expect(use?.toolUseId).toMatch(/^tooluse_/)
    expect(r.stopReason).toBe('tool_use')
  })

  test('answers text and tool calls in the fixture order', async () => {
    mock.onMessage('both', {
      content: 'Let me check.',
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Rome' }, id: 'tooluse_x' }],
    })
    const r = await converse('both', { toolConfig: { tools: [WEATHER] } })
    expect(r.output?.message?.content).toEqual([
      { text: 'Let me check.' },
      { toolUse: { toolUseId: 'tooluse_x', name: 'get_weather', input: { city: 'Rome' } } },
    ])
  })

  test('answers reasoning as reasoningContent with its signature, and redacted reasoning as bytes', async () => {
    mock.onMessage('think', {
      reasoning: 'Step by step.',
      reasoningSignature: 'sig-1',
      redactedThinking: ['b3BhcXVl'],
      content: 'Done.',
    })
    const r = await converse('think')
    const [reasoning, redacted, text] = r.output!.message!.content!
    expect(reasoning?.reasoningContent?.reasoningText).toEqual({ text: 'Step by step.', signature: 'sig-1' })
    expect(Buffer.from(redacted!.reasoningContent!.redactedContent!).toString()).toBe('opaque')
    expect(text).toEqual({ text: 'Done.' })
  })

  test('signs reasoning with a placeholder when the fixture gives no signature', async () => {
    mock.onMessage('think', { reasoning: 'Hmm.', content: 'Ok.' })
    const r = await converse('think')
    expect(r.output?.message?.content?.[0]?.reasoningContent?.reasoningText?.signature).toBe(
      'standin-placeholder-signature',
    )
  })

  test.each([
    ['length', 'max_tokens'],
    ['content_filter', 'content_filtered'],
  ] as const)('maps the %s finish reason to %s', async (finishReason, stopReason) => {
    mock.onMessage('cut', { content: 'Partial', finishReason })
    expect((await converse('cut')).stopReason).toBe(stopReason)
  })

  test('outputConfig.textFormat is the request format fixtures match', async () => {
    mock.on({ responseFormat: 'json_schema' }, { content: { city: 'Paris' } })
    const schema = { type: 'object', properties: { city: { type: 'string' } } }
    const r = await converse('city?', {
      outputConfig: {
        textFormat: {
          type: 'json_schema',
          structure: { jsonSchema: { name: 'city', schema: JSON.stringify(schema) } },
        },
      },
    })
    expect(JSON.parse(r.output!.message!.content![0]!.text!)).toEqual({ city: 'Paris' })
    expect(mock.journal.last()?.request).toMatchObject({
      responseFormat: { type: 'json_schema', name: 'city', schema },
    })
  })

  test('takes the model id from the path: inference profiles and ARNs, encoded by the SDK or sent raw', async () => {
    mock.onMessage('hello', { content: 'Hi' })
    const arn =
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20241022-v2:0'
    await client.send(new ConverseCommand({ modelId: arn, messages: user('hello') }))
    expect(mock.journal.last()?.request?.model).toBe(arn)
    const raw = await post('/model/anthropic.claude-v2:1/converse', { messages: user('hello') })
    expect(raw.status).toBe(200)
    expect(mock.journal.last()?.request?.model).toBe('anthropic.claude-v2:1')
    await post(`/model/${arn}/converse-stream`, { messages: user('hello') })
    expect(mock.journal.last()?.request).toMatchObject({ model: arn, stream: true })
  })
})

describe('ConverseStream', () => {
  test('streams text as messageStart, deltas, contentBlockStop, messageStop and metadata', async () => {
    mock.onMessage(
      'story',
      { content: 'Once upon a time.', usage: { input_tokens: 3, output_tokens: 4 } },
      { chunkSize: 5 },
    )
    const events = await streamEvents('story')
    expect(names(events)).toEqual([
      'messageStart',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'messageStop',
      'metadata',
    ])
    expect(events[0]!.messageStart).toEqual({ role: 'assistant' })
    const text = events.map((e) => e.contentBlockDelta?.delta?.text ?? '').join('')
    expect(text).toBe('Once upon a time.')
    expect(events.every((e) => !e.contentBlockDelta || e.contentBlockDelta.contentBlockIndex === 0)).toBe(
      true,
    )
    expect(events[5]!.contentBlockStop).toEqual({ contentBlockIndex: 0 })
    expect(events[6]!.messageStop).toEqual({ stopReason: 'end_turn' })
    expect(events[7]!.metadata?.usage).toEqual({ inputTokens: 3, outputTokens: 4, totalTokens: 7 })
    expect(events[7]!.metadata?.metrics?.latencyMs).toBeGreaterThanOrEqual(0)
    expect(mock.journal.last()?.request).toMatchObject({ surface: 'bedrock.converse', stream: true })
  })

  test('streams a tool use: contentBlockStart with its id and name, then the input as string deltas', async () => {
    mock.onMessage(
      'weather',
      {
        content: 'Checking.',
        toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } }],
      },
      { chunkSize: 8 },
    )
    const events = await streamEvents('weather in Paris?', { toolConfig: { tools: [WEATHER] } })
    const start = events.find((e) => e.contentBlockStart)!.contentBlockStart!
    expect(start.contentBlockIndex).toBe(1)
    expect(start.start?.toolUse).toMatchObject({
      name: 'get_weather',
      toolUseId: expect.stringMatching(/^tooluse_/),
    })
    const deltas = events.filter((e) => e.contentBlockDelta?.delta?.toolUse)
    expect(deltas.length).toBeGreaterThan(1)
    expect(deltas.every((e) => e.contentBlockDelta!.contentBlockIndex === 1)).toBe(true)
    expect(JSON.parse(deltas.map((e) => e.contentBlockDelta!.delta!.toolUse!.input).join(''))).toEqual({
      city: 'Paris',
      unit: 'celsius',
    })
    expect(
      events.filter((e) => e.contentBlockStop).map((e) => e.contentBlockStop!.contentBlockIndex),
    ).toEqual([0, 1])
    expect(events.find((e) => e.messageStop)?.messageStop?.stopReason).toBe('tool_use')
  })

  test('streams reasoning as block 0 (text deltas, then the signature), the answer after it', async () => {
    mock.onMessage('think', { reasoning: 'Let me think.', reasoningSignature: 'sig-2', content: 'Yes.' })
    const events = await streamEvents('think')
    const deltas = events.filter((e) => e.contentBlockDelta).map((e) => e.contentBlockDelta!)
    expect(deltas).toEqual([
      { contentBlockIndex: 0, delta: { reasoningContent: { text: 'Let me think.' } } },
      { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'sig-2' } } },
      { contentBlockIndex: 1, delta: { text: 'Yes.' } },
    ])
    expect(
      events.filter((e) => e.contentBlockStop).map((e) => e.contentBlockStop!.contentBlockIndex),
    ).toEqual([0, 1])
  })

  test('a paced stream arrives whole over the SDK connection', async () => {
    mock.onMessage('slow', { content: 'one two three four' }, { chunkSize: 4, latency: 2 })
    const events = await streamEvents('slow')
    expect(events.map((e) => e.contentBlockDelta?.delta?.text ?? '').join('')).toBe('one two three four')
    expect(names(events).at(-1)).toBe('metadata')
    expect(events.at(-1)!.metadata!.metrics!.latencyMs).toBeGreaterThanOrEqual(5)
  })

  test('is AWS event-stream bytes on the wire: CRC-checked messages with the event headers', async () => {
    mock.onMessage('hello', { content: 'Hi' })
    const response = await post(`/model/${encodeURIComponent(MODEL)}/converse-stream`, {
      messages: user('hello'),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/vnd.amazon.eventstream')
    const bytes = new Uint8Array(await response.arrayBuffer())
    // Each prelude's total length (big-endian) frames its message exactly: they tile the body.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    let offset = 0
    while (offset < bytes.length) offset += view.getUint32(offset)
    expect(offset).toBe(bytes.length)
    const messages = decodeEventStream(bytes)
    expect(messages.map((m) => m.headers)).toEqual(
      ['messageStart', 'contentBlockDelta', 'contentBlockStop', 'messageStop', 'metadata'].map((type) => ({
        ':event-type': type,
        ':content-type': 'application/json',
        ':message-type': 'event',
      })),
    )
    const payloads = messages.map((m) => JSON.parse(Buffer.from(m.payload).toString()))
    expect(payloads.slice(0, 4)).toEqual([
      { role: 'assistant' },
      { delta: { text: 'Hi' }, contentBlockIndex: 0 },
      { contentBlockIndex: 0 },
      { stopReason: 'end_turn' },
    ])
    // A flipped byte after the prelude fails the message CRC; one inside it, the prelude CRC.
    const flipped = (at: number) => bytes.map((byte, i) => (i === at ? byte ^ 0xff : byte))
    expect(() => decodeEventStream(flipped(20))).toThrow('message CRC')
    expect(() => decodeEventStream(flipped(5))).toThrow('prelude CRC')
  })
})

describe('InvokeModel with a Claude body', () => {
  test('answers an Anthropic Message with Bedrock ids', async () => {
    mock.onMessage('hello', { content: 'Hi', usage: { input_tokens: 4, output_tokens: 1 } })
    const message = await invoke('hello')
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: MODEL,
      content: [{ type: 'text', text: 'Hi' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 4, output_tokens: 1 },
    })
    expect(message.id).toMatch(/^msg_bdrk_/)
    expect(mock.journal.last()?.request).toMatchObject({
      surface: 'bedrock.invoke',
      provider: 'bedrock',
      model: MODEL,
      stream: false,
    })
  })

  test('answers a tool_use block with a toolu_bdrk_ id', async () => {
    mock.onMessage('weather', { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] })
    const message = await invoke('weather in Paris?', {
      tools: [{ name: 'get_weather', input_schema: WEATHER.toolSpec.inputSchema.json }],
    })
    expect(message.content[0]).toMatchObject({
      type: 'tool_use',
      name: 'get_weather',
      input: { city: 'Paris' },
    })
    expect(message.content[0].id).toMatch(/^toolu_bdrk_/)
    expect(message.stop_reason).toBe('tool_use')
    expect(mock.journal.last()?.request).toMatchObject({ tools: [{ name: 'get_weather' }] })
  })

  test('requires anthropic_version, as Bedrock does', async () => {
    const body = JSON.stringify({ max_tokens: 10, messages: [{ role: 'user', content: 'hello' }] })
    const error = await rejection(client.send(new InvokeModelCommand({ modelId: MODEL, body })))
    expect(error).toBeInstanceOf(ValidationException)
    expect(error.$metadata.httpStatusCode).toBe(400)
    expect(error.message).toContain('anthropic_version')
  })

  test('rejects bodies of model families it does not read, saying which it reads', async () => {
    const body = JSON.stringify({ inputText: 'hello' })
    const error = await rejection(
      client.send(new InvokeModelCommand({ modelId: 'amazon.titan-text-express-v1', body })),
    )
    expect(error).toBeInstanceOf(ValidationException)
    expect(error.message).toMatch(/anthropic, amazon nova.*Converse/)
  })
})

describe('InvokeModelWithResponseStream with a Claude body', () => {
  test('streams Anthropic events, one per PayloadPart chunk, with invocation metrics on message_stop', async () => {
    mock.onMessage(
      'story',
      { content: 'Once upon a time.', usage: { input_tokens: 3, output_tokens: 4 } },
      { chunkSize: 6 },
    )
    const events = await invokeStream('story')
    const types = events.map((e) => e.type)
    expect(types[0]).toBe('message_start')
    expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop'])
    expect(events[0]!.message.id).toMatch(/^msg_bdrk_/)
    const text = events
      .filter((e) => e.type === 'content_block_delta')
      .map((e) => e.delta.text)
      .join('')
    expect(text).toBe('Once upon a time.')
    expect(events.filter((e) => e.type === 'content_block_delta').length).toBeGreaterThan(1)
    expect(events.at(-2)!.delta.stop_reason).toBe('end_turn')
    expect(events.at(-1)!['amazon-bedrock-invocationMetrics']).toMatchObject({
      inputTokenCount: 3,
      outputTokenCount: 4,
      invocationLatency: expect.any(Number),
      firstByteLatency: expect.any(Number),
    })
    expect(mock.journal.last()?.request).toMatchObject({ surface: 'bedrock.invoke', stream: true })
  })

  test('streams a tool use as input_json_delta partial JSON', async () => {
    mock.onMessage(
      'weather',
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } }] },
      { chunkSize: 7 },
    )
    const events = await invokeStream('weather in Paris?')
    const start = events.find((e) => e.type === 'content_block_start')!
    expect(start.content_block).toMatchObject({
      type: 'tool_use',
      name: 'get_weather',
      id: expect.stringMatching(/^toolu_bdrk_/),
    })
    const json = events
      .filter((e) => e.delta?.type === 'input_json_delta')
      .map((e) => e.delta.partial_json)
      .join('')
    expect(JSON.parse(json)).toEqual({ city: 'Paris', unit: 'celsius' })
    expect(events.find((e) => e.type === 'message_delta')!.delta.stop_reason).toBe('tool_use')
  })

  test('is chunk events on the wire, each payload {"bytes": base64 of the event JSON}', async () => {
    mock.onMessage('hello', { content: 'Hi' })
    const response = await post(
      `/model/${encodeURIComponent(MODEL)}/invoke-with-response-stream`,
      claudeBody('hello'),
    )
    expect(response.headers.get('content-type')).toBe('application/vnd.amazon.eventstream')
    const messages = decodeEventStream(new Uint8Array(await response.arrayBuffer()))
    expect(messages.length).toBeGreaterThan(4)
    for (const message of messages) {
      expect(message.headers).toEqual({
        ':event-type': 'chunk',
        ':content-type': 'application/json',
        ':message-type': 'event',
      })
      const part = JSON.parse(Buffer.from(message.payload).toString())
      expect(Object.keys(part)).toEqual(['bytes'])
      expect(JSON.parse(Buffer.from(part.bytes, 'base64').toString())).toHaveProperty('type')
    }
  })
})

describe('InvokeModel with an Amazon Nova body', () => {
  const NOVA = 'us.amazon.nova-lite-v1:0'
  const novaBody = (text: string) =>
    JSON.stringify({
      schemaVersion: 'messages-v1',
      system: [{ text: 'Be brief.' }],
      messages: [{ role: 'user', content: [{ text }] }],
      inferenceConfig: { max_new_tokens: 100 },
    })

  test('answers the Converse response shape', async () => {
    mock.onMessage('hello', { content: 'Hi', usage: { input_tokens: 2, output_tokens: 1 } })
    const response = await client.send(new InvokeModelCommand({ modelId: NOVA, body: novaBody('hello') }))
    const body = JSON.parse(new TextDecoder().decode(response.body))
    expect(body).toMatchObject({
      output: { message: { role: 'assistant', content: [{ text: 'Hi' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 2, outputTokens: 1, totalTokens: 3 },
    })
    expect(mock.journal.last()?.request).toMatchObject({
      surface: 'bedrock.invoke',
      model: NOVA,
      system: 'Be brief.',
    })
  })

  test('streams Converse events keyed by type, one per chunk, metrics on the last', async () => {
    mock.onMessage(
      'weather',
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
      { chunkSize: 6 },
    )
    const response = await client.send(
      new InvokeModelWithResponseStreamCommand({ modelId: NOVA, body: novaBody('weather?') }),
    )
    const chunks: Array<Record<string, any>> = []
    for await (const part of response.body!)
      chunks.push(JSON.parse(new TextDecoder().decode(part.chunk!.bytes)))
    expect(chunks.map((chunk) => Object.keys(chunk)[0])).toEqual([
      'messageStart',
      'contentBlockStart',
      ...chunks.filter((chunk) => chunk.contentBlockDelta).map(() => 'contentBlockDelta'),
      'contentBlockStop',
      'messageStop',
      'metadata',
    ])
    expect(chunks[1]!.contentBlockStart.start.toolUse.name).toBe('get_weather')
    const input = chunks
      .filter((chunk) => chunk.contentBlockDelta)
      .map((chunk) => chunk.contentBlockDelta.delta.toolUse.input)
    expect(JSON.parse(input.join(''))).toEqual({ city: 'Paris' })
    expect(chunks.at(-2)!.messageStop.stopReason).toBe('tool_use')
    expect(chunks.at(-1)!['amazon-bedrock-invocationMetrics']).toMatchObject({
      inputTokenCount: expect.any(Number),
    })
  })
})

describe('errors arrive as the SDK typed exceptions', () => {
  test('a 429 fixture is a ThrottlingException with its status and message', async () => {
    mock.onMessage('overload', { error: { message: 'Slow down', type: 'rate_limit_error' }, status: 429 })
    const error = await rejection(converse('overload'))
    expect(error).toBeInstanceOf(ThrottlingException)
    expect(error.$metadata.httpStatusCode).toBe(429)
    expect(error.$fault).toBe('client')
    expect(error.message).toBe('Slow down')
  })

  test.each([
    [400, ValidationException],
    [403, AccessDeniedException],
    [500, InternalServerException],
    [503, ServiceUnavailableException],
  ] as const)('status %i is a %o', async (status, type) => {
    mock.onMessage('fail', { error: { message: `failed with ${status}` }, status })
    const error = await rejection(converse('fail'))
    expect(error).toBeInstanceOf(type)
    expect(error.$metadata.httpStatusCode).toBe(status)
  })

  test('a fixture may name the exception', async () => {
    mock.onMessage('cold', {
      error: { message: 'Model is warming up', type: 'ModelNotReadyException' },
      status: 429,
    })
    const error = await rejection(converse('cold'))
    expect(error).toBeInstanceOf(ModelNotReadyException)
  })

  test('streams, invoke and invoke streams raise them too', async () => {
    mock.onMessage('overload', { error: { message: 'Slow down' }, status: 429 })
    expect(await rejection(streamEvents('overload'))).toBeInstanceOf(ThrottlingException)
    expect(await rejection(invoke('overload'))).toBeInstanceOf(ThrottlingException)
    expect(await rejection(invokeStream('overload'))).toBeInstanceOf(ThrottlingException)
  })

  test('a miss is a ResourceNotFoundException naming the closest fixture; strict, a ServiceUnavailableException', async () => {
    mock.onMessage('hello', { content: 'Hi' })
    const miss = await rejection(converse('goodbye'))
    expect(miss).toBeInstanceOf(ResourceNotFoundException)
    expect(miss.$metadata.httpStatusCode).toBe(404)
    expect(miss.message).toContain('No fixture matched')
    expect(miss.message).toContain('"hello"')
    mock.strict = true
    const strict = await rejection(converse('goodbye'))
    expect(strict).toBeInstanceOf(ServiceUnavailableException)
    expect(strict.$metadata.httpStatusCode).toBe(503)
  })

  test('the wire carries {"message"} and x-amzn-ErrorType', async () => {
    mock.onMessage('overload', { error: { message: 'Slow down' }, status: 429 })
    const response = await post(`/model/${MODEL}/converse`, { messages: user('overload') })
    expect(response.status).toBe(429)
    expect(response.headers.get('x-amzn-errortype')).toBe('ThrottlingException')
    expect(await response.json()).toEqual({ message: 'Slow down' })
  })

  test.each([
    [{ messages: [{ role: 'robot', content: [{ text: 'hi' }] }] }, 'messages[0].role'],
    [{ messages: [{ role: 'user' }] }, 'messages[0].content'],
    [{}, 'messages'],
    [
      { messages: [{ role: 'user', content: [{ toolResult: { content: [] } }] }] },
      'messages[0].content[0].toolResult.toolUseId',
    ],
    [
      { messages: user('hi'), toolConfig: { tools: [{ toolSpec: { inputSchema: { json: {} } } }] } },
      'toolConfig.tools[0].toolSpec.name',
    ],
    [{ messages: user('hi'), system: 'Be brief.' }, 'system'],
  ])('a bad body is a ValidationException naming the field (%#)', async (body, field) => {
    const response = await post(`/model/${MODEL}/converse`, body)
    expect(response.status).toBe(400)
    expect(response.headers.get('x-amzn-errortype')).toBe('ValidationException')
    expect((await response.json()).message).toContain(`'${field}'`)
  })

  test('the SDK surfaces a validation failure as a ValidationException', async () => {
    const error = await rejection(
      client.send(
        new ConverseCommand({
          modelId: MODEL,
          messages: [
            { role: 'user', content: [{ toolResult: { toolUseId: undefined, content: [] } } as never] },
          ],
        }),
      ),
    )
    expect(error).toBeInstanceOf(ValidationException)
    expect(error.message).toContain('toolUseId')
  })
})
