/**
 * stop() and a server's close(): every connection ends at once (idle keep-alive ones too), the port is
 * freed, the mock forgets the server, and a second call gets the same promise.
 */
import { once } from 'node:events'
import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import { expect, test } from 'vitest'
import { createStandin } from '../../src'
import { postChat } from '../helpers/post-chat'

/** Resolves to the connection error code (ECONNREFUSED once nothing listens), or 'connected'. */
function probe(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve('connected')
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
  })
}

test('stop() with an idle keep-alive connection resolves, closes the socket and frees the port', async () => {
  const mock = createStandin()
  mock.onMessage('hello', { content: 'Hi' })
  // The default keep-alive timeout is far longer than this test may take: stop() must not wait for it.
  const { port, url } = await mock.listen({ port: 0, keepAliveTimeout: 600_000 })
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  // The agent emits 'free' when it parks the socket, idle, for reuse.
  const freed = once(agent, 'free')
  const reply = await postChat(url, agent, 'hello')
  expect(JSON.parse(reply).choices[0].message.content).toBe('Hi')
  await freed
  // The agent keeps the connection open and idle.
  const idle = Object.values(agent.freeSockets).flat()
  expect(idle).toHaveLength(1)
  const closed = once(idle[0]!, 'close')
  await mock.stop()
  await closed
  expect(idle[0]!.destroyed).toBe(true)
  expect(await probe(port)).toBe('ECONNREFUSED')
  expect(() => mock.url).toThrow(/not listening/)
  agent.destroy()
})

test('stop() ends a request in flight on a stream and frees the port', async () => {
  const mock = createStandin()
  // A slow stream: it is still sending when stop() is called.
  mock.onMessage('slow', { content: 'a b c d e f g h' }, { chunkSize: 1, latency: 200 })
  const { port } = await mock.listen({ port: 0 })
  const body = JSON.stringify({
    model: 'gpt-4o',
    stream: true,
    messages: [{ role: 'user', content: 'slow' }],
  })
  const ended = new Promise<string>((resolve) => {
    const req = request(
      {
        port,
        host: '127.0.0.1',
        path: '/v1/chat/completions',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        res.once('data', () => void mock.stop())
        res.on('error', () => resolve('error'))
        res.on('close', () => resolve(res.complete ? 'complete' : 'cut'))
        res.resume()
      },
    )
    req.on('error', () => resolve('error'))
    req.end(body)
  })
  expect(await ended).not.toBe('complete')
  await mock.stop()
  expect(await probe(port)).toBe('ECONNREFUSED')
})

test("a server's close() twice gets one promise; the mock forgets it and stop() still closes the others", async () => {
  const mock = createStandin()
  const first = await mock.listen({ port: 0 })
  const second = await mock.listen({ port: 0 })
  expect(mock.url).toBe(first.url)
  const closing = first.close()
  expect(first.close()).toBe(closing)
  await closing
  expect(await probe(first.port)).toBe('ECONNREFUSED')
  // The first server gone, the mock's URL is no longer its.
  expect(() => mock.url).toThrow(/not listening/)
  expect(await probe(second.port)).toBe('connected')
  await mock.stop()
  expect(await probe(second.port)).toBe('ECONNREFUSED')
  // A stopped mock listens again on a new server.
  const again = await mock.listen({ port: 0 })
  expect(mock.url).toBe(again.url)
  const health = await fetch(`${again.url}/health`)
  expect(health.status).toBe(200)
  await mock.stop()
  // stop() of a mock with nothing listening resolves.
  await expect(mock.stop()).resolves.toBeUndefined()
})

test('stop() closes every server of a mock listening on three ports, and a server closed first stays closed', async () => {
  const mock = createStandin()
  const servers = [
    await mock.listen({ port: 0 }),
    await mock.listen({ port: 0 }),
    await mock.listen({ port: 0 }),
  ]
  await servers[1]!.close()
  expect(mock.url).toBe(servers[0]!.url)
  await mock.stop()
  for (const server of servers) expect(await probe(server.port)).toBe('ECONNREFUSED')
  expect(() => mock.url).toThrow(/not listening/)
  // One server: stop() resolves to nothing once its port is free.
  const last = await mock.listen({ port: 0 })
  await expect(mock.stop()).resolves.toBeUndefined()
  expect(await probe(last.port)).toBe('ECONNREFUSED')
})

test('mocks served at once, on kept-alive connections, each answer from their own fixtures and journal', async () => {
  const mocks = [createStandin(), createStandin({ strict: true }), createStandin()]
  mocks.forEach((mock, i) => mock.onMessage('who', { content: `mock ${i}` }))
  // Different keep-alive timeouts, so the connections are parsed by different shared servers too.
  const servers = await Promise.all(
    mocks.map((mock, i) => mock.listen({ port: 0, ...(i === 2 && { keepAliveTimeout: 1234 }) })),
  )
  const agent = new Agent({ keepAlive: true })
  const ask = async (url: string) =>
    JSON.parse(await postChat(url, agent, 'who')).choices[0].message.content as string
  for (let round = 0; round < 3; round++) {
    const answers = await Promise.all(servers.map((s) => ask(s.url)))
    expect(answers).toEqual(['mock 0', 'mock 1', 'mock 2'])
  }
  expect(mocks.map((m) => m.journal.entries.length)).toEqual([3, 3, 3])
  await Promise.all(mocks.map((m) => m.stop()))
  for (const s of servers) expect(await probe(s.port)).toBe('ECONNREFUSED')
  agent.destroy()
})

test('listen() on a port already taken rejects with EADDRINUSE and leaves the mock not listening', async () => {
  const first = createStandin()
  const { port } = await first.listen({ port: 0 })
  const second = createStandin()
  await expect(second.listen({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' })
  expect(() => second.url).toThrow(/not listening/)
  await expect(second.stop()).resolves.toBeUndefined()
  // The first still answers.
  expect(await probe(port)).toBe('connected')
  // The failed listen left nothing behind: the same mock listens elsewhere, and stop() frees that port.
  const { port: other, url } = await second.listen({ port: 0 })
  expect(second.url).toBe(url)
  await second.stop()
  expect(await probe(other)).toBe('ECONNREFUSED')
  await first.stop()
})

test('listen() with a bad timeout rejects (it does not throw) and leaves the mock not listening', async () => {
  const mock = createStandin()
  let listening: Promise<unknown> | undefined
  expect(() => (listening = mock.listen({ port: 0, headersTimeout: -1 }))).not.toThrow()
  await expect(listening).rejects.toMatchObject({ code: 'STANDIN_OPTIONS' })
  expect(() => mock.url).toThrow(/not listening/)
  await expect(mock.stop()).resolves.toBeUndefined()
})
