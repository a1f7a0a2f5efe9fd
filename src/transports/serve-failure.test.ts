/**
 * A reply that fails is answered with a 500 naming the failure, and the keep-alive connection it came on
 * serves the next request (its request ended, so its deadline moved on).
 */
import { request as httpRequest, Agent } from 'node:http'
import { afterEach, expect, test } from 'vitest'
import { listen, type RunningServer } from './node-server'

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

function get(url: string, agent: Agent): Promise<{ status: number; body: string; socket: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, socket: req.socket }))
    })
    req.on('error', reject)
    req.end()
  })
}

test('a dispatch that throws gets a 500 naming it; the same connection serves the next request', async () => {
  let calls = 0
  server = await listen(async (incoming) => {
    calls++
    if (incoming.pathname === '/boom') throw new Error('boom')
    return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' }
  })
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  try {
    const failed = await get(`${server.url}/boom`, agent)
    expect(failed.status).toBe(500)
    expect(JSON.parse(failed.body)).toEqual({
      error: { message: 'standin failed: boom', type: 'server_error' },
    })
    const next = await get(`${server.url}/fine`, agent)
    expect([next.status, next.body]).toEqual([200, 'ok'])
    expect(next.socket).toBe(failed.socket)
    expect(calls).toBe(2)
  } finally {
    agent.destroy()
  }
})

test('a streamed body that throws after its head ends the reply; the server keeps serving', async () => {
  async function* failing(): AsyncIterable<string> {
    yield 'first '
    throw new Error('stream broke')
  }
  server = await listen(async (incoming) =>
    incoming.pathname === '/stream'
      ? { status: 200, headers: { 'content-type': 'text/plain' }, body: failing() }
      : { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' },
  )
  const agent = new Agent({ keepAlive: true })
  try {
    // The head was sent: the 500 cannot replace it, the failure's text ends the body instead.
    const broken = await get(`${server.url}/stream`, agent)
    expect(broken.status).toBe(200)
    expect(broken.body).toContain('first ')
    expect(broken.body).toContain('standin failed: stream broke')
    const next = await get(`${server.url}/fine`, agent)
    expect([next.status, next.body]).toEqual([200, 'ok'])
  } finally {
    agent.destroy()
  }
})
