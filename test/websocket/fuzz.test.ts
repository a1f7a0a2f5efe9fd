/**
 * Fuzzed client frames over a raw `ws` client on OpenAI Realtime: bad JSON, unknown events, binary and
 * huge frames, invalid UTF-8 and 1000 seeded random frames. Each gets an error event (or, where the wire
 * protocol says so, a documented close code) and the server keeps serving a normal turn afterwards.
 */
import { afterEach, describe, expect, test } from 'vitest'
import WebSocket from 'ws'
import { createStandin, type Standin } from '../../src/internal'

let mock: Standin
afterEach(() => mock?.stop())

type Event = { type: string } & Record<string, any>

/** A raw connection to /v1/realtime with its events queued, taken one by one. */
async function raw(url: string) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/realtime?model=gpt-realtime`)
  const queue: Event[] = []
  let wake: (() => void) | undefined
  ws.on('message', (data) => {
    queue.push(JSON.parse(data.toString()))
    wake?.()
  })
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
  await new Promise((resolve) => ws.once('open', resolve))
  const next = async (): Promise<Event> => {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve))
    return queue.shift()!
  }
  expect((await next()).type).toBe('session.created')
  /** Events until (and without) the first of `type`. */
  const until = async (type: string): Promise<Event[]> => {
    const seen: Event[] = []
    for (let e = await next(); e.type !== type; e = await next()) seen.push(e)
    return seen
  }
  return { ws, next, until, closed }
}

/** A normal text turn still works on a fresh connection. */
async function normalTurn(url: string) {
  const { ws, until } = await raw(url)
  ws.send(
    JSON.stringify({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } }),
  )
  ws.send(
    JSON.stringify({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'ping' }] },
    }),
  )
  ws.send(JSON.stringify({ type: 'response.create' }))
  const events = await until('response.done')
  ws.close()
  return events
    .filter((e) => e.type === 'response.output_text.delta')
    .map((e) => e.delta)
    .join('')
}

/** mulberry32: a small seeded generator, so a failing frame can be replayed. */
function seeded(seed: number) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const TYPES = [
  'session.update',
  'conversation.item.create',
  'conversation.item.delete',
  'conversation.item.retrieve',
  'input_audio_buffer.commit',
  'response.create',
  'response.cancel',
  'session.dance',
  '',
]

function randomFrame(random: () => number): { data: string | Buffer; binary: boolean } {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!
  const text = (n: number) =>
    Array.from({ length: n }, () => String.fromCharCode(32 + Math.floor(random() * 95))).join('')
  const value = (depth = 0): unknown =>
    pick([
      () => null,
      () => random() * 1e6,
      () => text(Math.floor(random() * 12)),
      () => random() < 0.5,
      () => (depth > 2 ? [] : Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1))),
      () =>
        depth > 2
          ? {}
          : {
              type: pick(['message', 'function_call_output', 'x']),
              role: pick(['user', 'robot']),
              content: value(depth + 1),
            },
    ])()
  switch (Math.floor(random() * 5)) {
    case 0:
      return { data: text(1 + Math.floor(random() * 40)), binary: false }
    case 1:
      return {
        data: Buffer.from(
          Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256)),
        ),
        binary: true,
      }
    case 2:
      return { data: JSON.stringify(value()), binary: false }
    default: {
      const event: Record<string, unknown> = { type: pick(TYPES) }
      for (const key of ['session', 'item', 'item_id', 'response', 'previous_item_id', 'event_id'])
        if (random() < 0.4) event[key] = value()
      return { data: JSON.stringify(event), binary: false }
    }
  }
}

describe('fuzzed frames', () => {
  test('1000 seeded random frames: each is answered before the next (most with an error event), none closes the socket', async () => {
    mock = createStandin({ strict: false })
    mock.on({ userMessage: 'ping' }, { content: 'pong' })
    const url = await mock.start()
    const { ws, until, next } = await raw(url)
    const random = seeded(1234)
    let errors = 0
    for (let i = 0; i < 1000; i++) {
      const frame = randomFrame(random)
      ws.send(frame.data, { binary: frame.binary })
      // A probe after each frame: everything before its `cleared` answers the frame.
      ws.send(JSON.stringify({ type: 'input_audio_buffer.clear' }))
      const answers = await until('input_audio_buffer.cleared')
      expect(answers.length, `frame ${i}: ${String(frame.data)}`).toBeGreaterThan(0)
      const error = answers.find((e) => e.type === 'error')
      if (error) {
        errors++
        expect(error.error).toMatchObject({ type: expect.any(String), message: expect.any(String) })
      }
    }
    // Most random frames are invalid; every one that was got its error.
    expect(errors).toBeGreaterThan(700)
    expect(ws.readyState).toBe(WebSocket.OPEN)
    // The same connection still answers a turn.
    ws.send(
      JSON.stringify({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } }),
    )
    expect((await next()).type).toBe('session.updated')
    ws.close()
    expect(await normalTurn(url)).toBe('pong')
  })

  test('a frame larger than bodyLimit closes with 1009; the server serves the next connection', async () => {
    mock = createStandin({ strict: false, bodyLimit: 64 * 1024 })
    mock.on({ userMessage: 'ping' }, { content: 'pong' })
    const url = await mock.start()
    const { ws, closed } = await raw(url)
    ws.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: 'A'.repeat(100 * 1024) }))
    expect(await closed).toBe(1009)
    expect(await normalTurn(url)).toBe('pong')
  })

  test('a text frame that is not UTF-8 closes with 1007; the server serves the next connection', async () => {
    mock = createStandin({ strict: false })
    mock.on({ userMessage: 'ping' }, { content: 'pong' })
    const url = await mock.start()
    const { ws, closed } = await raw(url)
    ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false })
    expect(await closed).toBe(1007)
    expect(await normalTurn(url)).toBe('pong')
  })

  test('bad JSON, unknown events and binary frames each get an error event on one connection', async () => {
    mock = createStandin({ strict: false })
    const url = await mock.start()
    const { ws, next } = await raw(url)
    const frames: [string | Buffer, boolean, string][] = [
      ['{"type":', false, 'invalid_json'],
      ['[]', false, 'invalid_type'],
      ['{"type":"no.such.event"}', false, 'invalid_value'],
      [Buffer.from('{"type":"session.update"}'), true, 'invalid_frame'],
    ]
    for (const [data, binary, code] of frames) {
      ws.send(data, { binary })
      const event = await next()
      expect(event).toMatchObject({ type: 'error', error: { code } })
    }
    ws.close()
  })
})
