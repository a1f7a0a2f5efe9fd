import { createOpenAI } from '@ai-sdk/openai'
import { generateText, stepCountIs, streamText, tool } from 'ai'
import OpenAI from 'openai'
import { zodFunction, zodTextFormat } from 'openai/helpers/zod'
import type { ResponseFunctionToolCall } from 'openai/resources/responses/responses'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { postJson, startOpenAIMock, type OpenAIMock } from '../helpers/mock-server'
import { rejection } from '../helpers/rejection'
import { readEvents } from '../helpers/sse'

let server: OpenAIMock
let client: OpenAI
beforeAll(async () => {
  server = await startOpenAIMock()
  client = server.client
})
afterAll(() => server.close())
beforeEach(() => server.mock.reset())

const model = 'gpt-4o'
const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
}
const lastRequest = () => {
  const request = server.mock.journal.last()!.request
  if (request?.kind !== 'chat') throw new Error('expected a chat request in the journal')
  return request
}

function functionCall(output: Array<{ type: string }>): ResponseFunctionToolCall {
  return output.find((item) => item.type === 'function_call') as ResponseFunctionToolCall
}

/** The typed events of a raw `POST /v1/responses` stream, checked against their SSE `event:` names. */
async function streamedEvents(body: Record<string, unknown>): Promise<any[]> {
  const response = await postJson(`${server.url}/v1/responses`, { model, stream: true, ...body })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
  const events = await readEvents(response)
  const payloads = events.map((event) => JSON.parse(event.data))
  events.forEach((event, i) => expect(event.event).toBe(payloads[i].type))
  expect(payloads.map((p) => p.sequence_number)).toEqual(payloads.map((_, i) => i))
  return payloads
}

describe('client.responses.create', () => {
  test('answers text with resp_/msg_ ids, completed status and usage in Responses field names', async () => {
    server.mock.onMessage('hello', { content: 'Hi there', usage: { input_tokens: 12, output_tokens: 3 } })
    const response = await client.responses.create({ model, input: 'hello' })
    expect(response.output_text).toBe('Hi there')
    expect(response.id).toMatch(/^resp_/)
    expect(response.object).toBe('response')
    expect(response.status).toBe('completed')
    expect(response.incomplete_details).toBeNull()
    expect(response.model).toBe(model)
    expect(response.output).toEqual([
      {
        id: expect.stringMatching(/^msg_/),
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'Hi there', annotations: [], logprobs: [] }],
      },
    ])
    expect(response.usage).toEqual({
      input_tokens: 12,
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens: 3,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 15,
    })
    expect(server.mock.journal.last()!.surface).toBe('openai.responses')
  })

  test('`instructions` is the system text fixtures match, and the response repeats it', async () => {
    server.mock.on({ systemMessage: 'pirate' }, { content: 'Arr!' })
    const response = await client.responses.create({
      model,
      instructions: 'You are a pirate.',
      input: 'greet me',
    })
    expect(response.output_text).toBe('Arr!')
    expect(response.instructions).toBe('You are a pirate.')
    expect(lastRequest().system).toBe('You are a pirate.')
  })

  test('input items: message roles and content parts decode to canonical messages', async () => {
    server.mock.onMessage('second', { content: 'ok' })
    await client.responses.create({
      model,
      instructions: 'Be brief.',
      input: [
        { role: 'developer', content: 'Answer in English.' },
        { role: 'user', content: [{ type: 'input_text', text: 'first question' }] },
        {
          type: 'message',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'first answer' }],
        } as never,
        { role: 'user', content: [{ type: 'input_text', text: 'second question' }] },
      ],
    })
    const request = lastRequest()
    expect(request.system).toBe('Be brief.\nAnswer in English.')
    expect(request.messages.map((m) => [m.role, m.text])).toEqual([
      ['system', 'Answer in English.'],
      ['user', 'first question'],
      ['assistant', 'first answer'],
      ['user', 'second question'],
    ])
  })

  test('a function tool call comes back as a function_call item with fc_ id and call_ call_id', async () => {
    server.mock.onMessage('weather', { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] })
    const response = await client.responses.create({
      model,
      input: 'weather in Paris?',
      tools: [weatherTool],
    })
    expect(response.status).toBe('completed')
    expect(response.output).toEqual([
      {
        id: expect.stringMatching(/^fc_/),
        type: 'function_call',
        status: 'completed',
        call_id: expect.stringMatching(/^call_/),
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
      },
    ])
    expect(lastRequest().tools).toEqual([
      { name: 'get_weather', description: 'Current weather for a city', parameters: weatherTool.parameters },
    ])
  })

  test('text then a tool call come back as a message item then a function_call item, in order', async () => {
    server.mock.onMessage('both', {
      blocks: [
        { type: 'text', text: 'Let me check.' },
        { type: 'toolCall', name: 'get_weather', arguments: { city: 'Oslo' } },
      ],
    })
    const response = await client.responses.create({ model, input: 'both please', tools: [weatherTool] })
    expect(response.output.map((item) => item.type)).toEqual(['message', 'function_call'])
    expect(response.output_text).toBe('Let me check.')
  })

  test('finish reason length ends the response incomplete with max_output_tokens', async () => {
    server.mock.onMessage('long', { content: 'Cut sho', finishReason: 'length' })
    const response = await client.responses.create({ model, input: 'long essay', max_output_tokens: 3 })
    expect(response.status).toBe('incomplete')
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' })
    expect(response.max_output_tokens).toBe(3)
    expect(response.output[0]).toMatchObject({ type: 'message', status: 'incomplete' })
  })

  test('reasoning comes first as a reasoning item with rs_ id and a summary, counted in usage', async () => {
    server.mock.onMessage('think', {
      content: '42',
      reasoning: 'Six times seven.',
      usage: { reasoning_tokens: 4 },
    })
    const response = await client.responses.create({ model: 'o4-mini', input: 'think hard' })
    expect(response.output[0]).toEqual({
      id: expect.stringMatching(/^rs_/),
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: 'Six times seven.' }],
    })
    expect(response.output_text).toBe('42')
    expect(response.usage!.output_tokens_details.reasoning_tokens).toBe(4)
  })

  test('include reasoning.encrypted_content adds an opaque payload to the reasoning item', async () => {
    server.mock.onMessage('think', { content: '42', reasoning: 'Six times seven.' })
    const response = await client.responses.create({
      model: 'o4-mini',
      input: 'think hard',
      store: false,
      include: ['reasoning.encrypted_content'],
    })
    const reasoning = response.output[0]
    expect(reasoning?.type === 'reasoning' && reasoning.encrypted_content).toEqual(expect.any(String))
  })

  test('client.responses.parse with zodTextFormat: text.format json_schema matches responseFormat', async () => {
    server.mock.on({ responseFormat: 'json_schema' }, { content: { city: 'Paris', celsius: 18 } })
    const Weather = z.object({ city: z.string(), celsius: z.number() })
    const response = await client.responses.parse({
      model,
      input: 'weather as JSON',
      text: { format: zodTextFormat(Weather, 'weather') },
    })
    expect(response.output_parsed).toEqual({ city: 'Paris', celsius: 18 })
    const format = lastRequest().responseFormat
    expect(format).toMatchObject({ type: 'json_schema', name: 'weather' })
    expect(format?.schema).toMatchObject({ type: 'object', required: ['city', 'celsius'] })
  })

  test('text.format json_object matches responseFormat json_object', async () => {
    server.mock.on({ responseFormat: 'json_object' }, { content: '{"ok":true}' })
    const response = await client.responses.create({
      model,
      input: 'JSON please',
      text: { format: { type: 'json_object' } },
    })
    expect(JSON.parse(response.output_text)).toEqual({ ok: true })
  })
})

describe('client.responses.stream', () => {
  test('emits output_text deltas and resolves finalResponse with the assembled text and usage', async () => {
    server.mock.onMessage('story', { content: 'Once upon a time, a mock stood in.' }, { chunkSize: 6 })
    const stream = client.responses.stream({ model, input: 'tell a story' })
    const deltas: string[] = []
    stream.on('response.output_text.delta', (event) => deltas.push(event.delta))
    const final = await stream.finalResponse()
    expect(deltas.length).toBeGreaterThan(1)
    expect(deltas.join('')).toBe('Once upon a time, a mock stood in.')
    expect(final.output_text).toBe('Once upon a time, a mock stood in.')
    expect(final.status).toBe('completed')
    expect(final.usage!.total_tokens).toBe(final.usage!.input_tokens + final.usage!.output_tokens)
  })

  test('streams a function call whose arguments the SDK parses (zodFunction and strict tools)', async () => {
    server.mock.onMessage(
      'weather',
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
      { chunkSize: 4 },
    )
    const stream = client.responses.stream({
      model,
      input: 'weather in Paris?',
      tools: [
        {
          type: 'function',
          ...zodFunction({ name: 'get_weather', parameters: z.object({ city: z.string() }) }).function,
        } as never,
      ],
    })
    const argumentDeltas: string[] = []
    stream.on('response.function_call_arguments.delta', (event) => argumentDeltas.push(event.delta))
    const final = await stream.finalResponse()
    expect(argumentDeltas.join('')).toBe('{"city":"Paris"}')
    const call = functionCall(final.output)
    expect(call).toMatchObject({
      name: 'get_weather',
      call_id: expect.stringMatching(/^call_/),
      status: 'completed',
    })
    expect(JSON.parse(call.arguments)).toEqual({ city: 'Paris' })

    server.mock.onMessage('strict', { toolCalls: [{ name: 'get_weather', arguments: { city: 'Rome' } }] })
    const strict = await client.responses
      .stream({ model, input: 'strict call', tools: [weatherTool] })
      .finalResponse()
    expect((functionCall(strict.output) as { parsed_arguments?: unknown }).parsed_arguments).toEqual({
      city: 'Rome',
    })
  })

  test('streams reasoning summary events before the answer', async () => {
    server.mock.onMessage(
      'think',
      { content: 'Done.', reasoning: 'First this, then that.' },
      { chunkSize: 8 },
    )
    const stream = client.responses.stream({ model: 'o4-mini', input: 'think' })
    const summary: string[] = []
    stream.on('response.reasoning_summary_text.delta', (event) => summary.push(event.delta))
    const final = await stream.finalResponse()
    expect(summary.join('')).toBe('First this, then that.')
    expect(final.output.map((item) => item.type)).toEqual(['reasoning', 'message'])
    expect(final.output_text).toBe('Done.')
  })
})

describe('previous_response_id and stored responses', () => {
  test('a function_call_output turn continues the stored conversation; tool names resolve from it', async () => {
    // First match wins: the tool-result turn still has 'weather' in its last user message.
    server.mock.on({ toolResultContains: '18C', turnIndex: 1 }, { content: 'It is 18C in Paris.' })
    server.mock.on({ userMessage: 'thanks', turnIndex: 2 }, { content: 'You are welcome.' })
    server.mock.onMessage('weather', { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] })

    const first = await client.responses.create({ model, input: 'weather in Paris?', tools: [weatherTool] })
    const call = functionCall(first.output)
    const second = await client.responses.create({
      model,
      previous_response_id: first.id,
      tools: [weatherTool],
      input: [{ type: 'function_call_output', call_id: call.call_id, output: '18C and sunny' }],
    })
    expect(second.output_text).toBe('It is 18C in Paris.')
    expect(second.previous_response_id).toBe(first.id)
    expect(lastRequest().messages).toEqual([
      { role: 'user', text: 'weather in Paris?' },
      {
        role: 'assistant',
        text: '',
        toolCalls: [{ id: call.call_id, name: 'get_weather', arguments: '{"city":"Paris"}' }],
      },
      {
        role: 'tool',
        text: '18C and sunny',
        toolResult: { toolCallId: call.call_id, name: 'get_weather', content: '18C and sunny' },
      },
    ])

    const third = await client.responses.create({ model, previous_response_id: second.id, input: 'thanks!' })
    expect(third.output_text).toBe('You are welcome.')
    expect(lastRequest().messages.map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'user',
    ])
  })

  test("a response's output items sent back as input (manual state) decode like the stored turn", async () => {
    server.mock.on({ toolResultContains: '18C' }, { content: 'Warm enough.' })
    server.mock.onMessage('weather', {
      reasoning: 'Look it up.',
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }],
    })
    const first = await client.responses.create({
      model: 'o4-mini',
      input: 'weather in Paris?',
      tools: [weatherTool],
    })
    const call = functionCall(first.output)
    const second = await client.responses.create({
      model: 'o4-mini',
      tools: [weatherTool],
      input: [
        { role: 'user', content: 'weather in Paris?' },
        ...first.output,
        { type: 'function_call_output', call_id: call.call_id, output: '18C' },
      ] as never,
    })
    expect(second.output_text).toBe('Warm enough.')
    expect(lastRequest().messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool'])
    expect(lastRequest().messages[2]!.toolResult!.name).toBe('get_weather')
  })

  test('instructions are not carried over from the previous response', async () => {
    server.mock.onMessage('one', { content: 'first' })
    server.mock.onMessage('two', { content: 'second' })
    const first = await client.responses.create({ model, instructions: 'Old rules.', input: 'one' })
    await client.responses.create({ model, previous_response_id: first.id, input: 'two' })
    expect(lastRequest().system).toBe('')
  })

  test('a streamed response is stored too', async () => {
    server.mock.onMessage('hello', { content: 'Hi' })
    server.mock.onMessage('again', { content: 'Hi again' })
    const first = await client.responses.stream({ model, input: 'hello' }).finalResponse()
    const second = await client.responses.create({ model, previous_response_id: first.id, input: 'again' })
    expect(second.output_text).toBe('Hi again')
    expect(lastRequest().messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'hello'],
      ['assistant', 'Hi'],
      ['user', 'again'],
    ])
  })

  test('an unknown previous_response_id is a 404 NotFoundError naming the parameter', async () => {
    server.mock.onMessage('hello', { content: 'Hi' })
    const error = await rejection(
      client.responses.create({ model, previous_response_id: 'resp_missing', input: 'hello' }),
    )
    expect(error).toBeInstanceOf(OpenAI.NotFoundError)
    expect(error.status).toBe(404)
    expect(error.param).toBe('previous_response_id')
    expect(error.code).toBe('previous_response_not_found')
    expect(error.message).toContain("Previous response with id 'resp_missing' not found.")
  })

  test('item_reference input items resolve to the stored output items', async () => {
    server.mock.onMessage('both', {
      blocks: [
        { type: 'text', text: 'Let me check.' },
        { type: 'toolCall', name: 'get_weather', arguments: { city: 'Oslo' } },
      ],
    })
    server.mock.onMessage('weather in Oslo', { content: 'Cold.' }, { id: 'after' })
    const first = await client.responses.create({ model, input: 'both please', tools: [weatherTool] })
    const [message, call] = first.output as [{ id: string }, ResponseFunctionToolCall]
    await client.responses.create({
      model,
      tools: [weatherTool],
      input: [
        { role: 'user', content: 'both please' },
        { type: 'item_reference', id: message.id },
        { type: 'item_reference', id: call.id! },
        { type: 'function_call_output', call_id: call.call_id, output: '-3C' },
        { role: 'user', content: 'so, weather in Oslo?' },
      ],
    })
    expect(lastRequest().messages.slice(0, 3)).toEqual([
      { role: 'user', text: 'both please' },
      {
        role: 'assistant',
        text: 'Let me check.',
        toolCalls: [{ id: call.call_id, name: 'get_weather', arguments: '{"city":"Oslo"}' }],
      },
      {
        role: 'tool',
        text: '-3C',
        toolResult: { toolCallId: call.call_id, name: 'get_weather', content: '-3C' },
      },
    ])
    const error = await rejection(
      client.responses.create({ model, input: [{ type: 'item_reference', id: 'msg_unknown' }] }),
    )
    expect(error).toBeInstanceOf(OpenAI.NotFoundError)
    expect(error.param).toBe('input')
  })

  test('client.responses.retrieve returns the stored response; unknown, deleted and store:false ids are 404', async () => {
    server.mock.onMessage('hello', { content: 'Hi' })
    const created = await client.responses.create({ model, input: 'hello' })
    const retrieved = await client.responses.retrieve(created.id)
    expect(retrieved.output_text).toBe('Hi')
    expect(retrieved).toEqual(created)

    const unknown = await rejection(client.responses.retrieve('resp_nope'))
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError)
    expect(unknown.message).toContain("Response with id 'resp_nope' not found.")

    await client.responses.delete(created.id)
    expect(await rejection(client.responses.retrieve(created.id))).toBeInstanceOf(OpenAI.NotFoundError)

    const unstored = await client.responses.create({ model, input: 'hello', store: false })
    expect(await rejection(client.responses.retrieve(unstored.id))).toBeInstanceOf(OpenAI.NotFoundError)
  })

  test('reset() forgets stored responses', async () => {
    server.mock.onMessage('hello', { content: 'Hi' })
    const created = await client.responses.create({ model, input: 'hello' })
    server.mock.reset()
    expect(await rejection(client.responses.retrieve(created.id))).toBeInstanceOf(OpenAI.NotFoundError)
  })
})

describe('errors in OpenAI shape', () => {
  test('error fixtures arrive as the typed errors, streaming or not', async () => {
    server.mock.onMessage('limit', {
      error: { message: 'Slow down', type: 'rate_limit_error', code: 'rate_limit_exceeded' },
      status: 429,
    })
    server.mock.onMessage('key', { error: { message: 'Bad key', type: 'authentication_error' }, status: 401 })
    const limited = await rejection(client.responses.create({ model, input: 'limit' }))
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError)
    expect(limited.code).toBe('rate_limit_exceeded')
    expect(await rejection(client.responses.create({ model, input: 'key' }))).toBeInstanceOf(
      OpenAI.AuthenticationError,
    )
    expect(
      await rejection(client.responses.stream({ model, input: 'limit' }).finalResponse()),
    ).toBeInstanceOf(OpenAI.RateLimitError)
  })

  test.each([
    ['input of the wrong type', { input: 42 }, 'input', "Invalid type for 'input'"],
    [
      'a function_call_output without call_id',
      { input: [{ type: 'function_call_output', output: 'x' }] },
      'input[0].call_id',
      'Missing',
    ],
    [
      'a function_call without name',
      { input: [{ type: 'function_call', call_id: 'call_1', arguments: '{}' }] },
      'input[0].name',
      'Missing',
    ],
    [
      'a message with an unknown role',
      { input: [{ role: 'robot', content: 'hi' }] },
      'input[0].role',
      "Invalid value: 'robot'",
    ],
    [
      'a function tool without name',
      { input: 'hi', tools: [{ type: 'function', parameters: {} }] },
      'tools[0].name',
      'Missing',
    ],
    [
      'json_schema without name',
      { input: 'hi', text: { format: { type: 'json_schema', schema: {} } } },
      'text.format.name',
      'Missing',
    ],
    [
      'a previous_response_id that is not a string',
      { input: 'hi', previous_response_id: 7 },
      'previous_response_id',
      'Invalid type',
    ],
  ])('%s is a 400 BadRequestError naming the field', async (_, body, param, message) => {
    const error = await rejection(client.responses.create({ model, ...(body as object) } as never))
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect(error.param).toBe(param)
    expect(error.type).toBe('invalid_request_error')
    expect(error.message).toContain(message)
  })
})

describe('the SSE wire', () => {
  const types = (events: any[]) => events.map((e) => e.type)

  test('text: the full typed event sequence, with item ids and indexes on every item event', async () => {
    server.mock.onMessage('hello', { content: 'Hello, wire!' }, { chunkSize: 5 })
    const events = await streamedEvents({ input: 'hello' })
    expect(types(events)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ])
    const [created, inProgress, added, partAdded, ...rest] = events
    expect(created.response).toMatchObject({ status: 'in_progress', output: [], usage: null })
    expect(inProgress.response.id).toBe(created.response.id)
    expect(added).toMatchObject({
      output_index: 0,
      item: { type: 'message', status: 'in_progress', content: [] },
    })
    const itemId = added.item.id
    expect(itemId).toMatch(/^msg_/)
    expect(partAdded).toMatchObject({
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text: '' },
    })
    const deltas = rest.filter((e) => e.type === 'response.output_text.delta')
    expect(deltas.map((d) => d.delta)).toEqual(['Hello', ', wir', 'e!'])
    for (const delta of deltas)
      expect(delta).toMatchObject({ item_id: itemId, output_index: 0, content_index: 0, logprobs: [] })
    expect(events[7]).toMatchObject({ item_id: itemId, text: 'Hello, wire!' })
    expect(events[9].item).toMatchObject({
      id: itemId,
      status: 'completed',
      content: [{ text: 'Hello, wire!' }],
    })
    const completed = events.at(-1)
    expect(completed.response).toMatchObject({
      id: created.response.id,
      status: 'completed',
      usage: { total_tokens: expect.any(Number) },
    })
    expect(completed.response.output).toEqual([events[9].item])
  })

  test('reasoning then a function call: summary events, then argument deltas, indexes after the reasoning', async () => {
    server.mock.onMessage(
      'plan',
      { reasoning: 'Need the weather.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Lima' } }] },
      { chunkSize: 10 },
    )
    const events = await streamedEvents({ input: 'plan it', tools: [weatherTool] })
    expect(types(events)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ])
    const reasoningId = events[2].item.id
    expect(reasoningId).toMatch(/^rs_/)
    for (const e of events.slice(3, 8))
      expect(e).toMatchObject({ item_id: reasoningId, output_index: 0, summary_index: 0 })
    expect(events[6].text).toBe('Need the weather.')
    expect(events[9]).toMatchObject({
      output_index: 1,
      item: { type: 'function_call', status: 'in_progress', arguments: '', name: 'get_weather' },
    })
    const callId = events[9].item.id
    expect(callId).toMatch(/^fc_/)
    expect(events[12]).toMatchObject({
      item_id: callId,
      output_index: 1,
      name: 'get_weather',
      arguments: '{"city":"Lima"}',
    })
    expect(events[13].item).toMatchObject({
      id: callId,
      status: 'completed',
      call_id: expect.stringMatching(/^call_/),
    })
    expect(events.at(-1).response.usage.output_tokens_details.reasoning_tokens).toBeGreaterThan(0)
  })

  test('a cut-short stream ends with response.incomplete', async () => {
    server.mock.onMessage('long', { content: 'Cut', finishReason: 'length' })
    const events = await streamedEvents({ input: 'long' })
    expect(events.at(-1)).toMatchObject({
      type: 'response.incomplete',
      response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
    })
  })

  test('an error before the stream starts is a JSON error body with the status, not SSE', async () => {
    server.mock.onMessage('limit', { error: { message: 'Slow down', type: 'rate_limit_error' }, status: 429 })
    const response = await postJson(`${server.url}/v1/responses`, { model, stream: true, input: 'limit' })
    expect(response.status).toBe(429)
    expect(await response.json()).toEqual({
      error: { message: 'Slow down', type: 'rate_limit_error', param: null, code: null },
    })
  })

  test('compatible paths ending in /responses are served too', async () => {
    server.mock.onMessage('hello', { content: 'Hi' })
    const response = await postJson(`${server.url}/openai/v1/responses`, { model, input: 'hello' })
    expect(response.status).toBe(200)
    expect((await response.json()).output[0].content[0].text).toBe('Hi')
  })
})

describe('Vercel AI SDK: openai(model) speaks the Responses API', () => {
  const provider = () => createOpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test-key' })
  const weather = tool({
    description: 'Current weather for a city',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => `18C and sunny in ${city}`,
  })

  test('generateText: text, finish reason, usage and reasoning', async () => {
    server.mock.onMessage('hello', {
      content: 'Hello from standin',
      reasoning: 'Greet back.',
      usage: { input_tokens: 9, output_tokens: 4 },
    })
    const result = await generateText({ model: provider()('gpt-4o'), prompt: 'hello there', maxRetries: 0 })
    expect(server.mock.journal.last()!.surface).toBe('openai.responses')
    expect(result.text).toBe('Hello from standin')
    expect(result.reasoningText).toBe('Greet back.')
    expect(result.finishReason).toBe('stop')
    expect(result.usage.inputTokens).toBe(9)
    expect(result.usage.outputTokens).toBe(4)
  })

  test('streamText streams the text in several parts', async () => {
    server.mock.onMessage('story', { content: 'Once upon a time, a mock stood in.' }, { chunkSize: 6 })
    const result = streamText({ model: provider()('gpt-4o'), prompt: 'a story', maxRetries: 0 })
    const parts: string[] = []
    for await (const part of result.textStream) parts.push(part)
    expect(parts.length).toBeGreaterThan(1)
    expect(parts.join('')).toBe('Once upon a time, a mock stood in.')
    expect(await result.finishReason).toBe('stop')
  })

  test('generateText runs a tool and sends its result back (text and call in one step, item references)', async () => {
    server.mock.on({ toolResultContains: '18C' }, { content: 'It is 18C and sunny in Paris.' })
    server.mock.onMessage('weather', {
      reasoning: 'The user wants the weather.',
      blocks: [
        { type: 'text', text: 'Checking.' },
        { type: 'toolCall', name: 'weather', arguments: { city: 'Paris' } },
      ],
    })
    const result = await generateText({
      model: provider()('o4-mini'),
      prompt: 'weather in Paris?',
      tools: { weather },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
    })
    expect(result.steps[0]!.toolCalls[0]).toMatchObject({ toolName: 'weather', input: { city: 'Paris' } })
    expect(result.text).toBe('It is 18C and sunny in Paris.')
    const messages = lastRequest().messages
    expect(messages[1]).toMatchObject({
      role: 'assistant',
      text: 'Checking.',
      toolCalls: [{ name: 'weather' }],
    })
    expect(messages[2]!.toolResult).toMatchObject({
      name: 'weather',
      content: expect.stringContaining('18C'),
    })
    // The SDK sends the first step's reasoning and text back as references to the stored items.
    const input = JSON.parse(server.mock.journal.last()!.body).input as Array<{ type?: string; id?: string }>
    expect(
      input.filter((item) => item.type === 'item_reference').map((item) => item.id!.slice(0, 3)),
    ).toEqual(['rs_', 'msg'])
  })

  test('streamText with a tool call: streamed arguments parsed, then the final answer', async () => {
    server.mock.on({ toolResultContains: '18C' }, { content: 'Sunny.' })
    server.mock.onMessage(
      'weather',
      { toolCalls: [{ name: 'weather', arguments: { city: 'Paris' } }] },
      { chunkSize: 4 },
    )
    const result = streamText({
      model: provider()('gpt-4o'),
      prompt: 'weather in Paris?',
      tools: { weather },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
    })
    expect(await result.text).toBe('Sunny.')
    const [first] = await result.steps
    expect(first!.toolCalls[0]).toMatchObject({ toolName: 'weather', input: { city: 'Paris' } })
    expect(first!.finishReason).toBe('tool-calls')
  })
})
