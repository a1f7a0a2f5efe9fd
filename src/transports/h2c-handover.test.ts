/**
 * Every connection starts on node's HTTP/1.1 parser: one that opens with the h2c preface is served over
 * HTTP/2 however its bytes arrive, and one the parser cannot read gets node's own answer.
 */
import { once } from 'node:events'
import { connect as connectHttp2 } from 'node:http2'
import { connect } from 'node:net'
import { Duplex } from 'node:stream'
import { afterEach, expect, test } from 'vitest'
import { listen, type RunningServer } from './node-server'

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const ok = async () => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'served' })

/**
 * A connection whose first bytes (the client's preface, SETTINGS and first request, written in one turn)
 * leave in pieces a loop turn apart: the server reads each before the next is sent (client and server share
 * this process).
 */
function piecewise(port: number, cuts: number[]): Duplex {
  const socket = connect(port, '127.0.0.1')
  let opening: Buffer[] | undefined
  let sent = false
  const duplex = new Duplex({
    read: () => socket.resume(),
    write(chunk: Buffer, _encoding, callback) {
      if (sent) return void socket.write(chunk, callback)
      if (opening === undefined) void sendInPieces((opening = []))
      opening.push(chunk)
      callback()
    },
    destroy: (error, callback) => {
      socket.destroy()
      callback(error)
    },
  })
  async function sendInPieces(writes: Buffer[]) {
    await turn()
    const bytes = Buffer.concat(writes.splice(0))
    let from = 0
    for (const to of [...cuts, bytes.length]) {
      socket.write(bytes.subarray(from, to))
      from = to
      await turn()
    }
    sent = true
    if (writes.length > 0) socket.write(Buffer.concat(writes))
  }
  socket.on('data', (chunk: Buffer) => void (duplex.push(chunk) || socket.pause()))
  socket.on('end', () => duplex.push(null))
  return duplex
}

const turn = () => new Promise((resolve) => setImmediate(resolve))

async function h2Get(url: string, createConnection?: () => Duplex): Promise<string> {
  const session = connectHttp2(url, createConnection && { createConnection })
  try {
    const request = session.request({ ':path': '/health' })
    request.setEncoding('utf8')
    let body = ''
    request.on('data', (chunk: string) => void (body += chunk))
    await once(request, 'end')
    return body
  } finally {
    session.close()
  }
}

test('an h2c preface is served over HTTP/2, in one piece or split inside and after it', async () => {
  server = await listen(ok)
  expect(await h2Get(server.url)).toBe('served')
  // Inside "PRI * HTTP/2.0\r\n", after it, and inside "\r\nSM\r\n\r\n", whose end comes with SETTINGS.
  const port = server.port
  expect(await h2Get(server.url, () => piecewise(port, [3, 16, 20]))).toBe('served')
})

/** What the server answers to `text` sent on a raw connection, until it closes it. */
async function rawAnswer(port: number, text: string): Promise<string> {
  const socket = connect(port, '127.0.0.1')
  socket.on('error', () => {})
  let received = ''
  socket.on('data', (chunk: Buffer) => void (received += chunk.toString('latin1')))
  socket.end(text)
  await once(socket, 'close')
  return received
}

test('a request the parser cannot read gets 400, headers too large 431, as from node itself', async () => {
  server = await listen(ok)
  expect(await rawAnswer(server.port, 'NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
  expect(await rawAnswer(server.port, 'PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /)
  const huge = `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`
  expect(await rawAnswer(server.port, huge)).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/)
  // The server still serves.
  expect(
    await rawAnswer(server.port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'),
  ).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*served$/)
})

test('the preface after an HTTP/1.1 exchange is no h2c: prior knowledge holds from the first byte', async () => {
  server = await listen(ok)
  const socket = connect(server.port, '127.0.0.1')
  socket.on('error', () => {})
  let received = ''
  socket.on('data', (chunk: Buffer) => void (received += chunk.toString('latin1')))
  socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
  while (!received.endsWith('served')) await once(socket, 'data')
  socket.write('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n')
  await once(socket, 'close')
  expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*servedHTTP\/1\.1 400 Bad Request\r\n/)
})
