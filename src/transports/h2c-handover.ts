/**
 * Cleartext HTTP/2 with prior knowledge (h2c) on a port that node's HTTP/1.1 server reads. Every connection
 * starts on that server, which parses it natively (as one it accepted itself would be), and its parser
 * stops on the h2c connection preface `PRI * HTTP/2.0` with `HPE_PAUSED_H2_UPGRADE`: the socket is then
 * taken back from it and handed to an HTTP/2 server with the bytes already read. Reading the first bytes in
 * JS to choose a server cost every HTTP/1.1 connection a detour (issue 15, a request on a new connection).
 * @see https://httpwg.org/specs/rfc9113.html#preface
 * @module
 */
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { lazyRequire } from '../core/lazy-require'

const netModule = lazyRequire<typeof import('node:net')>('node:net')
const streamModule = lazyRequire<typeof import('node:stream')>('node:stream')

/** The connection preface: llhttp stops right after it. */
const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1')

/** A parse error from node's HTTP/1.1 server (`clientError`); the last two are set for a parser's error. */
export interface ClientError extends Error {
  code?: string
  /** Where in `rawPacket` the parser stopped. */
  bytesParsed?: number
  /** The chunk the parser was reading. */
  rawPacket?: Buffer
}

/**
 * True for the parser's stop on the h2c preface as the connection's first bytes (not after an HTTP/1.1
 * request: prior knowledge is known from the start).
 */
export function isH2cPreface(error: ClientError, socket: Socket): boolean {
  const raw = error.rawPacket
  if (error.code !== 'HPE_PAUSED_H2_UPGRADE' || raw === undefined) return false
  // Bytes read before this chunk, plus those of it parsed up to the stop.
  return socket.bytesRead - raw.length + (error.bytesParsed ?? 0) === PREFACE.length
}

/**
 * Takes a socket whose parser stopped on the preface back from node's HTTP/1.1 server, and returns it as a
 * stream that replays the preface and what followed it in the same chunk: the bytes node:http2 must read.
 * `keep` is the caller's own listener, left in place.
 */
export function leaveHttp1(socket: Socket, error: ClientError, keep: (...args: never[]) => void): Duplex {
  const rest = error.rawPacket!.subarray(error.bytesParsed ?? 0)
  const head = rest.length === 0 ? PREFACE : Buffer.concat([PREFACE, rest])
  // The server's listeners (data, end, close, drain, timeout, error) are the socket's own, less those every
  // net.Socket has and the caller's: removed, the server no longer hears of this connection.
  const own = ownListeners()
  for (const event of socket.eventNames()) {
    for (const listener of socket.rawListeners(event)) {
      const fn = (listener as { listener?: unknown }).listener ?? listener
      if (fn !== keep && !own.get(event)?.has(fn)) socket.removeListener(event, listener as () => void)
    }
  }
  // The replay's 'data' listener makes the server stop reading the socket natively (node unconsumes its
  // parser when one is added), so what comes next reaches the replay.
  const duplex = replay(socket, head)
  ;(socket as { parser?: unknown }).parser = null
  return duplex
}

let ownByEvent: Map<string | symbol, Set<unknown>> | undefined

/** The listeners a new net.Socket has before anyone adds one (its own 'end' handling). */
function ownListeners(): Map<string | symbol, Set<unknown>> {
  if (ownByEvent) return ownByEvent
  const fresh = new (netModule().Socket)()
  ownByEvent = new Map(fresh.eventNames().map((event) => [event, new Set(fresh.listeners(event))]))
  fresh.destroy()
  return ownByEvent
}

/**
 * node:http2 reads a net.Socket's native handle directly, so bytes already read cannot be given back to
 * it; a plain Duplex in front of the socket makes it read through JS instead.
 */
function replay(socket: Socket, first: Buffer): Duplex {
  const duplex = new (streamModule().Duplex)({
    read: () => socket.resume(),
    write: (chunk, encoding, callback) => socket.write(chunk, encoding, callback),
    final: (callback) => socket.end(callback),
    destroy: (error, callback) => {
      socket.destroy(error ?? undefined)
      callback(error)
    },
  })
  duplex.push(first)
  socket.on('data', (chunk: Buffer) => {
    if (!duplex.push(chunk)) socket.pause()
  })
  socket.once('end', () => duplex.push(null))
  socket.once('close', () => duplex.destroy())
  socket.once('error', (error) => duplex.destroy(error))
  return duplex
}
