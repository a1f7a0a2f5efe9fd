/**
 * The node transport's WebSockets: an HTTP/1.1 `upgrade` is checked (Host), asked of the engine (session,
 * keys, path) and, when accepted, completed by `ws` (a `WebSocketServer` with `noServer`), whose socket is
 * adapted for the engine. `ws` bounds each message at `maxPayload` (closing with 1009 past it) and validates
 * UTF-8; HTTP/2 (h2c) connections never upgrade.
 * @see ../../docs/websocket.md
 * @module
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { RawData, WebSocket, WebSocketServer } from 'ws'
import { lazyRequire } from '../core/lazy-require'
import type { Reply } from '../core/reply'
import {
  offeredProtocols,
  type UpgradeDecision,
  type UpgradeRequest,
  type WsSocket,
} from '../websocket/socket'
import { WS_CLOSE } from '../websocket/surface'

/** The engine's side of an upgrade (`Engine.upgrade`). */
export type Upgrade = (request: UpgradeRequest) => UpgradeDecision

export interface WebSocketOptions {
  upgrade: Upgrade
  /** The largest message accepted, in bytes (the mock's `bodyLimit`); larger ones close the socket with 1009. */
  maxPayload: number
}

export interface WebSocketUpgrades {
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void
  /** Closes every open socket with 1001 and resolves once the close frames were written. */
  close(): Promise<void>
}

// `ws` loads on a server's first upgrade, not at import.
const wsModule = lazyRequire<typeof import('ws')>('ws')
const httpModule = lazyRequire<typeof import('node:http')>('node:http')

export function webSocketUpgrades({ upgrade, maxPayload }: WebSocketOptions): WebSocketUpgrades {
  const chosen = new WeakMap<IncomingMessage, string>()
  const open = new Map<WebSocket, Duplex>()
  // Made on the first accepted upgrade: a server that never takes one (most) never builds it.
  let server: WebSocketServer | undefined
  const wss = (): WebSocketServer =>
    (server ??= new (wsModule().WebSocketServer)({
      noServer: true,
      maxPayload,
      perMessageDeflate: false,
      clientTracking: false,
      handleProtocols: (_offered, req) => chosen.get(req) ?? false,
    }))
  return {
    handle(req, socket, head) {
      socket.on('error', () => socket.destroy())
      // Not new URL(path, base): a path starting `//` (Gemini Live's SDK sends `//ws/...`) would be read as a host.
      const url = new URL(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`)
      const decision = upgrade({
        url,
        headers: { get: (name) => headerValue(req, name) },
        headerEntries: () =>
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
        protocols: offeredProtocols(headerValue(req, 'sec-websocket-protocol')),
      })
      if (decision.kind === 'refuse') return refuse(socket, decision.reply)
      if (decision.protocol) chosen.set(req, decision.protocol)
      wss().handleUpgrade(req, socket, head, (ws) => {
        open.set(ws, socket)
        const peer = decision.open(adapt(ws))
        ws.on('message', (data, binary) => peer.message(binary ? bytes(data) : text(data), binary))
        ws.on('close', (code) => {
          open.delete(ws)
          peer.closed(code)
        })
        // Too large a message, bad UTF-8, a protocol error: `ws` has already closed with the right code.
        ws.on('error', () => undefined)
      })
    },
    async close() {
      const flushed = [...open].map(([ws, socket]) => {
        ws.close(WS_CLOSE.goingAway, 'standin is stopping')
        return new Promise<void>((resolve) => {
          if (socket.destroyed || !socket.writable) return resolve()
          socket.write('', () => resolve())
        })
      })
      open.clear()
      await Promise.all(flushed)
    },
  }
}

function adapt(ws: WebSocket): WsSocket {
  return {
    send: (frame) =>
      new Promise((resolve) => {
        if (ws.readyState !== ws.OPEN) return resolve()
        ws.send(frame, () => resolve())
      }),
    close: (code, reason) => {
      if (ws.readyState === ws.OPEN) ws.close(code, reason)
    },
    terminate: () => ws.terminate(),
    get open() {
      return ws.readyState === ws.OPEN
    },
  }
}

/** An upgrade the engine refused: its HTTP reply written on the raw socket, then the socket closed. */
export function refuse(socket: Duplex, reply: Reply): void {
  const body = typeof reply.body === 'string' ? reply.body : ''
  const headers = { ...reply.headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' }
  const head = [`HTTP/1.1 ${reply.status} ${httpModule().STATUS_CODES[reply.status] ?? ''}`]
  for (const [name, value] of Object.entries(headers)) head.push(`${name}: ${value}`)
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy())
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name]
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value
}

function text(data: RawData): string {
  return Array.isArray(data)
    ? Buffer.concat(data).toString('utf8')
    : Buffer.from(data as Buffer).toString('utf8')
}

function bytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  return data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}
