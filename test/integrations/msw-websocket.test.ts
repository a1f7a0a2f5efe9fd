/**
 * MSW's `ws` API serving OpenAI Realtime in-process through `standinHandlers()`: the openai SDK's
 * browser-style client (`OpenAIRealtimeWebSocket`, on the global `WebSocket`) reaches the real host name,
 * MSW intercepts it, and the mock answers with the same turns, journal and matchers as over its port.
 * Node 20 has no global `WebSocket`: the `ws` package's class stands in for it (Node 22+ and browsers have one).
 */
import { setupServer } from 'msw/node'
import OpenAI from 'openai'
import { OpenAIRealtimeWebSocket } from 'openai/realtime/websocket'
import { createStandin, matchers } from 'standin'
import { standinHandlers } from 'standin/msw'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { WebSocket } from 'ws'

declare module 'vitest' {
  interface Assertion<T = any> {
    toHaveReceivedMessage(text: string | RegExp, options?: { role?: string }): T
    toHaveServedFixture(id: string): T
  }
}
expect.extend(matchers)

const globals = globalThis as { WebSocket?: unknown }
const hadWebSocket = 'WebSocket' in globals
if (!hadWebSocket) globals.WebSocket = WebSocket

const mock = createStandin({ strict: false })
const server = setupServer(...standinHandlers(mock, { providers: ['openai'] }))
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(async () => {
  server.close()
  await mock.stop()
  if (!hadWebSocket) delete globals.WebSocket
})

type Event = { type: string } & Record<string, any>

function connect() {
  const client = new OpenAI({ apiKey: 'test', maxRetries: 0 })
  const rt = new OpenAIRealtimeWebSocket({ model: 'gpt-realtime' }, client)
  const events: Event[] = []
  const waiters = new Map<string, (e: Event) => void>()
  rt.on('event', (event) => {
    events.push(event as Event)
    waiters.get(event.type)?.(event as Event)
    waiters.delete(event.type)
  })
  rt.on('error', () => undefined)
  const next = (type: string) =>
    new Promise<Event>((resolve) => {
      const seen = events.find((e) => e.type === type)
      if (seen && type === 'session.created') return resolve(seen)
      waiters.set(type, resolve)
    })
  return { rt, events, next }
}

describe('OpenAI Realtime through MSW', () => {
  test('a text turn on wss://api.openai.com is answered from the fixtures and journaled', async () => {
    mock.on({ userMessage: 'hello msw' }, { content: 'Hi from MSW' }, { id: 'msw-realtime' })
    const { rt, events, next } = connect()
    await next('session.created')
    rt.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } })
    await next('session.updated')
    rt.send({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hello msw' }] },
    })
    rt.send({ type: 'response.create' })
    const done = await next('response.done')
    expect(done.response.output[0].content[0].text).toBe('Hi from MSW')
    const deltas = events.filter((e) => e.type === 'response.output_text.delta').map((e) => e.delta)
    expect(deltas.join('')).toBe('Hi from MSW')
    expect(mock).toHaveReceivedMessage('hello msw')
    expect(mock).toHaveServedFixture('msw-realtime')
    expect(mock.journal.last()).toMatchObject({ surface: 'openai.realtime', method: 'WS' })
    rt.close()
  })

  test('a path standin serves no WebSocket API at is closed with 1008 and the reason', async () => {
    const socket = new globalThis.WebSocket('wss://api.openai.com/v1/no-such-socket')
    const event = await new Promise<CloseEvent>((resolve) =>
      socket.addEventListener('close', (e) => resolve(e as CloseEvent)),
    )
    expect(event.code).toBe(1008)
    expect(event.reason).toContain('/v1/no-such-socket')
  })

  test('mock.stop() closes an open in-process socket with 1001', async () => {
    const { rt, next } = connect()
    await next('session.created')
    const closed = new Promise<number>((resolve) =>
      rt.socket.addEventListener('close', (event) => resolve((event as CloseEvent).code)),
    )
    await mock.stop()
    expect(await closed).toBe(1001)
  })
})
