/**
 * Connection timeouts on the node transport: every socket the server owns is closed when it idles, sends
 * its headers too slowly or never finishes its body, over HTTP/1.1 and h2c, while a paced stream that
 * lasts longer than every timeout still completes.
 */
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime'
import { once } from 'node:events'
import { connect as connectHttp2 } from 'node:http2'
import { connect, type Socket } from 'node:net'
import OpenAI from 'openai'
import { afterEach, describe, expect, test } from 'vitest'
import { createStandin, type ListenOptions, type RunningServer, type Standin } from '../../src'

/** Timeouts far below the defaults, so each case ends quickly. */
const TINY: ListenOptions = { headersTimeout: 150, requestTimeout: 300, keepAliveTimeout: 150 }

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function start(options: ListenOptions = TINY, setup?: (mock: Standin) => void) {
  const mock = createStandin({ strict: false })
  setup?.(mock)
  server = await mock.listen({ port: 0, ...options })
  return { mock, server }
}

/** A raw TCP connection, with a promise for its close (a reset counts: the server ended it either way). */
async function rawSocket(
  port: number,
): Promise<{ socket: Socket; closed: Promise<void>; received: () => string }> {
  const socket = connect(port, '127.0.0.1')
  socket.on('error', () => {})
  let received = ''
  socket.on('data', (chunk: Buffer) => void (received += chunk.toString('latin1')))
  const closed = once(socket, 'close').then(() => undefined)
  await once(socket, 'connect')
  return { socket, closed, received: () => received }
}

/**
 * Writes `text` one byte per `every` ms until the server closes the connection or the text runs out;
 * resolves to how many bytes were written.
 */
function trickle(socket: Socket, text: string, every = 20): Promise<number> {
  return new Promise((resolve) => {
    let sent = 0
    const timer = setInterval(() => {
      if (socket.destroyed || sent === text.length) {
        clearInterval(timer)
        resolve(sent)
        return
      }
      socket.write(text[sent++]!)
    }, every)
    socket.once('close', () => {
      clearInterval(timer)
      resolve(sent)
    })
  })
}

const SLOW_HEADERS = `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nx-padding: ${'a'.repeat(400)}\r\n\r\n`

describe('HTTP/1.1', () => {
  test('connections that never send a byte are closed after headersTimeout', async () => {
    const { server } = await start()
    const idle = await Promise.all(Array.from({ length: 50 }, () => rawSocket(server.port)))
    await Promise.all(idle.map((c) => c.closed))
    expect(idle.every((c) => c.socket.destroyed)).toBe(true)
    const health = await fetch(`${server.url}/health`)
    expect(health.status).toBe(200)
  })

  test('headers sent byte by byte (slowloris) are cut off with 408 before they end', async () => {
    const { server } = await start()
    const { socket, closed, received } = await rawSocket(server.port)
    const sent = await trickle(socket, SLOW_HEADERS)
    await closed
    expect(sent).toBeLessThan(SLOW_HEADERS.length)
    expect(received()).toMatch(/^HTTP\/1\.1 408 /)
  })

  test('a kept-alive connection idle after its response is closed after keepAliveTimeout', async () => {
    const { server } = await start()
    const { socket, closed, received } = await rawSocket(server.port)
    socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
    await closed
    expect(received()).toMatch(/^HTTP\/1\.1 200 OK/)
    expect(received()).toMatch(/keep-alive/i)
  })

  test('a slowloris on the second request of a kept-alive connection is cut off too', async () => {
    // The keep-alive timer alone would not do it: each byte counts as activity and restarts it.
    const { server } = await start({ headersTimeout: 150, requestTimeout: 300, keepAliveTimeout: 500 })
    const { socket, closed, received } = await rawSocket(server.port)
    socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
    while (!received().includes('"status":"ok"')) await once(socket, 'data')
    const sent = await trickle(socket, SLOW_HEADERS, 10)
    await closed
    expect(sent).toBeLessThan(SLOW_HEADERS.length)
  })

  test('a request whose body never finishes is closed after requestTimeout', async () => {
    const { server } = await start()
    const { socket, closed, received } = await rawSocket(server.port)
    socket.write(
      'POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n' +
        'content-length: 1000\r\n\r\n{"model":',
    )
    await closed
    expect(received()).toBe('')
  })

  test('a paced stream that lasts longer than every timeout completes', async () => {
    const { server } = await start(TINY, (mock) =>
      mock.onMessage('slow', { content: 'one two three four' }, { chunkSize: 4, latency: 200 }),
    )
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test', maxRetries: 0 })
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'slow' }],
    })
    let text = ''
    let chunks = 0
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? ''
      chunks++
    }
    expect(text).toBe('one two three four')
    // 5 paced deltas of 200 ms each: past the 150 ms headers and keep-alive and the 300 ms request timeouts.
    expect(chunks).toBeGreaterThanOrEqual(5)
  })
})

describe('h2c (HTTP/2 with prior knowledge)', () => {
  test('a connection that stops inside the connection preface is closed', async () => {
    const { server } = await start()
    const { socket, closed } = await rawSocket(server.port)
    socket.write('PRI * HTTP/2.0\r\n')
    await closed
    expect(socket.destroyed).toBe(true)
  })

  test('a session is served, then closed once idle for keepAliveTimeout', async () => {
    const { server } = await start()
    const session = connectHttp2(server.url)
    session.on('error', () => {})
    const closed = once(session, 'close')
    const request = session.request({ ':path': '/health' })
    request.setEncoding('utf8')
    let body = ''
    request.on('data', (chunk: string) => void (body += chunk))
    await once(request, 'end')
    expect(JSON.parse(body)).toMatchObject({ status: 'ok' })
    const [goaway] = await Promise.race([once(session, 'goaway'), closed])
    expect(goaway).toBe(0)
    await closed
  })

  test('a session that never opens a stream is closed after headersTimeout', async () => {
    const { server } = await start()
    const session = connectHttp2(server.url)
    session.on('error', () => {})
    await once(session, 'close')
    expect(session.destroyed).toBe(true)
  })

  test('a Bedrock ConverseStream paced past every timeout completes over h2c', async () => {
    const { server } = await start(TINY, (mock) =>
      mock.onMessage('slow', { content: 'alpha beta gamma' }, { chunkSize: 6, latency: 200 }),
    )
    const client = new BedrockRuntimeClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      maxAttempts: 1,
    })
    try {
      const reply = await client.send(
        new ConverseStreamCommand({
          modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
          messages: [{ role: 'user', content: [{ text: 'slow' }] }],
        }),
      )
      let text = ''
      for await (const event of reply.stream!) text += event.contentBlockDelta?.delta?.text ?? ''
      expect(text).toBe('alpha beta gamma')
    } finally {
      client.destroy()
    }
  })
})
