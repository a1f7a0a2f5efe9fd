/**
 * The node:http transport: a real port any process can reach. It converts `IncomingMessage` to the
 * engine's request and writes the reply back, chunk by chunk for streams, and holds no protocol logic.
 *
 * One port speaks HTTP/1.1 and cleartext HTTP/2 with prior knowledge (h2c): the AWS SDK's default
 * handler talks h2c to an `http://` endpoint. Every connection starts on node's HTTP/1.1 server; one that
 * opens with the h2c preface moves to an HTTP/2 server (see ./h2c-handover). What only a port needs is done
 * here: connection timeouts, and the `Host` check against DNS rebinding.
 * @see ../../docs/decisions/transport-security.md
 * @module
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Http2Server, Http2ServerRequest, Http2ServerResponse } from 'node:http2'
import type { AddressInfo, Server as NetServer, Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { lazyRequire } from '../core/lazy-require'
import { BodyTooLargeError, ConnectionCut, type HeaderReader, type Incoming, type Reply } from '../core/reply'
import { isLoopbackHost } from '../security/host-check'
import { pendingWarmCache } from '../loader/warm-cache'
import { Http1Deadline, trackHttp2Body, trackSession } from './connection-deadlines'
import { resolveTimeouts, sweepInterval, type ConnectionTimeouts } from './connection-timeouts'
import { DeadlineSweep } from './deadline-sweep'
import { answerClientError } from './client-error'
import { isH2cPreface, leaveHttp1, type ClientError } from './h2c-handover'
import { hostCheck, hostRefusal, refuseHost, warnBeyondLoopback } from './host-guard'
import { refuse, webSocketUpgrades, type WebSocketOptions, type WebSocketUpgrades } from './websocket-upgrade'

export interface ListenOptions extends Partial<ConnectionTimeouts> {
  /** Default 0: an ephemeral port chosen by the OS. */
  port?: number
  /**
   * Default 127.0.0.1. Bound to loopback, requests must name a loopback host (`localhost`, 127.x.y.z,
   * [::1]) in `Host`; bound beyond it (0.0.0.0, ::, a LAN address) other machines can reach the server,
   * the `Host` check is off and a `STANDIN_BIND` warning is emitted.
   */
  host?: string
}

export interface RunningServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string
  port: number
  close(): Promise<void>
}

export type Dispatch = (incoming: Incoming) => Promise<Reply>

// node:http2 loads on the first h2c connection (the AWS SDK's), not at import.
const http2Module = lazyRequire<typeof import('node:http2')>('node:http2')
// Loaded by the first listen(): an in-process mock (MSW, handle()) never needs them (issue 15, import cost).
const httpModule = lazyRequire<typeof import('node:http')>('node:http')
const netModule = lazyRequire<typeof import('node:net')>('node:net')

/** What the owner of a port gives it besides its dispatch (a mock: its WebSockets and its bookkeeping). */
export interface ListenHooks {
  /** HTTP/1.1 upgrades are handed to the engine's WebSocket surfaces; without it they get a 404. */
  websockets?: WebSocketOptions
  /** Called once the port listens, before `listen()` resolves to the same server. */
  listening?(server: RunningServer): void
  /** Called once, when `close()` is first called (before the port is freed). */
  closing?(server: RunningServer): void
}

/**
 * Listens on a port. One promise from the call to the listening server, settled by node's callbacks: the
 * owner's bookkeeping runs in `hooks.listening`, not after an `await` of its own (a mock per test, issue 15).
 */
export function listen(
  dispatch: Dispatch,
  options: ListenOptions = {},
  hooks: ListenHooks = NO_HOOKS,
): Promise<RunningServer> {
  try {
    const host = options.host ?? '127.0.0.1'
    const port = new Port(dispatch, resolveTimeouts(options), hostCheck(host), hooks)
    return port.listen(options.port ?? 0, host)
  } catch (error) {
    // Bad options reject, as they did when this function was async.
    return Promise.reject(error)
  }
}

const NO_HOOKS: ListenHooks = {}

interface Deadlines {
  sweep: DeadlineSweep
  timeouts: ConnectionTimeouts
}

/** A connection's HTTP/1.1 deadline and the port it came in on (what its requests find again). */
class Connection extends Http1Deadline {
  constructor(
    socket: Socket,
    readonly port: Port,
  ) {
    super(socket, port.timeouts, port.sweep.clock())
  }
}

/** The connection of each socket, for every port: the shared HTTP/1.1 server finds its port from it. */
const connectionOf = new WeakMap<Socket, Connection>()

/**
 * One listening port's state. A class rather than closures in `listen()`: a server per test made a dozen
 * closures and option objects per listen and two objects per connection (issue 15, per-test cost).
 */
class Port implements Deadlines {
  readonly sweep: DeadlineSweep
  readonly server: NetServer
  // Made by the first connection: a port started and stopped without one never makes it.
  #sockets: Set<Socket> | undefined
  // Made on the first upgrade request.
  #upgrades: WebSocketUpgrades | undefined
  // Made on the first h2c connection: most servers only ever see HTTP/1.1.
  #h2: Http2Server | undefined
  #closed: Promise<void> | undefined
  // What listen() resolved to, given back to the owner's `closing` hook.
  #running: RunningServer | undefined

  constructor(
    readonly dispatch: Dispatch,
    readonly timeouts: ConnectionTimeouts,
    readonly allowedHost: (req: Request1or2) => boolean,
    readonly hooks: ListenHooks,
  ) {
    this.sweep = new DeadlineSweep(sweepInterval(timeouts))
    // noDelay: http.Server sets it on sockets it accepts itself, but not on sockets handed to it; without
    // it Nagle's algorithm holds back small paced stream chunks until an ACK arrives.
    this.server = netModule().createServer({ noDelay: true }, this.#accept)
  }

  listen(port: number, host: string): Promise<RunningServer> {
    const server = this.server
    return new Promise<RunningServer>((resolve, reject) => {
      // A plain listener taken off on either outcome: `once` would wrap it in two more objects.
      const failed = (error: Error): void => {
        server.off('error', failed)
        reject(error)
      }
      server.on('error', failed)
      server.listen(port, host, () => {
        server.off('error', failed)
        try {
          this.sweep.start()
          if (!isLoopbackHost(host)) warnBeyondLoopback(host)
          const bound = (server.address() as AddressInfo).port
          const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host
          const running: RunningServer = { url: `http://${shown}:${bound}`, port: bound, close: this.close }
          this.#running = running
          this.hooks.listening?.(running)
          resolve(running)
        } catch (error) {
          reject(error)
        }
      })
    })
  }

  /**
   * A new connection goes to node's HTTP/1.1 server as one it accepted itself would (its parser reads the
   * socket natively); an h2c one moves on from there ({@link Port.h2c}). Its headers deadline, from accept,
   * also ends a connection that sends nothing. One object and a shared 'close' listener per connection.
   */
  readonly #accept = (socket: Socket): void => {
    ;(this.#sockets ??= new Set()).add(socket)
    const connection = new Connection(socket, this)
    connectionOf.set(socket, connection)
    this.sweep.add(connection)
    // 'close' comes once: `on`, not `once`, which wraps the listener in a bound function per connection.
    socket.on('close', forget)
    sharedHttp1(this.timeouts.keepAliveTimeout).emit('connection', socket)
  }

  /** A closed connection: nothing of it is kept. */
  forget(connection: Connection): void {
    this.sweep.delete(connection)
    this.#sockets?.delete(connection.socket)
  }

  /** A connection that opened with the h2c preface: moved to the HTTP/2 server, whose session has deadlines. */
  h2c(connection: Connection, error: ClientError): void {
    this.sweep.delete(connection)
    this.http2().emit('connection', leaveHttp1(connection.socket, error, forget))
  }

  /**
   * Answers every request of both servers: deadlines moved on, Host checked, then the engine's reply.
   * `connection`: an HTTP/1.1 request's. A method (the HTTP/2 server, made on the first h2c connection,
   * gets a closure then), not a closure made per listen().
   */
  handle(req: Request1or2, res: Response1or2, connection?: Connection): void {
    if ('stream' in req) trackHttp2Body(req, this)
    else connection?.requestStarted(req)
    // serve answers its own failure and ends the connection's request: no closures nor `then` per request.
    if (this.allowedHost(req)) return void serve(this.dispatch, req, res, connection, this.sweep)
    const answered = refuseHost(res)
    // One `then`, not catch + finally: two promises fewer.
    if (connection === undefined) {
      answered.then(undefined, (error: unknown) => failed(res, error))
      return
    }
    const sweep = this.sweep
    answered.then(
      () => connection.responseEnded(sweep.clock()),
      (error: unknown) => {
        try {
          failed(res, error)
        } finally {
          connection.responseEnded(sweep.clock())
        }
      },
    )
  }

  /** An HTTP/1.1 connection's upgrade request (WebSockets), from the shared HTTP/1.1 server. */
  upgrade(req: IncomingMessage, socket: Socket, head: Buffer, connection: Connection): void {
    // The connection leaves HTTP's phases: its headers deadline no longer applies.
    this.sweep.delete(connection)
    if (!this.allowedHost(req)) return refuse(socket, hostRefusal())
    const websockets = this.hooks.websockets
    if (!websockets) return refuse(socket, { status: 404, headers: {}, body: '' })
    ;(this.#upgrades ??= webSocketUpgrades(websockets)).handle(req, socket, head)
  }

  http2(): Http2Server {
    if (this.#h2) return this.#h2
    const h2 = http2Module().createServer((req, res) => this.handle(req, res))
    h2.on('session', (session) => trackSession(session, this))
    this.#h2 = h2
    return h2
  }

  /**
   * Stops accepting, then ends every connection at once (idle keep-alive ones included, so nothing waits
   * for their timeout); resolves once the port is free. One promise, made by the first call: a second
   * `close()` gets the same one.
   */
  readonly close = (): Promise<void> => {
    if (this.#closed) return this.#closed
    if (this.#running) this.hooks.closing?.(this.#running)
    const closed = this.#upgrades ? this.#upgrades.close().then(() => this.#shut()) : this.#shut()
    // The first process to compile the engine writes its code cache again now that it has run.
    const warm = pendingWarmCache()
    this.#closed = warm ? closed.then(warm) : closed
    return this.#closed
  }

  #shut(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.sweep.stop()
      // Node frees a closed server's native handle only after a later GC, and the handle holds the server:
      // without its listener the server no longer holds this port, nor the mock and engine behind it, so
      // they die young instead of surviving into the old generation (a mock per test: GC was ~30% of it).
      this.server.close(() => {
        this.server.removeListener('connection', this.#accept)
        resolve()
      })
      this.#h2?.close()
      if (this.#sockets) for (const socket of this.#sockets) socket.destroy()
    })
  }
}

/**
 * The HTTP/1.1 servers, one per keep-alive timeout, shared by every port in the process: they never listen,
 * they parse the connections ports hand them and find the port again from the socket. A server per port
 * cost an `http.Server` per test (issue 15). Made on the first HTTP/1.1 connection.
 */
const http1Servers = new Map<number, Server>()

function sharedHttp1(keepAliveTimeout: number): Server {
  let h1 = http1Servers.get(keepAliveTimeout)
  if (h1) return h1
  h1 = httpModule().createServer((req: IncomingMessage, res: ServerResponse) => {
    const connection = connectionOf.get(req.socket)
    if (connection) connection.port.handle(req, res, connection)
    else req.socket.destroy()
  })
  h1.keepAliveTimeout = finite(keepAliveTimeout)
  h1.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const connection = connectionOf.get(socket)
    if (connection) connection.port.upgrade(req, socket, head, connection)
    else socket.destroy()
  })
  h1.on('clientError', clientError)
  http1Servers.set(keepAliveTimeout, h1)
  return h1
}

/** A reply that could not be served: a 500 naming the failure (the server itself never goes down). */
function failed(res: Response1or2, error: unknown): void {
  if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
  res.end(
    JSON.stringify({
      error: { message: `standin failed: ${(error as Error).message}`, type: 'server_error' },
    }),
  )
}

/**
 * A connection's one 'close' listener, shared by all (`this` is the socket). A closed socket outlives its
 * close: node frees its handle, which holds it, only on a full GC. Its entries would keep the port (and the
 * mock and engine behind it) alive until then, into the old generation (a mock per test: most of its GC
 * time). Forgotten at close, the mock dies young.
 */
function forget(this: Socket): void {
  const connection = connectionOf.get(this)
  if (connection === undefined) return
  connectionOf.delete(this)
  connection.port.forget(connection)
}

/** What node's HTTP/1.1 parser could not read: the h2c preface moves to HTTP/2, anything else is refused. */
function clientError(error: ClientError, socket: Duplex): void {
  const connection = connectionOf.get(socket as Socket)
  if (connection !== undefined && isH2cPreface(error, connection.socket))
    return connection.port.h2c(connection, error)
  answerClientError(socket, error, connection?.answering ?? false)
}

/** Node's http server takes 0 for "never", not Infinity. */
function finite(ms: number): number {
  return Number.isFinite(ms) ? ms : 0
}

export type Request1or2 = IncomingMessage | Http2ServerRequest
export type Response1or2 = ServerResponse | Http2ServerResponse

/**
 * Writes the engine's reply; a failure is answered with a 500 ({@link failed}). Once done, the HTTP/1.1
 * connection's request has ended (its keep-alive deadline starts).
 */
async function serve(
  dispatch: Dispatch,
  req: Request1or2,
  res: Response1or2,
  connection: Http1Deadline | undefined,
  sweep: DeadlineSweep,
): Promise<void> {
  try {
    const incoming = new NodeIncoming(req, res)
    const reply = await dispatch(incoming)
    if (reply.cut) return await cutConnection(req)
    const body = reply.body
    if (body === null || typeof body === 'string' || body instanceof Uint8Array) {
      // A known length lets node write head and body at once instead of chunked encoding.
      const length = body === null ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength
      if (reply.status !== 204) reply.headers['content-length'] = String(length)
      ;(res as ServerResponse).writeHead(reply.status, reply.headers)
      ;(res as ServerResponse).end(body ?? undefined)
      return
    }
    ;(res as ServerResponse).writeHead(reply.status, reply.headers)
    if ('flushHeaders' in res) res.flushHeaders()
    const aborted = incoming.signal
    try {
      for await (const chunk of body) {
        if (aborted.aborted) break
        if (!(res as ServerResponse).write(chunk))
          await new Promise<void>((resolve) => res.once('drain', resolve))
      }
    } catch (error) {
      if (error instanceof ConnectionCut) return await cutConnection(req)
      throw error
    }
    res.end()
  } catch (error) {
    failed(res, error)
  } finally {
    connection?.responseEnded(sweep.clock())
  }
}

/**
 * Ends the exchange with no clean end: HTTP/1 destroys the socket once what was written has left it (an
 * empty write's callback comes after every earlier write) and a client in this process has had an event-loop
 * turn to read it, so the client gets those chunks and then a broken message; HTTP/2 resets only this stream.
 */
async function cutConnection(req: Request1or2): Promise<void> {
  if ('stream' in req) {
    // A reset is sent before DATA still queued, which it discards: wait for an empty write's callback,
    // which comes once every earlier write has reached the socket.
    const stream = req.stream
    if (!stream.destroyed && stream.headersSent)
      await new Promise<void>((resolve) => stream.write('', () => resolve()))
    return void stream.close(http2Module().constants.NGHTTP2_INTERNAL_ERROR)
  }
  const socket = req.socket
  if (socket.writableLength > 0 && !socket.destroyed)
    await new Promise<void>((resolve) => socket.write('', () => resolve()))
  // fetch (undici) errors a body stream on the close and drops the chunks it holds that were not read yet. A
  // client in this process (a mock in a test) would get the last chunks and the close in one read: on Node 22+
  // the SDK then saw none of them. An immediate queued from an immediate runs after the next I/O poll, where
  // the client reads what was sent before the close comes.
  await new Promise<void>((resolve) => setImmediate(setImmediate, resolve))
  socket.destroy()
}

/**
 * The engine's view of a node request. A class, not an object literal: a getter in a literal evaluated per
 * request gives every request object its own hidden class, which tripled the GC time under load.
 */
class NodeIncoming implements Incoming {
  readonly method: string
  readonly pathname: string
  readonly search: string
  readonly headers: HeaderReader
  #url: URL | undefined
  #aborter: AbortController | undefined

  constructor(
    private readonly req: Request1or2,
    private readonly res: Response1or2,
  ) {
    this.method = req.method ?? 'GET'
    const target = req.url ?? '/'
    const query = target.indexOf('?')
    if (isPlainTarget(target, query)) {
      // What `new URL` would give for this target (see isPlainTarget): no URL made.
      this.pathname = query < 0 ? target : target.slice(0, query)
      this.search = query < 0 || query === target.length - 1 ? '' : target.slice(query)
    } else {
      const url = requestUrl(req)
      this.#url = url
      this.pathname = url.pathname
      this.search = url.search
    }
    this.headers = new NodeHeaders(req.headers)
  }

  /** Made on first use: the engine routes on `pathname` and `search`; few surfaces read the URL itself. */
  get url(): URL {
    return (this.#url ??= requestUrl(this.req))
  }

  /** Made on first use: most replies never wait, so most requests never need it. */
  get signal(): AbortSignal {
    if (!this.#aborter) {
      const controller = new AbortController()
      this.#aborter = controller
      const res = this.res
      res.once('close', () => {
        if (!res.writableFinished) controller.abort()
      })
    }
    return this.#aborter.signal
  }

  headerEntries(): Iterable<[string, string]> {
    // One loop, no intermediate arrays: every journaled request reads them.
    const headers = this.req.headers
    const out: [string, string][] = []
    for (const name of Object.keys(headers)) {
      if (name.charCodeAt(0) === 58 /* : an HTTP/2 pseudo-header */) continue
      const value = headers[name]
      out.push([name, Array.isArray(value) ? value.join(', ') : (value ?? '')])
    }
    return out
  }

  headerRecord(): ReturnType<NonNullable<Incoming['headerRecord']>> {
    return this.req.headers
  }

  text(limit: number): Promise<string> {
    return readBody(this.req, limit)
  }
}

class NodeHeaders implements HeaderReader {
  constructor(private readonly headers: IncomingMessage['headers']) {}

  get(name: string): string | null {
    const value = this.headers[name]
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value
  }
}

function readBody(req: Request1or2, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // Most bodies come in one chunk: an array (and its backing store) is made only for a second one.
    let first: Buffer | undefined
    let more: Buffer[] | undefined
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.removeAllListeners('data')
        req.resume()
        reject(new BodyTooLargeError(limit))
        return
      }
      if (first === undefined) first = chunk
      else (more ??= [first]).push(chunk)
    })
    req.on('end', () =>
      resolve(
        more !== undefined
          ? Buffer.concat(more).toString('utf8')
          : first === undefined
            ? ''
            : first.toString('utf8'),
      ),
    )
    req.on('error', reject)
  })
}

/**
 * A request target whose path and query `new URL` keeps as they are: a path of characters the URL parser
 * neither escapes nor rewrites (no `%`, `\\`, spaces, non-ASCII...), not starting `//`, with no `.` or `..`
 * segment, and a query of characters it does not escape (and no fragment).
 */
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/
const PLAIN_QUERY = /^[^?]*\?[A-Za-z0-9\-._~!$&()*+,;=:@/?%]*$/

/** The last target found plain: a client sends the same few again and again (one comparison, no regex). */
let lastPlain = ''

/** True when `new URL(target, base)` keeps the target's path and query as they are; `query`: its first `?`. */
export function isPlainTarget(target: string, query = target.indexOf('?')): boolean {
  if (target === lastPlain) return true
  const path = query < 0 ? target : target.slice(0, query)
  const plain = PLAIN_PATH.test(path) && !DOT_SEGMENT.test(path) && (query < 0 || PLAIN_QUERY.test(target))
  if (plain) lastPlain = target
  return plain
}

function requestUrl(req: Request1or2): URL {
  try {
    const host = req.headers.host ?? req.headers[':authority'] ?? 'localhost'
    return new URL(req.url ?? '/', `http://${host}`)
  } catch {
    return new URL(req.url ?? '/', 'http://localhost')
  }
}
