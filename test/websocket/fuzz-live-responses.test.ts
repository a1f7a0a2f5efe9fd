/**
 * Seeded random client frames on Gemini Live and on the Responses API over WebSocket, over raw `ws`. The
 * Responses socket answers each with events (mostly an `error` event) and stays open; a Live session either
 * takes the frame or closes with its documented code for a bad message (1007), never an internal error; the
 * server keeps serving normal turns afterwards.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import WebSocket from 'ws'
import { createStandin, type Standin } from '../../src/internal'

let mock: Standin
let wsUrl: string
beforeAll(async () => {
  mock = createStandin({ strict: false })
  mock.onMessage('ping', { content: 'pong' })
  wsUrl = (await mock.start()).replace('http', 'ws')
})
afterAll(() => mock.stop())

type Message = Record<string, any>

/** A raw connection with its JSON messages queued, taken one by one, and its close. */
async function open(path: string) {
  const ws = new WebSocket(`${wsUrl}${path}`)
  const queue: Message[] = []
  let wake: (() => void) | undefined
  let code: number | undefined
  ws.on('message', (data) => {
    queue.push(JSON.parse(String(data)) as Message)
    wake?.()
  })
  const closed = new Promise<number>((resolve) =>
    ws.on('close', (closeCode) => {
      code = closeCode
      resolve(closeCode)
      wake?.()
    }),
  )
  await new Promise((resolve) => ws.once('open', resolve))
  /** The next message, or undefined once the socket closed with none left. */
  const next = async (): Promise<Message | undefined> => {
    while (queue.length === 0 && code === undefined) await new Promise<void>((resolve) => (wake = resolve))
    return queue.shift()
  }
  return { ws, next, closed }
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

function generator(random: () => number, keys: readonly string[], objectKeys: readonly string[]) {
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
      () => {
        if (depth > 2) return {}
        const object: Record<string, unknown> = {}
        for (const key of objectKeys) if (random() < 0.4) object[key] = value(depth + 1)
        return object
      },
    ])()
  return (): { data: string | Buffer; binary: boolean } => {
    switch (Math.floor(random() * 5)) {
      case 0:
        return { data: text(1 + Math.floor(random() * 40)), binary: false }
      case 1:
        return {
          data: Buffer.from(Array.from({ length: 1 + Math.floor(random() * 64) }, () => random() * 256)),
          binary: true,
        }
      case 2:
        return { data: JSON.stringify(value()), binary: false }
      default: {
        const message: Record<string, unknown> = {}
        for (const key of keys) if (random() < 0.3) message[key] = value()
        if (Object.keys(message).length === 0) message[pick(keys)] = value()
        return { data: JSON.stringify(message), binary: false }
      }
    }
  }
}

describe('the Responses API over WebSocket', () => {
  test('500 random frames on one connection: each answered, errors well-formed, still open', async () => {
    const { ws, next } = await open('/v1/responses')
    const frame = generator(
      seeded(7),
      ['type', 'model', 'input', 'tools', 'previous_response_id', 'store', 'instructions', 'text'],
      ['type', 'role', 'content', 'call_id', 'output', 'name', 'format'],
    )
    let errors = 0
    for (let i = 0; i < 500; i++) {
      const { data, binary } = frame()
      ws.send(data, { binary })
      // A probe after each frame: every event before its error answers the frame.
      ws.send(JSON.stringify({ type: 'probe' }))
      const answers: Message[] = []
      for (
        let m = await next();
        !(m?.type === 'error' && m.error?.message?.includes("'probe'"));
        m = await next()
      ) {
        if (m === undefined) throw new Error(`frame ${i} closed the socket: ${String(data)}`)
        answers.push(m)
      }
      expect(answers.length, `frame ${i}: ${String(data)}`).toBeGreaterThan(0)
      for (const answer of answers.filter((m) => m.type === 'error')) {
        errors++
        expect(answer).toMatchObject({
          status: expect.any(Number),
          error: { message: expect.any(String), type: expect.any(String) },
        })
      }
    }
    expect(errors).toBeGreaterThan(400)
    ws.send(JSON.stringify({ type: 'response.create', model: 'gpt-5.2', input: 'ping' }))
    const events: Message[] = []
    for (let m = await next(); m && m.type !== 'response.completed'; m = await next()) events.push(m)
    expect(events.filter((m) => m.type === 'response.output_text.delta').map((m) => m.delta)).toEqual([
      'pong',
    ])
    ws.close()
  })
})

describe('Gemini Live', () => {
  const path = '/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent'
  const setup = JSON.stringify({
    setup: { model: 'models/m', generationConfig: { responseModalities: ['TEXT'] } },
  })
  const ping = JSON.stringify({ realtimeInput: { text: 'ping' } })

  /** The text of one model turn, or undefined when the session closed first. */
  async function turnText(next: () => Promise<Message | undefined>): Promise<string | undefined> {
    let text = ''
    for (let m = await next(); m; m = await next()) {
      for (const part of m.serverContent?.modelTurn?.parts ?? []) text += part.text ?? ''
      if (m.serverContent?.turnComplete || m.toolCall) return text
    }
    return undefined
  }

  test('200 random frames after setup: each taken or closed with 1007, never an internal error', async () => {
    const frame = generator(
      seeded(11),
      ['setup', 'clientContent', 'realtimeInput', 'toolResponse', 'contextUpdate', 'client_content', 'bogus'],
      ['turns', 'turnComplete', 'role', 'parts', 'text', 'audio', 'data', 'functionResponses', 'id', 'name'],
    )
    const closes = new Map<number, number>()
    for (let i = 0; i < 200; i++) {
      const { ws, next, closed } = await open(path)
      ws.send(setup)
      expect(await next()).toEqual({ setupComplete: {} })
      const { data, binary } = frame()
      ws.send(data, { binary })
      ws.send(ping)
      // Either the session took the frame (and may have answered it with a turn of its own), or it closed.
      let text = await turnText(next)
      while (text !== undefined && text !== 'pong' && !text.startsWith('standin: '))
        text = await turnText(next)
      if (text === undefined) {
        const code = await closed
        expect(code, `frame ${i}: ${String(data)}`).toBe(1007)
        closes.set(code, (closes.get(code) ?? 0) + 1)
      } else {
        ws.close()
      }
    }
    expect(closes.get(1007)).toBeGreaterThan(100)
    // The server still serves a normal session.
    const { ws, next } = await open(path)
    ws.send(setup)
    await next()
    ws.send(ping)
    expect(await turnText(next)).toBe('pong')
    ws.close()
  })
})
