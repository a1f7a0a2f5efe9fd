/**
 * The Responses API over WebSocket through the openai SDK's `ResponsesWS`, pointed at the mock by the
 * client's base URL: the same events as the Responses SSE stream, a function call answered with
 * `function_call_output` on `previous_response_id`, `store: false` chaining on the connection, warm-up with
 * `generate: false`, and `error` events for bad client events (the connection stays open).
 */
import OpenAI from 'openai'
import type { ResponsesServerEvent } from 'openai/resources/responses/responses'
import { ResponsesWS } from 'openai/resources/responses/ws'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import WebSocket from 'ws'
import { createStandin, matchers, type Standin } from '../../src/internal'
import { readEvents } from '../helpers/sse'

declare module 'vitest' {
  interface Assertion<T = any> {
    toHaveReturnedToolCall(name: string, args?: Record<string, unknown>): T
    toHaveReceivedMessage(text: string | RegExp, options?: { role?: string }): T
  }
}
expect.extend(matchers)

const MODEL = 'gpt-5.2'
const weather = {
  type: 'function' as const,
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } } },
  strict: false,
}

let mock: Standin
let url: string
let close: () => Promise<void>
let client: OpenAI
beforeAll(async () => {
  mock = createStandin({ strict: false, seed: 'responses-ws' })
  const server = await mock.listen({ port: 0 })
  url = server.url
  close = server.close
  client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'test-key', maxRetries: 0 })
})
afterAll(() => close())
beforeEach(() => mock.reset())

interface Socket {
  ws: ResponsesWS
  events: ResponsesServerEvent[]
  /** The events since the last call, up to the first that satisfies `done`. */
  until(done: (event: ResponsesServerEvent) => boolean): Promise<ResponsesServerEvent[]>
  /** One response's events, up to `response.completed` (or an `error`). */
  response(): Promise<ResponsesServerEvent[]>
}

function connect(target = client): Socket {
  const ws = new ResponsesWS(target)
  const events: ResponsesServerEvent[] = []
  let read = 0
  let wake = () => {}
  ws.on('event', (event) => {
    events.push(event)
    wake()
  })
  // API errors arrive as `error` events too (above); the SDK also raises them here.
  ws.on('error', () => {})
  async function until(done: (event: ResponsesServerEvent) => boolean) {
    for (;;) {
      const at = events.slice(read).findIndex(done)
      if (at >= 0) {
        const batch = events.slice(read, read + at + 1)
        read += at + 1
        return batch
      }
      await new Promise<void>((resolve) => (wake = resolve))
    }
  }
  const end = new Set(['response.completed', 'response.incomplete', 'error'])
  return { ws, events, until, response: () => until((event) => end.has(event.type)) }
}

const text = (events: ResponsesServerEvent[]) =>
  events.flatMap((event) => (event.type === 'response.output_text.delta' ? [event.delta] : [])).join('')

describe('a text turn', () => {
  test('the Responses stream events, in order, numbered, ending with the completed response', async () => {
    mock.onMessage('hello', { content: 'Hello over a WebSocket.' })
    const socket = connect()
    socket.ws.send({ type: 'response.create', model: MODEL, input: 'hello there' })
    const events = await socket.response()
    socket.ws.close()

    expect(text(events)).toBe('Hello over a WebSocket.')
    expect(events.map((event) => event.type).filter((type, i, all) => all[i - 1] !== type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ])
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, i) => i))
    const completed = events.at(-1)!
    expect(completed.type === 'response.completed' && completed.response).toMatchObject({
      status: 'completed',
      model: MODEL,
      output: [{ type: 'message', content: [{ type: 'output_text', text: 'Hello over a WebSocket.' }] }],
      usage: { total_tokens: expect.any(Number) },
    })
    expect(mock.journal.last()).toMatchObject({
      method: 'WS',
      path: '/v1/responses',
      surface: 'openai.responses-ws',
      provider: 'openai',
      request: { model: MODEL, stream: true, messages: [{ role: 'user', text: 'hello there' }] },
      response: { status: 200, text: 'Hello over a WebSocket.' },
    })
  })

  test('the same frames as the SSE stream of the same request (ids and times aside)', async () => {
    mock.onMessage('same', { content: 'Same events, either way.' })
    const socket = connect()
    socket.ws.send({ type: 'response.create', model: MODEL, input: 'same please', store: false })
    const overSocket = await socket.response()
    socket.ws.close()
    const response = await fetch(`${url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, input: 'same please', store: false, stream: true }),
    })
    const overSse = (await readEvents(response)).map(
      (event) => JSON.parse(event.data) as ResponsesServerEvent,
    )
    const normalise = (events: ResponsesServerEvent[]) =>
      JSON.parse(
        JSON.stringify(events)
          .replace(/"(resp|msg)_[A-Za-z0-9]+"/g, '"$1_x"')
          .replace(/"(created_at|completed_at)":\d+/g, '"$1":0'),
      )
    expect(normalise(overSocket)).toEqual(normalise(overSse))
  })
})

describe('function calls', () => {
  test('a function_call, then function_call_output on previous_response_id, then the answer', async () => {
    mock.onMessage('weather', { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] })
    mock.on({ toolResultContains: '18C' }, { content: 'It is 18C in Paris.' })
    const socket = connect()
    socket.ws.send({ type: 'response.create', model: MODEL, input: 'weather in Paris?', tools: [weather] })
    const first = await socket.response()
    const done = first.find((event) => event.type === 'response.function_call_arguments.done')
    expect(done).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}' })
    const completed = first.at(-1)!
    if (completed.type !== 'response.completed') throw new Error(`ended with ${completed.type}`)
    const call = completed.response.output[0]!
    if (call.type !== 'function_call') throw new Error(`output is ${call.type}`)

    socket.ws.send({
      type: 'response.create',
      model: MODEL,
      previous_response_id: completed.response.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: '18C and sunny' }],
      tools: [weather],
    })
    const second = await socket.response()
    socket.ws.close()

    expect(text(second)).toBe('It is 18C in Paris.')
    expect(mock).toHaveReturnedToolCall('get_weather', { city: 'Paris' })
    expect(mock.journal.last()!.request).toMatchObject({
      messages: [
        { role: 'user', text: 'weather in Paris?' },
        { role: 'assistant', toolCalls: [{ id: call.call_id, name: 'get_weather' }] },
        { role: 'tool', toolResult: { toolCallId: call.call_id, content: '18C and sunny' } },
      ],
    })
  })

  test('store: false chains on the connection only; a stored response is also found over HTTP', async () => {
    mock.onMessage('one', { content: 'First.' })
    mock.onMessage('two', { content: 'Second.' })
    const socket = connect()
    socket.ws.send({ type: 'response.create', model: MODEL, input: 'one', store: false })
    const first = (await socket.response()).at(-1)!
    const firstId = first.type === 'response.completed' ? first.response.id : ''
    socket.ws.send({ type: 'response.create', model: MODEL, input: 'two', previous_response_id: firstId })
    const second = (await socket.response()).at(-1)!
    expect(second.type).toBe('response.completed')
    expect(mock.journal.last()!.request).toMatchObject({
      messages: [
        { role: 'user', text: 'one' },
        { role: 'assistant', text: 'First.' },
        { role: 'user', text: 'two' },
      ],
    })
    socket.ws.close()

    // Another connection does not see the first one's unstored response.
    const other = connect()
    other.ws.send({ type: 'response.create', model: MODEL, input: 'two', previous_response_id: firstId })
    const [error] = await other.response()
    other.ws.close()
    expect(error).toMatchObject({
      type: 'error',
      status: 400,
      error: { code: 'previous_response_not_found', param: 'previous_response_id' },
    })
    const secondId = second.type === 'response.completed' ? second.response.id : ''
    const stored = await client.responses.retrieve(secondId)
    expect(stored.output_text).toBe('Second.')
  })

  test('a failed continuation drops the unstored response it continued from the connection', async () => {
    mock.onMessage('one', { content: 'First.' })
    mock.onMessage('fail', { error: { message: 'Upstream overloaded.' }, status: 503 })
    const socket = connect()
    socket.ws.send({ type: 'response.create', model: MODEL, input: 'one', store: false })
    const first = (await socket.response()).at(-1)!
    const firstId = first.type === 'response.completed' ? first.response.id : ''
    socket.ws.send({ type: 'response.create', model: MODEL, input: 'fail', previous_response_id: firstId })
    expect((await socket.response())[0]).toMatchObject({ type: 'error', status: 503 })
    socket.ws.send({ type: 'response.create', model: MODEL, input: 'one', previous_response_id: firstId })
    expect((await socket.response())[0]).toMatchObject({
      type: 'error',
      error: { code: 'previous_response_not_found' },
    })
    socket.ws.close()
  })

  test('generate: false prepares a response to chain from, without a model turn', async () => {
    mock.onMessage('go', { content: 'Going.' })
    const socket = connect()
    socket.ws.send({
      type: 'response.create',
      model: MODEL,
      instructions: 'Be brief.',
      input: 'context first',
      generate: false,
    } as never)
    const warm = await socket.response()
    expect(warm.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.completed',
    ])
    const warmed = warm.at(-1)!
    const warmId = warmed.type === 'response.completed' ? warmed.response.id : ''
    socket.ws.send({ type: 'response.create', model: MODEL, input: 'go', previous_response_id: warmId })
    expect(text(await socket.response())).toBe('Going.')
    socket.ws.close()
    expect(mock.journal.size).toBe(1)
    expect(mock.journal.last()!.request).toMatchObject({
      messages: [
        { role: 'user', text: 'context first' },
        { role: 'user', text: 'go' },
      ],
    })
  })
})

describe('errors', () => {
  test('an error fixture is an error event with its status; the connection stays open', async () => {
    mock.onMessage('limit', {
      error: { message: 'Rate limit reached.', type: 'rate_limit_error' },
      status: 429,
    })
    mock.onMessage('fine', { content: 'Fine again.' })
    const socket = connect()
    socket.ws.send({ type: 'response.create', model: MODEL, input: 'limit' })
    const [error] = await socket.response()
    expect(error).toEqual({
      type: 'error',
      status: 429,
      error: { message: 'Rate limit reached.', type: 'rate_limit_error', param: null, code: null },
    })
    socket.ws.send({ type: 'response.create', model: MODEL, input: 'fine' })
    expect(text(await socket.response())).toBe('Fine again.')
    socket.ws.close()
  })

  test('chaos drop is an error event with code chaos_drop', async () => {
    mock.onMessage('drop', { content: 'never sent' }, { chaos: { dropRate: 1 } })
    const socket = connect()
    socket.ws.send({ type: 'response.create', model: MODEL, input: 'drop' })
    const [error] = await socket.response()
    socket.ws.close()
    expect(error).toMatchObject({ type: 'error', status: 500, error: { code: 'chaos_drop' } })
  })

  test('bad client events get error events naming what is wrong', async () => {
    const socket = connect()
    socket.ws.send({ type: 'response.cancel' } as never)
    socket.ws.send({ model: MODEL } as never)
    socket.ws.send({ type: 'response.create', model: MODEL, input: 'x', background: true })
    socket.ws.send({ type: 'response.create', model: 42 } as never)
    socket.ws.sendRaw('{not json')
    const errors: ResponsesServerEvent[] = []
    while (errors.length < 5) errors.push(...(await socket.until((event) => event.type === 'error')))
    socket.ws.close()
    expect(
      errors.map((event) => (event as unknown as { error: { param: string | null } }).error.param),
    ).toEqual(['type', 'type', 'background', 'model', null])
    expect(errors.every((event) => (event as unknown as { status: number }).status === 400)).toBe(true)
  })

  test('a strict miss is an error event, then a close with 1008', async () => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/responses`, {
      headers: { 'x-standin-strict': 'true' },
    })
    const received: Array<Record<string, unknown>> = []
    socket.on('message', (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>))
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
    await new Promise((resolve) => socket.once('open', resolve))
    socket.send(JSON.stringify({ type: 'response.create', model: MODEL, input: 'nothing matches' }))
    expect(await closed).toBe(1008)
    expect(received).toEqual([
      {
        type: 'error',
        status: 503,
        error: expect.objectContaining({ type: 'standin_strict_no_match', code: 'no_fixture_match' }),
      },
    ])
  })
})
