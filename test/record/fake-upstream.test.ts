/**
 * The fake upstream is only an oracle if the providers' own SDKs accept it: each official SDK is pointed
 * straight at it (no standin involved) and must parse every answer, streamed and not, into the right
 * values. The fake's mechanics (separate paced writes, the request log, cut streams) are checked here too.
 */
import { embed } from 'ai'
import Anthropic from '@anthropic-ai/sdk'
import { createGoogleGenerativeAI } from '@ai-sdk/google'
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  ThrottlingException,
  type ContentBlock,
  type ConverseStreamOutput,
  type Message,
} from '@aws-sdk/client-bedrock-runtime'
import { ApiError, FinishReason, GoogleGenAI, type GenerateContentResponse } from '@google/genai'
import { EventStreamCodec } from '@smithy/eventstream-codec'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { CohereClientV2, Cohere } from 'cohere-ai'
import { Ollama } from 'ollama'
import OpenAI, { AzureOpenAI } from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { REASONING_TEXT, WEATHER_TEXT, startFakeUpstream, type FakeUpstream } from './fake-upstream'

let fake: FakeUpstream
beforeAll(async () => {
  fake = await startFakeUpstream()
})
afterAll(() => fake.close())
beforeEach(() => {
  fake.script = {}
  fake.requests.length = 0
})

const last = () => fake.requests.at(-1)!
async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of stream) items.push(item)
  return items
}
async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

// ---------------------------------------------------------------------------------------------------------

describe('OpenAI chat completions through openai', () => {
  let client: OpenAI
  beforeAll(() => {
    client = new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'sk-test', maxRetries: 0 })
  })
  const weather = [
    {
      type: 'function' as const,
      function: { name: 'get_weather', parameters: { type: 'object', properties: {} } },
    },
  ]

  test('text: the echo, stop, usage, and x-request-id as _request_id', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hello' }],
    })
    expect(completion.choices[0]!.message.content).toBe('Echo: hello')
    expect(completion.choices[0]!.finish_reason).toBe('stop')
    expect(completion.object).toBe('chat.completion')
    expect(completion.id).toMatch(/^chatcmpl-/)
    expect(completion.usage!.total_tokens).toBe(
      completion.usage!.prompt_tokens + completion.usage!.completion_tokens,
    )
    expect(completion._request_id).toMatch(/^req_[0-9a-f]{32}$/)
    expect(last()).toMatchObject({ method: 'POST', path: '/v1/chat/completions', route: 'openai.chat' })
    expect(last().headers.authorization).toBe('Bearer sk-test')
    expect(last().body).toMatchObject({ model: 'gpt-4o' })
  })

  test('the agent loop: a tool call when get_weather is offered, the weather after its result', async () => {
    const first = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: weather,
    })
    const choice = first.choices[0]!
    expect(choice.finish_reason).toBe('tool_calls')
    expect(choice.message.content).toBeNull()
    const call = choice.message.tool_calls![0]!
    expect(call.type === 'function' && call.function.name).toBe('get_weather')
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' })
    expect(call.id).toMatch(/^call_/)
    const second = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: 'weather?' },
        choice.message,
        { role: 'tool', tool_call_id: call.id, content: '{"sky":"sunny","c":21}' },
      ],
      tools: weather,
    })
    expect(second.choices[0]!.message.content).toBe(WEATHER_TEXT)
  })

  test('streamed: the SDK accumulates the text, and the usage chunk comes with include_usage', async () => {
    const stream = client.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hello there' }],
      stream_options: { include_usage: true },
    })
    const chunks = await collect(stream)
    const final = await stream.finalChatCompletion()
    expect(final.choices[0]!.message.content).toBe('Echo: hello there')
    expect(final.choices[0]!.finish_reason).toBe('stop')
    expect(chunks.length).toBeGreaterThan(4)
    const usageChunk = chunks.at(-1)!
    expect(usageChunk.choices).toEqual([])
    expect(usageChunk.usage!.completion_tokens).toBeGreaterThan(0)
    expect(chunks[0]!.usage).toBeNull()
  })

  test('streamed without include_usage: no usage field at all', async () => {
    const chunks = await collect(
      await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'x' }],
        stream: true,
      }),
    )
    expect(chunks.every((c) => !('usage' in c))).toBe(true)
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('stop')
  })

  test('streamed tool call: arguments arrive in pieces and accumulate to the call', async () => {
    const stream = client.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: weather,
    })
    const chunks = await collect(stream)
    const final = await stream.finalChatCompletion()
    const call = final.choices[0]!.message.tool_calls![0]!
    expect(call.type === 'function' && call.function).toEqual({
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    })
    expect(final.choices[0]!.finish_reason).toBe('tool_calls')
    const argumentChunks = chunks.filter((c) => c.choices[0]?.delta.tool_calls?.[0]?.function?.arguments)
    expect(argumentChunks.length).toBeGreaterThan(1)
  })

  test('reasoning shows as reasoning tokens (chat completions carries no reasoning text)', async () => {
    fake.script = { reasoning: true }
    const completion = await client.chat.completions.create({
      model: 'o4-mini',
      messages: [{ role: 'user', content: 'think' }],
    })
    expect(completion.usage!.completion_tokens_details!.reasoning_tokens).toBeGreaterThan(0)
  })

  test("errors come in OpenAI's shape and become the SDK's typed errors", async () => {
    fake.script = { error: { status: 429 } }
    const error = await rejection(
      client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }),
    )
    expect(error).toBeInstanceOf(OpenAI.RateLimitError)
    expect(error.code).toBe('rate_limit_exceeded')
    expect(error.requestID).toMatch(/^req_/)
    fake.script = { error: { status: 400, message: 'bad things', code: 'invalid_value' } }
    const bad = await rejection(
      client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }),
    )
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError)
    expect(bad.error).toEqual({
      message: 'bad things',
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_value',
    })
  })

  test('the real response headers come along, set-cookie included', async () => {
    const { response } = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .withResponse()
    expect(response.headers.get('openai-processing-ms')).toMatch(/^\d+$/)
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('9999')
    expect(response.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual(['__cf_bm', '_cfuvid'])
  })
})

// ---------------------------------------------------------------------------------------------------------

describe('OpenAI Responses through openai', () => {
  let client: OpenAI
  beforeAll(() => {
    client = new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'sk-test', maxRetries: 0 })
  })
  const tools = [
    { type: 'function' as const, name: 'get_weather', parameters: { type: 'object' }, strict: false },
  ]

  test('text: output_text, the message item, usage', async () => {
    const response = await client.responses.create({ model: 'gpt-4.1', input: 'hello' })
    expect(response.output_text).toBe('Echo: hello')
    expect(response.status).toBe('completed')
    expect(response.output[0]).toMatchObject({ type: 'message', role: 'assistant', status: 'completed' })
    expect(response.usage!.total_tokens).toBe(response.usage!.input_tokens + response.usage!.output_tokens)
    expect(response.id).toMatch(/^resp_/)
  })

  test('the agent loop: a function_call item, then the weather after function_call_output', async () => {
    const first = await client.responses.create({ model: 'gpt-4.1', input: 'weather?', tools })
    const call = first.output.find((item) => item.type === 'function_call')!
    expect(call).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}', status: 'completed' })
    const second = await client.responses.create({
      model: 'gpt-4.1',
      tools,
      input: [
        { role: 'user', content: 'weather?' },
        call,
        { type: 'function_call_output', call_id: call.call_id, output: 'sunny' },
      ],
    })
    expect(second.output_text).toBe(WEATHER_TEXT)
  })

  test('streamed: named events with rising sequence numbers, accumulated by the SDK', async () => {
    const stream = client.responses.stream({
      model: 'gpt-4.1',
      input: [{ role: 'user', content: 'stream me' }],
    })
    const events = await collect(stream)
    const final = await stream.finalResponse()
    expect(final.output_text).toBe('Echo: stream me')
    expect(events[0]!.type).toBe('response.created')
    expect(events.at(-1)!.type).toBe('response.completed')
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i))
    expect(events.filter((e) => e.type === 'response.output_text.delta').length).toBeGreaterThan(1)
  })

  test('streamed tool call accumulates the arguments', async () => {
    const stream = client.responses.stream({ model: 'gpt-4.1', input: 'weather?', tools })
    const events = await collect(stream)
    const final = await stream.finalResponse()
    expect(final.output[0]).toMatchObject({
      type: 'function_call',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    })
    expect(events.filter((e) => e.type === 'response.function_call_arguments.delta').length).toBeGreaterThan(
      1,
    )
  })

  test('reasoning: a summary, and encrypted_content when include asks for it, streamed and not', async () => {
    fake.script = { reasoning: true }
    const response = await client.responses.create({
      model: 'o4-mini',
      input: 'think',
      include: ['reasoning.encrypted_content'],
    })
    const reasoning = response.output[0]!
    expect(reasoning.type).toBe('reasoning')
    expect(reasoning.type === 'reasoning' && reasoning.summary[0]!.text).toBe(REASONING_TEXT)
    expect(reasoning.type === 'reasoning' && reasoning.encrypted_content).toMatch(/^gAAAAA/)
    expect(response.output_text).toBe('Echo: think')
    expect(response.usage!.output_tokens_details.reasoning_tokens).toBeGreaterThan(0)
    const stream = client.responses.stream({ model: 'o4-mini', input: 'think' })
    const events = await collect(stream)
    const deltas = events.flatMap((e) =>
      e.type === 'response.reasoning_summary_text.delta' ? [e.delta] : [],
    )
    expect(deltas.join('')).toBe(REASONING_TEXT)
    const final = await stream.finalResponse()
    expect(final.output[0]!.type === 'reasoning' && final.output[0]!.encrypted_content).toBeUndefined()
  })
})

// ---------------------------------------------------------------------------------------------------------

describe('OpenAI embeddings through openai', () => {
  let client: OpenAI
  beforeAll(() => {
    client = new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'sk-test', maxRetries: 0 })
  })

  test('the SDK asks for base64 by default and decodes it to the float vector', async () => {
    const decoded = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'] })
    expect(last().body).toMatchObject({ encoding_format: 'base64' })
    const floats = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
      encoding_format: 'float',
    })
    expect(decoded.data).toHaveLength(2)
    expect(decoded.data[0]!.embedding).toHaveLength(8)
    expect(decoded.data.map((d) => d.embedding)).toEqual(floats.data.map((d) => d.embedding.map(Math.fround)))
    expect(floats.data[1]!.index).toBe(1)
    expect(floats.usage).toEqual({ prompt_tokens: 2, total_tokens: 2 })
  })

  test('dimensions is honoured, and the same text gives the same unit vector', async () => {
    const one = await client.embeddings.create({
      model: 'm',
      input: 'x',
      dimensions: 32,
      encoding_format: 'float',
    })
    const two = await client.embeddings.create({
      model: 'm',
      input: 'x',
      dimensions: 32,
      encoding_format: 'float',
    })
    expect(one.data[0]!.embedding).toHaveLength(32)
    expect(one.data[0]!.embedding).toEqual(two.data[0]!.embedding)
    expect(Math.hypot(...one.data[0]!.embedding)).toBeCloseTo(1, 5)
  })
})

// ---------------------------------------------------------------------------------------------------------

describe('Azure OpenAI through AzureOpenAI', () => {
  let client: AzureOpenAI
  beforeAll(() => {
    client = new AzureOpenAI({
      endpoint: fake.url,
      apiKey: 'azure-key',
      apiVersion: '2024-10-21',
      deployment: 'my-gpt',
      maxRetries: 0,
    })
  })

  test('chat reaches the deployment with api-version, and the content filter results come back', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hello' }],
    })
    expect(completion.choices[0]!.message.content).toBe('Echo: hello')
    expect(completion.choices[0]!.finish_reason).toBe('stop')
    expect((completion as any).prompt_filter_results[0].content_filter_results.hate).toEqual({
      filtered: false,
      severity: 'safe',
    })
    expect(last()).toMatchObject({
      path: '/openai/deployments/my-gpt/chat/completions',
      query: { 'api-version': '2024-10-21' },
      route: 'azure.chat',
    })
    expect(last().headers['api-key']).toBe('azure-key')
  })

  test('streamed: the filter-only first chunk does not upset the SDK; tool calls and usage accumulate', async () => {
    const stream = client.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [{ type: 'function', function: { name: 'get_weather' } }],
      stream_options: { include_usage: true },
    })
    const chunks = await collect(stream)
    const final = await stream.finalChatCompletion()
    const call = final.choices[0]!.message.tool_calls![0]!
    expect(call.type === 'function' && call.function).toEqual({
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    })
    expect(chunks[0]!.choices).toEqual([])
    expect(chunks.at(-1)!.usage!.total_tokens).toBeGreaterThan(0)
  })

  test('embeddings, and a missing api-version is a 404 as on Azure', async () => {
    const result = await client.embeddings.create({ model: 'my-embedder', input: 'hello' })
    expect(result.data[0]!.embedding).toHaveLength(8)
    expect(last().path).toBe('/openai/deployments/my-gpt/embeddings')
    const response = await fetch(`${fake.url}/openai/deployments/my-gpt/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"messages":[]}',
    })
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ error: { code: '404', message: 'Resource not found' } })
  })

  test('errors in Azure shape', async () => {
    fake.script = { error: { status: 429 } }
    const error = await rejection(
      client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }),
    )
    expect(error).toBeInstanceOf(OpenAI.RateLimitError)
    expect(error.code).toBe('429')
  })
})

// ---------------------------------------------------------------------------------------------------------

describe('OpenRouter through openai with its baseURL', () => {
  let client: OpenAI
  beforeAll(() => {
    client = new OpenAI({ baseURL: `${fake.url}/api/v1`, apiKey: 'or-key', maxRetries: 0 })
  })

  test('JSON: provider, native_finish_reason and usage.cost, after the whitespace OpenRouter sends first', async () => {
    const completion: any = await client.chat.completions.create({
      model: 'openai/gpt-4o',
      messages: [{ role: 'user', content: 'hello' }],
    })
    expect(completion.choices[0].message.content).toBe('Echo: hello')
    expect(completion.provider).toBe('OpenAI')
    expect(completion.choices[0].native_finish_reason).toBe('stop')
    expect(completion.usage.cost).toBeGreaterThan(0)
    expect(completion.id).toMatch(/^gen-\d+-/)
    expect(last().path).toBe('/api/v1/chat/completions')
  })

  test('streamed: the processing comment is skipped, every chunk names the provider, usage comes last', async () => {
    const chunks: any[] = await collect(
      await client.chat.completions.create({
        model: 'anthropic/claude-sonnet-4.5',
        messages: [{ role: 'user', content: 'weather?' }],
        tools: [{ type: 'function', function: { name: 'get_weather' } }],
        stream: true,
      }),
    )
    expect(chunks.every((c) => c.provider === 'Anthropic')).toBe(true)
    const finish = chunks.find((c) => c.choices[0]?.finish_reason)
    expect(finish.choices[0]).toMatchObject({ finish_reason: 'tool_calls', native_finish_reason: 'tool_use' })
    const args = chunks.map((c) => c.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '').join('')
    expect(JSON.parse(args)).toEqual({ city: 'Paris' })
    expect(chunks.at(-1).usage.cost).toBeGreaterThan(0)
  })

  test('reasoning: reasoning text and reasoning_details with a signature, streamed and not', async () => {
    fake.script = { reasoning: true }
    const completion: any = await client.chat.completions.create({
      model: 'anthropic/claude-sonnet-4.5',
      messages: [{ role: 'user', content: 'think' }],
    })
    expect(completion.choices[0].message.reasoning).toBe(REASONING_TEXT)
    expect(completion.choices[0].message.reasoning_details[0]).toMatchObject({
      type: 'reasoning.text',
      text: REASONING_TEXT,
      signature: expect.any(String),
    })
    const chunks: any[] = await collect(
      await client.chat.completions.create({
        model: 'anthropic/claude-sonnet-4.5',
        messages: [{ role: 'user', content: 'think' }],
        stream: true,
      }),
    )
    expect(chunks.map((c) => c.choices[0]?.delta.reasoning ?? '').join('')).toBe(REASONING_TEXT)
    expect(chunks.some((c) => c.choices[0]?.delta.reasoning_details?.[0]?.signature)).toBe(true)
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Echo: think')
  })

  test("errors in OpenRouter's shape", async () => {
    fake.script = { error: { status: 402, message: 'Insufficient credits' } }
    const error = await rejection(
      client.chat.completions.create({ model: 'x/y', messages: [{ role: 'user', content: 'x' }] }),
    )
    expect(error.status).toBe(402)
    expect(error.error).toMatchObject({ message: 'Insufficient credits', code: 402 })
  })
})

// ---------------------------------------------------------------------------------------------------------

describe('Anthropic Messages through @anthropic-ai/sdk', () => {
  let client: Anthropic
  beforeAll(() => {
    client = new Anthropic({ baseURL: fake.url, apiKey: 'sk-ant-test', maxRetries: 0 })
  })
  const tools = [{ name: 'get_weather', input_schema: { type: 'object' as const } }]

  test('text, end_turn, usage and request-id', async () => {
    const message = await client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hello' }],
    })
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: hello' }])
    expect(message.stop_reason).toBe('end_turn')
    expect(message.usage.output_tokens).toBeGreaterThan(0)
    expect(message.id).toMatch(/^msg_01/)
    expect(message._request_id).toMatch(/^req_011C/)
    // This SDK version sends the key as a bearer token; older ones sent x-api-key.
    const headers = last().headers
    expect(headers['x-api-key'] ?? headers.authorization).toMatch(/sk-ant-test$/)
  })

  test('the agent loop: tool_use, then the weather after a tool_result', async () => {
    const first = await client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      tools,
      messages: [{ role: 'user', content: 'weather?' }],
    })
    expect(first.stop_reason).toBe('tool_use')
    const use = first.content.find((b) => b.type === 'tool_use')!
    expect(use).toMatchObject({ name: 'get_weather', input: { city: 'Paris' } })
    const second = await client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      tools,
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: use.type === 'tool_use' ? use.id : '', content: 'sunny' },
          ],
        },
      ],
    })
    expect(second.content).toEqual([{ type: 'text', text: WEATHER_TEXT }])
  })

  test('streamed with thinking: thinking_delta, signature_delta and text accumulate into the final message', async () => {
    fake.script = { reasoning: true }
    const stream = client.messages.stream({
      model: 'claude-sonnet-4-5',
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [{ role: 'user', content: 'think' }],
    })
    const events = await collect(stream)
    const message = await stream.finalMessage()
    expect(message.content[0]).toMatchObject({
      type: 'thinking',
      thinking: REASONING_TEXT,
      signature: expect.any(String),
    })
    expect((message.content[0] as Anthropic.ThinkingBlock).signature.length).toBeGreaterThan(20)
    expect(message.content[1]).toMatchObject({ type: 'text', text: 'Echo: think' })
    expect(message.stop_reason).toBe('end_turn')
    expect(events.some((e) => e.type === 'content_block_delta' && e.delta.type === 'signature_delta')).toBe(
      true,
    )
  })

  test('streamed tool use accumulates the input JSON; the wire has a ping', async () => {
    const stream = client.messages.stream({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      tools,
      messages: [{ role: 'user', content: 'weather?' }],
    })
    const message = await stream.finalMessage()
    expect(message.content[0]).toMatchObject({
      type: 'tool_use',
      name: 'get_weather',
      input: { city: 'Paris' },
    })
    expect(message.stop_reason).toBe('tool_use')
    const raw = await fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'm',
        max_tokens: 1,
        stream: true,
        messages: [{ role: 'user', content: 'x' }],
      }),
    })
    expect(raw.headers.get('anthropic-ratelimit-requests-remaining')).toBe('3999')
    expect(await raw.text()).toContain('event: ping\ndata: {"type": "ping"}\n\n')
  })

  test("errors in Anthropic's shape, typed by the SDK", async () => {
    fake.script = { error: { status: 429 } }
    const error = await rejection(
      client.messages.create({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] }),
    )
    expect(error).toBeInstanceOf(Anthropic.RateLimitError)
    expect(error.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } })
    expect(error.requestID).toMatch(/^req_011C/)
    fake.script = { error: { status: 529 } }
    const overloaded = await rejection(
      client.messages.create({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] }),
    )
    expect(overloaded.status).toBe(529)
    expect(overloaded.error.error.type).toBe('overloaded_error')
  })
})

// ---------------------------------------------------------------------------------------------------------

describe('Gemini API through @google/genai', () => {
  let ai: GoogleGenAI
  beforeAll(() => {
    ai = new GoogleGenAI({ apiKey: 'g-key', httpOptions: { baseUrl: fake.url } })
  })
  const tools = [
    { functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object' } }] },
  ]

  test('generateContent: text, STOP, usage', async () => {
    const response = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hello' })
    expect(response.text).toBe('Echo: hello')
    expect(response.candidates![0]!.finishReason).toBe(FinishReason.STOP)
    expect(response.usageMetadata!.totalTokenCount).toBe(
      response.usageMetadata!.promptTokenCount! + response.usageMetadata!.candidatesTokenCount!,
    )
    expect(response.modelVersion).toBe('gemini-2.5-flash')
    expect(last()).toMatchObject({
      path: '/v1beta/models/gemini-2.5-flash:generateContent',
      route: 'gemini.generateContent',
    })
    expect(last().headers['x-goog-api-key']).toBe('g-key')
  })

  test('the agent loop: functionCall, then the weather after a functionResponse', async () => {
    const first = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'weather?',
      config: { tools },
    })
    expect(first.functionCalls).toEqual([{ name: 'get_weather', args: { city: 'Paris' } }])
    const second = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      config: { tools },
      contents: [
        { role: 'user', parts: [{ text: 'weather?' }] },
        first.candidates![0]!.content!,
        { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { sky: 'sunny' } } }] },
      ],
    })
    expect(second.text).toBe(WEATHER_TEXT)
  })

  test('streamed (alt=sse, CRLF frames): text in several chunks, usage and STOP on the last', async () => {
    const chunks = await collect(
      await ai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'hello you there' }),
    )
    expect(last().query).toEqual({ alt: 'sse' })
    expect(chunks.length).toBeGreaterThan(1)
    expect(chunks.map((c) => c.text).join('')).toBe('Echo: hello you there')
    expect(chunks.at(-1)!.candidates![0]!.finishReason).toBe(FinishReason.STOP)
    expect(chunks.at(-1)!.usageMetadata!.candidatesTokenCount).toBeGreaterThan(0)
  })

  test('thinking: a thought part, and a thoughtSignature on the answer, streamed and not', async () => {
    fake.script = { reasoning: true }
    const config = { thinkingConfig: { includeThoughts: true } }
    const response = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'think', config })
    const parts = response.candidates![0]!.content!.parts!
    expect(parts[0]).toEqual({ text: REASONING_TEXT, thought: true })
    expect(parts[1]!.thoughtSignature).toEqual(expect.any(String))
    expect(response.text).toBe('Echo: think')
    expect(response.usageMetadata!.thoughtsTokenCount).toBeGreaterThan(0)
    const chunks = await collect(
      await ai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'think', config }),
    )
    const streamed = chunks.flatMap((c) => c.candidates![0]!.content!.parts!)
    expect(streamed[0]).toEqual({ text: REASONING_TEXT, thought: true })
    expect(streamed.some((p) => p.thoughtSignature)).toBe(true)
  })

  test('streamed function call', async () => {
    const chunks = await collect(
      await ai.models.generateContentStream({
        model: 'gemini-2.5-flash',
        contents: 'weather?',
        config: { tools },
      }),
    )
    expect(chunks.flatMap((c) => c.functionCalls ?? [])).toEqual([
      { name: 'get_weather', args: { city: 'Paris' } },
    ])
  })

  test('without alt=sse the stream is one JSON array, written element by element', async () => {
    const response = await fetch(`${fake.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hello you' }] }] }),
    })
    const items = (await response.json()) as GenerateContentResponse[]
    expect(items.length).toBeGreaterThan(1)
    expect(items.map((i) => i.candidates![0]!.content!.parts![0]!.text).join('')).toBe('Echo: hello you')
  })

  test('embeddings: embedContent through genai (batchEmbedContents) and through @ai-sdk/google (:embedContent)', async () => {
    const result = await ai.models.embedContent({ model: 'gemini-embedding-001', contents: ['a', 'b'] })
    expect(result.embeddings!.map((e) => e.values!.length)).toEqual([8, 8])
    expect(last().route).toBe('gemini.batchEmbedContents')
    const google = createGoogleGenerativeAI({ apiKey: 'g-key', baseURL: `${fake.url}/v1beta` })
    const single = await embed({ model: google.textEmbeddingModel('gemini-embedding-001'), value: 'a' })
    expect(last().route).toBe('gemini.embedContent')
    expect(single.embedding).toEqual(result.embeddings![0]!.values)
    const sized = await ai.models.embedContent({
      model: 'gemini-embedding-001',
      contents: 'a',
      config: { outputDimensionality: 16 },
    })
    expect(sized.embeddings![0]!.values).toHaveLength(16)
  })

  test("errors in Google's envelope become ApiError", async () => {
    fake.script = { error: { status: 429 } }
    const error = await rejection(ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'x' }))
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(429)
    expect(error.message).toContain('RESOURCE_EXHAUSTED')
  })
})

// ---------------------------------------------------------------------------------------------------------

describe('Vertex AI Gemini through @google/genai in vertexai mode', () => {
  let vertex: GoogleGenAI
  beforeAll(() => {
    vertex = new GoogleGenAI({
      vertexai: true,
      project: 'test-project',
      location: 'us-central1',
      // An API key (and project id) keeps google-auth-library offline: no ADC lookup, no metadata server.
      googleAuthOptions: { apiKey: 'v-key', projectId: 'test-project' },
      httpOptions: { baseUrl: fake.url },
    })
  })
  const parent = '/v1beta1/projects/test-project/locations/us-central1/publishers/google/models'

  test('generateContent under the project and location path, with createTime', async () => {
    const response = await vertex.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hello' })
    expect(response.text).toBe('Echo: hello')
    expect(response.createTime).toEqual(expect.any(String))
    expect(response.usageMetadata!.trafficType).toBe('ON_DEMAND')
    expect(last()).toMatchObject({
      path: `${parent}/gemini-2.5-flash:generateContent`,
      route: 'vertex.generateContent',
    })
  })

  test('streamed, with a tool call', async () => {
    const chunks = await collect(
      await vertex.models.generateContentStream({
        model: 'gemini-2.5-flash',
        contents: 'weather?',
        config: { tools: [{ functionDeclarations: [{ name: 'get_weather' }] }] },
      }),
    )
    expect(last().path).toBe(`${parent}/gemini-2.5-flash:streamGenerateContent`)
    expect(chunks.flatMap((c) => c.functionCalls ?? [])).toEqual([
      { name: 'get_weather', args: { city: 'Paris' } },
    ])
    const texts = await collect(
      await vertex.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'a b c d' }),
    )
    expect(texts.map((c) => c.text).join('')).toBe('Echo: a b c d')
  })
})

// ---------------------------------------------------------------------------------------------------------

describe('Claude on Vertex AI through @anthropic-ai/sdk in the Vertex request shape', () => {
  // @anthropic-ai/vertex-sdk is not installed (it needs google-auth-library); this fetch makes the rewrite
  // AnthropicVertex makes: the model moves from the body into the path, `:rawPredict` or
  // `:streamRawPredict` by `stream`, and the body gains anthropic_version "vertex-2023-10-16".
  const models = '/v1/projects/my-project/locations/us-east5/publishers/anthropic/models'
  function vertexFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const url = new URL(input instanceof Request ? input.url : input)
    const { model, ...rest } = JSON.parse(String(init.body))
    url.pathname = `${models}/${model}:${rest.stream ? 'streamRawPredict' : 'rawPredict'}`
    const headers = new Headers(init.headers)
    headers.set('authorization', 'Bearer ya29.test-token')
    return fetch(url, {
      ...init,
      headers,
      body: JSON.stringify({ anthropic_version: 'vertex-2023-10-16', ...rest }),
    })
  }
  let client: Anthropic
  beforeAll(() => {
    client = new Anthropic({ baseURL: fake.url, apiKey: 'unused', maxRetries: 0, fetch: vertexFetch })
  })

  test('rawPredict: the Anthropic body with msg_vrtx_ ids, the model from the path', async () => {
    const message = await client.messages.create({
      model: 'claude-sonnet-4-5@20250929',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hello' }],
    })
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: hello' }])
    expect(message.id).toMatch(/^msg_vrtx_01/)
    expect(message.model).toBe('claude-sonnet-4-5@20250929')
    expect(last()).toMatchObject({
      path: `${models}/claude-sonnet-4-5@20250929:rawPredict`,
      route: 'vertex-anthropic.rawPredict',
    })
  })

  test('streamRawPredict: tool use and thinking accumulate', async () => {
    fake.script = { reasoning: true }
    const message = await client.messages
      .stream({
        model: 'claude-sonnet-4-5@20250929',
        max_tokens: 100,
        tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
        messages: [{ role: 'user', content: 'weather?' }],
      })
      .finalMessage()
    expect(last().route).toBe('vertex-anthropic.streamRawPredict')
    expect(message.content[0]).toMatchObject({ type: 'thinking', thinking: REASONING_TEXT })
    expect(message.content[1]).toMatchObject({
      type: 'tool_use',
      name: 'get_weather',
      input: { city: 'Paris' },
    })
    expect(message.content[1]!.type === 'tool_use' && message.content[1]!.id).toMatch(/^toolu_vrtx_01/)
  })
})

// ---------------------------------------------------------------------------------------------------------

describe('Bedrock through @aws-sdk/client-bedrock-runtime', () => {
  const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'
  let client: BedrockRuntimeClient
  beforeAll(() => {
    client = new BedrockRuntimeClient({
      endpoint: fake.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
      // The default handler speaks HTTP/2; the fake is node:http (HTTP/1.1), as a relay's upstream would be.
      requestHandler: new NodeHttpHandler(),
    })
  })
  afterAll(() => client.destroy())
  const user = (text: string): Message[] => [{ role: 'user', content: [{ text }] }]
  const toolConfig = {
    tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }],
  }

  test('Converse: text, end_turn, usage; the request is SigV4-signed to the model path', async () => {
    const response = await client.send(new ConverseCommand({ modelId: MODEL, messages: user('hello') }))
    expect(response.output!.message!.content).toEqual([{ text: 'Echo: hello' }])
    expect(response.stopReason).toBe('end_turn')
    expect(response.usage!.totalTokens).toBe(response.usage!.inputTokens! + response.usage!.outputTokens!)
    expect(response.metrics!.latencyMs).toBeGreaterThan(0)
    expect(response.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(last().path).toBe(`/model/${encodeURIComponent(MODEL)}/converse`)
    expect(last().headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//)
  })

  test('Converse: the agent loop with toolUse and toolResult, and reasoning with a signature', async () => {
    fake.script = { reasoning: true }
    const first = await client.send(
      new ConverseCommand({ modelId: MODEL, messages: user('weather?'), toolConfig }),
    )
    expect(first.stopReason).toBe('tool_use')
    const content = first.output!.message!.content!
    expect(content[0]!.reasoningContent!.reasoningText).toMatchObject({
      text: REASONING_TEXT,
      signature: expect.any(String),
    })
    const use = content[1]!.toolUse!
    expect(use).toMatchObject({ name: 'get_weather', input: { city: 'Paris' } })
    const second = await client.send(
      new ConverseCommand({
        modelId: MODEL,
        toolConfig,
        messages: [
          ...user('weather?'),
          { role: 'assistant', content },
          {
            role: 'user',
            content: [{ toolResult: { toolUseId: use.toolUseId, content: [{ text: 'sunny' }] } }],
          },
        ],
      }),
    )
    expect(second.output!.message!.content!.at(-1)).toEqual({ text: WEATHER_TEXT })
  })

  test('ConverseStream: the event stream decodes into text, tool use, reasoning and metadata', async () => {
    fake.script = { reasoning: true }
    const response = await client.send(
      new ConverseStreamCommand({ modelId: MODEL, messages: user('weather?'), toolConfig }),
    )
    const events: ConverseStreamOutput[] = await collect(response.stream!)
    expect(events[0]!.messageStart).toEqual({ role: 'assistant' })
    const reasoning = events.flatMap((e) => e.contentBlockDelta?.delta?.reasoningContent?.text ?? [])
    expect(reasoning.join('')).toBe(REASONING_TEXT)
    expect(events.some((e) => e.contentBlockDelta?.delta?.reasoningContent?.signature)).toBe(true)
    expect(events.find((e) => e.contentBlockStart)!.contentBlockStart!.start!.toolUse!.name).toBe(
      'get_weather',
    )
    const input = events.flatMap((e) => e.contentBlockDelta?.delta?.toolUse?.input ?? []).join('')
    expect(JSON.parse(input)).toEqual({ city: 'Paris' })
    expect(events.at(-2)!.messageStop!.stopReason).toBe('tool_use')
    expect(events.at(-1)!.metadata!.usage!.outputTokens).toBeGreaterThan(0)
    fake.script = {}
    const text = await client.send(new ConverseStreamCommand({ modelId: MODEL, messages: user('hi there') }))
    const blocks: ContentBlock[] = []
    const deltas = (await collect(text.stream!)).flatMap((e) => e.contentBlockDelta?.delta?.text ?? [])
    blocks.push({ text: deltas.join('') })
    expect(blocks).toEqual([{ text: 'Echo: hi there' }])
    expect(deltas.length).toBeGreaterThan(1)
  })

  test('InvokeModel with a Claude body: the Anthropic message with msg_bdrk_ ids and token headers', async () => {
    const body = JSON.stringify({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hello' }],
    })
    const response = await client.send(
      new InvokeModelCommand({ modelId: MODEL, body, contentType: 'application/json' }),
    )
    const message = JSON.parse(new TextDecoder().decode(response.body))
    expect(message).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: 'Echo: hello' }],
      stop_reason: 'end_turn',
    })
    expect(message.id).toMatch(/^msg_bdrk_01/)
    expect(message.model).toBe('claude-sonnet-4-5-20250929')
    expect(response.contentType).toBe('application/json')
  })

  test('InvokeModelWithResponseStream: chunk events carry base64 Anthropic events, with invocation metrics last', async () => {
    const body = JSON.stringify({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 100,
      tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
      messages: [{ role: 'user', content: 'weather?' }],
    })
    const response = await client.send(new InvokeModelWithResponseStreamCommand({ modelId: MODEL, body }))
    const events = (await collect(response.body!)).map((part) =>
      JSON.parse(new TextDecoder().decode(part.chunk!.bytes)),
    )
    expect(events[0].type).toBe('message_start')
    expect(events[1].content_block).toMatchObject({ type: 'tool_use', name: 'get_weather' })
    const json = events
      .flatMap((e) => (e.delta?.type === 'input_json_delta' ? [e.delta.partial_json] : []))
      .join('')
    expect(JSON.parse(json)).toEqual({ city: 'Paris' })
    expect(events.at(-1)).toMatchObject({
      type: 'message_stop',
      'amazon-bedrock-invocationMetrics': { outputTokenCount: expect.any(Number) },
    })
  })

  test('errors are typed by x-amzn-errortype', async () => {
    fake.script = { error: { status: 429 } }
    const error = await rejection(client.send(new ConverseCommand({ modelId: MODEL, messages: user('x') })))
    expect(error).toBeInstanceOf(ThrottlingException)
    expect(error.message).toBe('Too many requests, please wait before trying again.')
    expect(error.$metadata.httpStatusCode).toBe(429)
  })

  test('the event stream on the wire is AWS framing: prelude, headers, CRC, padded bodies', async () => {
    const response = await fetch(`${fake.url}/model/${encodeURIComponent(MODEL)}/converse-stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: user('x') }),
    })
    expect(response.headers.get('content-type')).toBe('application/vnd.amazon.eventstream')
    const bytes = new Uint8Array(await response.arrayBuffer())
    const codec = new EventStreamCodec(
      (b) => Buffer.from(b).toString('utf8'),
      (s) => new Uint8Array(Buffer.from(s, 'utf8')),
    )
    // Each message opens with its total length (big-endian uint32); the codec decodes one message at a time.
    const messages = []
    for (let at = 0; at < bytes.length;) {
      const length = new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0)
      messages.push(codec.decode(bytes.subarray(at, at + length)))
      at += length
    }
    expect(messages.at(-1)!.headers[':event-type']!.value).toBe('metadata')
    expect(messages[0]!.headers).toEqual({
      ':event-type': { type: 'string', value: 'messageStart' },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    })
    expect(JSON.parse(Buffer.from(messages[0]!.body).toString())).toMatchObject({
      role: 'assistant',
      p: expect.any(String),
    })
  })
})

// ---------------------------------------------------------------------------------------------------------

describe('Cohere v2 through cohere-ai', () => {
  let client: CohereClientV2
  beforeAll(() => {
    client = new CohereClientV2({ token: 'co-key', environment: fake.url, maxRetries: 0 })
  })
  const tools: Cohere.ToolV2[] = [
    { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
  ]

  test('chat: text, COMPLETE, billed usage', async () => {
    const response = await client.chat({
      model: 'command-a-03-2025',
      messages: [{ role: 'user', content: 'hello' }],
    })
    expect(response.message.content).toEqual([{ type: 'text', text: 'Echo: hello' }])
    expect(response.finishReason).toBe('COMPLETE')
    expect(response.usage!.billedUnits!.outputTokens).toBeGreaterThan(0)
    expect(last().headers.authorization).toBe('Bearer co-key')
  })

  test('chat: the agent loop with tool_calls and a tool message; thinking content', async () => {
    const first = await client.chat({
      model: 'command-a-03-2025',
      messages: [{ role: 'user', content: 'weather?' }],
      tools,
    })
    expect(first.finishReason).toBe('TOOL_CALL')
    const call = first.message.toolCalls![0]!
    expect(call.function).toEqual({ name: 'get_weather', arguments: '{"city":"Paris"}' })
    expect(first.message.toolPlan).toEqual(expect.any(String))
    fake.script = { reasoning: true }
    const second = await client.chat({
      model: 'command-a-reasoning-08-2025',
      tools,
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', toolCalls: first.message.toolCalls, toolPlan: first.message.toolPlan },
        { role: 'tool', toolCallId: call.id!, content: 'sunny' },
      ],
    })
    expect(second.message.content).toEqual([
      { type: 'thinking', thinking: REASONING_TEXT },
      { type: 'text', text: WEATHER_TEXT },
    ])
  })

  test('chatStream: typed events, text deltas, tool call pieces, message-end', async () => {
    const events = await collect(
      await client.chatStream({
        model: 'command-a-03-2025',
        messages: [{ role: 'user', content: 'hello there' }],
      }),
    )
    expect(events[0]!.type).toBe('message-start')
    const text = events.flatMap((e) =>
      e.type === 'content-delta' ? [e.delta?.message?.content?.text ?? ''] : [],
    )
    expect(text.join('')).toBe('Echo: hello there')
    const end = events.at(-1)!
    expect(end.type === 'message-end' && end.delta?.finishReason).toBe('COMPLETE')
    const toolEvents = await collect(
      await client.chatStream({
        model: 'command-a-03-2025',
        messages: [{ role: 'user', content: 'weather?' }],
        tools,
      }),
    )
    const start = toolEvents.find((e) => e.type === 'tool-call-start')!
    expect(start.type === 'tool-call-start' && start.delta?.message?.toolCalls?.function?.name).toBe(
      'get_weather',
    )
    const args = toolEvents.flatMap((e) =>
      e.type === 'tool-call-delta' ? [e.delta?.message?.toolCalls?.function?.arguments ?? ''] : [],
    )
    expect(JSON.parse(args.join(''))).toEqual({ city: 'Paris' })
    const toolEnd = toolEvents.at(-1)!
    expect(toolEnd.type === 'message-end' && toolEnd.delta?.finishReason).toBe('TOOL_CALL')
  })

  test('embed by type: float, int8 and base64', async () => {
    const response = await client.embed({
      model: 'embed-v4.0',
      texts: ['a', 'b'],
      inputType: 'search_document',
      embeddingTypes: ['float', 'int8', 'base64'],
    })
    expect(response.embeddings.float).toHaveLength(2)
    expect(response.embeddings.float![0]).toHaveLength(8)
    expect(response.embeddings.int8![0]!.every((v) => Number.isInteger(v) && v >= -128 && v <= 127)).toBe(
      true,
    )
    const decoded = Array.from(
      new Float32Array(new Uint8Array(Buffer.from(response.embeddings.base64![0]!, 'base64')).buffer),
    )
    expect(decoded).toEqual(response.embeddings.float![0]!.map(Math.fround))
  })

  test("errors in Cohere's {id, message} shape", async () => {
    fake.script = { error: { status: 429 } }
    const error = await rejection(client.chat({ model: 'm', messages: [{ role: 'user', content: 'x' }] }))
    expect(error).toBeInstanceOf(Cohere.TooManyRequestsError)
    expect(error.body.message).toContain('Trial key')
  })
})

// ---------------------------------------------------------------------------------------------------------

describe('Ollama through ollama', () => {
  let client: Ollama
  beforeAll(() => {
    client = new Ollama({ host: fake.url })
  })
  const tools = [
    { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } },
  ]

  test('chat, not streamed: text, done_reason, counts', async () => {
    const response = await client.chat({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'hello' }],
      stream: false,
    })
    expect(response.message).toEqual({ role: 'assistant', content: 'Echo: hello' })
    expect(response).toMatchObject({ done: true, done_reason: 'stop', model: 'llama3.2' })
    expect(response.eval_count).toBeGreaterThan(0)
  })

  test('chat, streamed (NDJSON): text pieces, then done; tool calls whole; thinking', async () => {
    const parts = await collect(
      await client.chat({
        model: 'llama3.2',
        messages: [{ role: 'user', content: 'hello there' }],
        stream: true,
      }),
    )
    expect(parts.map((p) => p.message.content).join('')).toBe('Echo: hello there')
    expect(parts.at(-1)).toMatchObject({ done: true, done_reason: 'stop' })
    expect(parts.length).toBeGreaterThan(2)
    fake.script = { reasoning: true }
    const toolParts = await collect(
      await client.chat({
        model: 'qwen3',
        messages: [{ role: 'user', content: 'weather?' }],
        tools,
        think: true,
        stream: true,
      }),
    )
    expect(toolParts.map((p) => p.message.thinking ?? '').join('')).toBe(REASONING_TEXT)
    const calls = toolParts.flatMap((p) => p.message.tool_calls ?? [])
    expect(calls).toMatchObject([{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }])
    const after = await client.chat({
      model: 'qwen3',
      stream: false,
      tools,
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: '', tool_calls: calls },
        { role: 'tool', content: 'sunny', tool_name: 'get_weather' },
      ],
    })
    expect(after.message.content).toBe(WEATHER_TEXT)
    expect(after.message.thinking).toBe(REASONING_TEXT)
  })

  test('generate, streamed and not', async () => {
    const whole = await client.generate({ model: 'llama3.2', prompt: 'hello', stream: false })
    expect(whole).toMatchObject({ response: 'Echo: hello', done: true, done_reason: 'stop' })
    expect(whole.context.length).toBeGreaterThan(0)
    const parts = await collect(
      await client.generate({ model: 'llama3.2', prompt: 'hello you', stream: true }),
    )
    expect(parts.map((p) => p.response).join('')).toBe('Echo: hello you')
    expect(parts.at(-1)!.done).toBe(true)
  })

  test('embed', async () => {
    const response = await client.embed({ model: 'all-minilm', input: ['a', 'b'] })
    expect(response.embeddings).toHaveLength(2)
    expect(response.embeddings[0]).toHaveLength(8)
  })

  test("errors in Ollama's {error} shape", async () => {
    fake.script = { error: { status: 404 } }
    const error = await rejection(
      client.chat({ model: 'nope', messages: [{ role: 'user', content: 'x' }], stream: false }),
    )
    expect(error.status_code).toBe(404)
    expect(error.error).toBe('model "nope" not found, try pulling it first')
  })
})

// ---------------------------------------------------------------------------------------------------------

describe('the fake itself', () => {
  test('stream frames are separate writes with a real gap between them', async () => {
    fake.script = { slow: 25 }
    const started = Date.now()
    const response = await fetch(`${fake.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'a b c' }] }),
    })
    const reader = response.body!.getReader()
    const arrivals: Array<{ at: number; text: string }> = []
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      arrivals.push({ at: Date.now() - started, text: Buffer.from(value).toString() })
    }
    // role, "Echo: ", "a ", "b ", "c", finish, [DONE]: seven frames, each its own read.
    expect(arrivals).toHaveLength(7)
    expect(arrivals.every((a) => /^data: .*\n\n$/s.test(a.text))).toBe(true)
    expect(arrivals.at(-1)!.text).toBe('data: [DONE]\n\n')
    expect(arrivals.at(-1)!.at - arrivals[0]!.at).toBeGreaterThanOrEqual(6 * 20)
  })

  test('Gemini SSE frames end in CRLF CRLF and use Google single-line JSON', async () => {
    const response = await fetch(`${fake.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ parts: [{ text: 'x' }] }] }),
    })
    const text = await response.text()
    expect(text.startsWith('data: {"candidates": [{"content": {"parts": [{"text": ')).toBe(true)
    expect(text.endsWith('\r\n\r\n')).toBe(true)
  })

  test('cutAfter breaks the stream mid-way, and the SDK sees the failure', async () => {
    fake.script = { cutAfter: 2 }
    const client = new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'sk-test', maxRetries: 0 })
    const stream = client.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'a b c d' }],
    })
    await expect(stream.finalChatCompletion()).rejects.toThrow()
  })

  test('a script function picks the answer per request; every request is logged', async () => {
    fake.script = (request) => (request.route === 'ollama.chat' ? { text: 'scripted' } : undefined)
    const ollama = new Ollama({ host: fake.url })
    const response = await ollama.chat({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      stream: false,
    })
    expect(response.message.content).toBe('scripted')
    const generated = await ollama.generate({ model: 'm', prompt: 'y', stream: false })
    expect(generated.response).toBe('Echo: y')
    expect(fake.requests.map((r) => [r.method, r.path, r.route])).toEqual([
      ['POST', '/api/chat', 'ollama.chat'],
      ['POST', '/api/generate', 'ollama.generate'],
    ])
    expect(fake.requests[0]!.body).toMatchObject({ model: 'm', stream: false })
  })

  test('an unknown route is a 404 and is still logged', async () => {
    const response = await fetch(`${fake.url}/nowhere?x=1`, { method: 'POST', body: 'plain' })
    expect(response.status).toBe(404)
    expect(last()).toMatchObject({ path: '/nowhere', query: { x: '1' }, body: 'plain', route: undefined })
  })

  test('the server listens on 127.0.0.1 on a free port', () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(fake.url).not.toMatch(/:0$/)
  })
})
