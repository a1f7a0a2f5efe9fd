/**
 * The deadlines of the node transport's connections, per phase: a new connection must show its protocol
 * and then its request headers; a request must finish arriving; an idle connection must send its next
 * request. Node enforces `headersTimeout` and `requestTimeout` only on connections its own server accepted,
 * and this server hands sockets over with `emit('connection')`, so they are kept here.
 * @see https://nodejs.org/api/http.html#serverheaderstimeout
 * @module
 */
import type { IncomingMessage } from 'node:http'
import type { Http2ServerRequest, ServerHttp2Session } from 'node:http2'
import type { Socket } from 'node:net'
import type { ConnectionTimeouts } from './connection-timeouts'
import type { Deadline, DeadlineSweep } from './deadline-sweep'

/** RST_STREAM's CANCEL code (RFC 9113 §7), node:http2's `constants.NGHTTP2_CANCEL`, without loading node:http2 at import. */
const NGHTTP2_CANCEL = 0x8

/** What a closed HTTP/1.1 connection whose headers were too slow is told, as Node's own server does. */
const REQUEST_TIMEOUT_408 = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'
/** How long a connection told to close (408, GOAWAY) may take to go before it is destroyed. */
const CLOSING_GRACE_MS = 1_000

/**
 * One HTTP/1.1 connection: its next request's headers by `start + headersTimeout`, a request's body by
 * `start + requestTimeout`, no deadline while a response is being written, then keep-alive again.
 */
export class Http1Deadline implements Deadline {
  at: number
  #start: number
  #inFlight = 0
  #latest: IncomingMessage | undefined
  #closing = false

  constructor(
    readonly socket: Socket,
    readonly timeouts: ConnectionTimeouts,
    /** When the connection was accepted. */
    accepted: number,
  ) {
    this.#start = accepted
    this.at = accepted + timeouts.headersTimeout
  }

  /** True while a response is being written (an error status now would corrupt it). */
  get answering(): boolean {
    return this.#inFlight > 0
  }

  /** Its headers are in; the body, if any, has until the request deadline. */
  requestStarted(req: IncomingMessage): void {
    this.#inFlight++
    this.#latest = req
    this.at = hasHttp1Body(req) ? this.#start + this.timeouts.requestTimeout : Infinity
  }

  /** Its response is written; once none is in flight, the keep-alive window and next headers start. */
  responseEnded(now: number): void {
    if (--this.#inFlight > 0) return
    this.#latest = undefined
    // Node closes the idle socket after keepAliveTimeout; a request started inside the window has
    // headersTimeout more for its headers (this deadline), since trickled bytes keep Node's timer alive.
    this.#start = now + this.timeouts.keepAliveTimeout
    this.at = this.#start + this.timeouts.headersTimeout
  }

  expire(now: number): void {
    if (this.#closing) {
      this.socket.destroy()
    } else if (this.#latest?.complete) {
      // The request is in; answering it has no deadline.
      this.at = Infinity
    } else if (this.#latest || this.socket.bytesRead === 0) {
      // A request cut off, or a connection that never sent a byte (no request to answer: as before node's
      // parser read it, it is just closed).
      this.socket.destroy()
    } else {
      this.#closing = true
      this.at = now + CLOSING_GRACE_MS
      this.socket.end(REQUEST_TIMEOUT_408, () => this.socket.destroy())
    }
  }
}

/** A request has a body when it says so: a length above zero, or chunked (RFC 9112 §6.3). */
function hasHttp1Body(req: IncomingMessage): boolean {
  const length = req.headers['content-length']
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}

/**
 * One h2c session: its first stream by `headersTimeout` after it starts; when its last open stream closes,
 * it may idle for `keepAliveTimeout`, then it is sent GOAWAY (clients open a new session for their next
 * request). An open stream, however quiet, keeps it.
 */
export function trackSession(
  session: ServerHttp2Session,
  options: { sweep: DeadlineSweep; timeouts: ConnectionTimeouts },
): void {
  const { sweep, timeouts } = options
  let open = 0
  let closing = false
  const deadline: Deadline = {
    at: sweep.clock() + timeouts.headersTimeout,
    expire(now) {
      if (closing) return void session.destroy()
      closing = true
      deadline.at = now + CLOSING_GRACE_MS
      session.close()
    },
  }
  sweep.add(deadline)
  session.once('close', () => sweep.delete(deadline))
  session.on('stream', (stream) => {
    open++
    if (!closing) deadline.at = Infinity
    stream.once('close', () => {
      if (--open === 0 && !closing) deadline.at = sweep.clock() + timeouts.keepAliveTimeout
    })
  })
}

/** One h2c request with a body: the body has `requestTimeout` after its headers, or the stream is cancelled. */
export function trackHttp2Body(
  req: Http2ServerRequest,
  options: { sweep: DeadlineSweep; timeouts: ConnectionTimeouts },
): void {
  const { sweep, timeouts } = options
  const stream = req.stream
  if (stream.endAfterHeaders) return
  const deadline: Deadline = {
    at: sweep.clock() + timeouts.requestTimeout,
    expire() {
      sweep.delete(deadline)
      if (!req.complete) stream.close(NGHTTP2_CANCEL)
    },
  }
  sweep.add(deadline)
  stream.once('close', () => sweep.delete(deadline))
}
