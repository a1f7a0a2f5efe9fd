/**
 * The node:http transport: a real port any process can reach. It converts `IncomingMessage` to the
 * engine's request and writes the reply back, chunk by chunk for streams, and holds no protocol logic.
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { BodyTooLargeError, type Incoming, type Reply } from '../core/reply'

export interface ListenOptions {
  /** Default 0: an ephemeral port chosen by the OS. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
}

export interface RunningServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string
  port: number
  close(): Promise<void>
}

export type Dispatch = (incoming: Incoming) => Promise<Reply>

export async function listen(dispatch: Dispatch, options: ListenOptions = {}): Promise<RunningServer> {
  const server = createServer((req, res) => {
    serve(dispatch, req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { message: `standin failed: ${(error as Error).message}`, type: 'server_error' } }))
    })
  })
  server.keepAliveTimeout = 5_000
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host
  return { url: `http://${shown}:${port}`, port, close: () => close(server) }
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

async function serve(dispatch: Dispatch, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const aborter = new AbortController()
  res.once('close', () => {
    if (!res.writableFinished) aborter.abort()
  })
  const reply = await dispatch(toIncoming(req, aborter.signal))
  res.writeHead(reply.status, reply.headers)
  const body = reply.body
  if (body === null || typeof body === 'string') {
    res.end(body ?? undefined)
    return
  }
  res.flushHeaders()
  for await (const chunk of body) {
    if (aborter.signal.aborted) break
    if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve))
  }
  res.end()
}

function toIncoming(req: IncomingMessage, signal: AbortSignal): Incoming {
  const headers = req.headers
  return {
    method: req.method ?? 'GET',
    url: requestUrl(req),
    headers: {
      get(name) {
        const value = headers[name]
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value
      },
    },
    headerEntries: () =>
      Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')] as [string, string]),
    signal,
    text: (limit) => readBody(req, limit),
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.removeAllListeners('data')
        req.resume()
        reject(new BodyTooLargeError(limit))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function requestUrl(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`)
  } catch {
    return new URL(req.url ?? '/', 'http://localhost')
  }
}
