/**
 * The WebSocket seam through a raw `ws` client: a minimal surface registered on the engine answers turns
 * from the mock's fixtures; the transport's upgrade policy (unknown path, keys, sessions) and stop.
 */
import { afterEach, describe, expect, test } from 'vitest'
import WebSocket from 'ws'
import { Engine } from '../../src/engine/engine'
import { listen, type RunningServer } from '../../src/transports/node-server'
import type { WebSocketSurface } from '../../src/websocket/surface'
import { register } from '../../src/core/register'
import type { FixtureMatch, ParsedEntry } from '../../src/fixtures/schema'

function on(
  engine: Engine,
  match: FixtureMatch,
  response: ParsedEntry['response'],
  opts?: ParsedEntry['opts'],
) {
  register(engine.runtime, { match, response, opts, source: 'test', persistent: false })
}

/** A toy protocol: `{"say": text}` is a turn; each event is sent as `{ event }`, then `{ done }`. */
const echo: WebSocketSurface = {
  kind: 'websocket',
  id: 'test.echo',
  provider: 'test',
  paths: ['/echo'],
  protocol: (offered) => offered.find((p) => p === 'echo'),
  connect(connection) {
    void connection.send({ hello: connection.session })
    return {
      async message(data, binary) {
        if (binary) return connection.send({ error: 'binary' })
        const { say } = JSON.parse(data as string) as { say: string }
        const turn = await connection.turn(
          { kind: 'chat', system: '', messages: [{ role: 'user', text: say }], tools: [], stream: true },
          { body: data as string },
        )
        if (turn.kind === 'miss') {
          await connection.send({ error: turn.message })
          if (connection.strict) connection.close(1008, 'no fixture')
          return
        }
        if (turn.kind === 'error') return connection.send({ error: turn.message, code: turn.code })
        if (turn.kind === 'closed') return
        for await (const event of turn.events) await connection.send({ event: event.type })
        await connection.send({ done: turn.fixture.id })
      },
    }
  },
}

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function serve(options: ConstructorParameters<typeof Engine>[0] = {}) {
  const engine = new Engine(options)
  engine.websockets.add(echo)
  server = await listen(
    (incoming) => engine.dispatch(incoming),
    {},
    { websockets: { upgrade: (request) => engine.upgrade(request), maxPayload: 1024 } },
  )
  return { engine, url: server.url.replace('http', 'ws') }
}

/** Collects every message until the socket closes. */
function converse(url: string, frames: unknown[], options?: WebSocket.ClientOptions, protocols?: string[]) {
  const ws = new WebSocket(url, protocols, options)
  const received: Record<string, unknown>[] = []
  ws.on('open', () => frames.forEach((f) => ws.send(typeof f === 'string' ? f : JSON.stringify(f))))
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
  ws.on('message', (data) => {
    received.push(JSON.parse(data.toString()))
    if (received.some((r) => 'done' in r || 'error' in r)) ws.close(1000)
  })
  return { ws, received, closed }
}

describe('the WebSocket seam', () => {
  test('a turn is answered from the fixtures and journaled as a chat request in its session', async () => {
    const { engine, url } = await serve()
    on(engine, { userMessage: 'hi' }, { content: 'hello there' })
    const { received, closed } = converse(`${url}/_s/alpha/echo`, [{ say: 'hi' }])
    expect(await closed).toBe(1000)
    expect(received[0]).toEqual({ hello: 'alpha' })
    const events = received.slice(1, -1).map((r) => r.event)
    expect(events[0]).toBe('start')
    expect(events.at(-1)).toBe('finish')
    expect(events.filter((e) => e === 'text-delta').length).toBeGreaterThan(0)
    const [entry] = engine.sessions.get('alpha').journal.toJSON()
    expect(entry).toMatchObject({
      method: 'WS',
      path: '/echo',
      session: 'alpha',
      surface: 'test.echo',
      provider: 'test',
      response: { status: 200, stream: true, text: 'hello there' },
    })
    expect(entry!.request).toMatchObject({ kind: 'chat', messages: [{ role: 'user', text: 'hi' }] })
  })
})

describe('the upgrade policy', () => {
  test('an upgrade to a path no surface serves is answered 404 and the socket closed', async () => {
    const { url } = await serve()
    const ws = new WebSocket(`${url}/v1/nothing-here`)
    const status = await new Promise<number>((resolve) =>
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    )
    expect(status).toBe(404)
  })

  test('API keys apply to the upgrade: none is 401, a key in a header or the OpenAI subprotocol passes', async () => {
    const { engine, url } = await serve({ auth: { apiKeys: ['k1'] } })
    const refused = new WebSocket(`${url}/echo`)
    const status = await new Promise<number>((resolve) =>
      refused.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    )
    expect(status).toBe(401)
    const byHeader = converse(`${url}/echo`, [{ say: 'x' }], { headers: { authorization: 'Bearer k1' } })
    await byHeader.closed
    expect(byHeader.received[0]).toEqual({ hello: 'default' })
    const byProtocol = converse(`${url}/echo`, [{ say: 'x' }], {}, ['echo', 'openai-insecure-api-key.k1'])
    await new Promise((resolve) => byProtocol.ws.on('open', resolve))
    expect(byProtocol.ws.protocol).toBe('echo')
    await byProtocol.closed
    // The key never reaches the journal, whichever way it came.
    const journaled = JSON.stringify(engine.sessions.get('default').journal.toJSON())
    expect(journaled).toContain('openai-insecure-api-key.[redacted]')
    expect(journaled).not.toContain('k1')
  })

  test('the Host check and the control token apply to the upgrade', async () => {
    const { url } = await serve({ auth: { controlToken: 'secret' } })
    const status = (ws: WebSocket) =>
      new Promise<number>((resolve) =>
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
      )
    expect(await status(new WebSocket(`${url}/echo`, { headers: { host: 'rebound.example' } }))).toBe(403)
    expect(await status(new WebSocket(`${url}/__standin/journal`))).toBe(401)
  })

  test('the session comes from the header, the path prefix or the standin-session subprotocol', async () => {
    const { url } = await serve()
    const byHeader = converse(`${url}/echo`, [], { headers: { 'x-standin-session': 'h' } })
    const byProtocol = converse(`${url}/echo`, [], {}, ['standin-session.p'])
    await Promise.all([byHeader, byProtocol].map((c) => new Promise((r) => c.ws.once('message', r))))
    expect(byHeader.received[0]).toEqual({ hello: 'h' })
    expect(byProtocol.received[0]).toEqual({ hello: 'p' })
    byHeader.ws.close()
    byProtocol.ws.close()
  })

  test('a strict miss gets the error then the close code; the journal keeps the miss', async () => {
    const { engine, url } = await serve({ strict: true })
    const { received, closed } = converse(`${url}/_s/s1/echo`, [{ say: 'unknown' }])
    expect(await closed).toBe(1008)
    expect(String(received[1]!.error)).toContain('unknown')
    const [entry] = engine.sessions.get('s1').journal.toJSON()
    expect(entry!.miss).toBeDefined()
    expect(entry!.response.status).toBe(503)
  })

  test('stopping the server closes open sockets with 1001', async () => {
    const { url } = await serve()
    const { ws, closed } = converse(`${url}/echo`, [])
    await new Promise((resolve) => ws.once('message', resolve))
    await server!.close()
    server = undefined
    expect(await closed).toBe(1001)
  })

  test('a message larger than the limit closes with 1009, and the server serves the next connection', async () => {
    const { engine, url } = await serve()
    on(engine, {}, { content: 'ok' })
    const big = converse(`${url}/echo`, [JSON.stringify({ say: 'x'.repeat(4096) })])
    expect(await big.closed).toBe(1009)
    const next = converse(`${url}/echo`, [{ say: 'y' }])
    await next.closed
    expect(next.received.at(-1)).toEqual({ done: expect.any(String) })
  })
})

describe('chaos and cut-offs on a turn', () => {
  test('disconnect cuts the socket (1006) and journals the chaos', async () => {
    const { engine, url } = await serve()
    on(engine, {}, { content: 'never sent' }, { chaos: { disconnectRate: 1 } })
    const { received, closed } = converse(`${url}/_s/c/echo`, [{ say: 'x' }])
    expect(await closed).toBe(1006)
    expect(received).toHaveLength(1)
    expect(engine.sessions.get('c').journal.toJSON()[0]!.response).toMatchObject({
      status: 0,
      chaos: 'disconnect',
    })
  })

  test('drop answers the error with code chaos_drop', async () => {
    const { engine, url } = await serve()
    on(engine, {}, { content: 'never sent' }, { chaos: { dropRate: 1 } })
    const { received, closed } = converse(`${url}/echo`, [{ say: 'x' }])
    await closed
    expect(received[1]).toMatchObject({ code: 'chaos_drop' })
  })

  test('malformed sends the turn first frame, then one frame that is not JSON, then nothing', async () => {
    const { engine, url } = await serve()
    on(engine, {}, { content: 'abcdefghij'.repeat(10) }, { chaos: { malformedRate: 1 } })
    const ws = new WebSocket(`${url}/echo`)
    const frames: string[] = []
    ws.on('open', () => ws.send(JSON.stringify({ say: 'x' })))
    await new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        if (frames.push(data.toString()) === 3) resolve()
      }),
    )
    expect(JSON.parse(frames[1]!)).toEqual({ event: 'start' })
    expect(() => JSON.parse(frames[2]!)).toThrow(SyntaxError)
    ws.close()
  })

  test('truncateAfterChunks cuts the socket after that many events', async () => {
    const { engine, url } = await serve()
    on(engine, {}, { content: 'abcdefghij'.repeat(10) }, { truncateAfterChunks: 3, chunkSize: 10 })
    const { received, closed } = converse(`${url}/echo`, [{ say: 'x' }])
    expect(await closed).toBe(1006)
    expect(received.slice(1).map((r) => r.event)).toEqual(['start', 'text-start', 'text-delta'])
  })
})
