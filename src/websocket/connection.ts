/**
 * One accepted WebSocket as the engine holds it: the {@link WsConnection} its surface is given, and the
 * {@link WsPeer} its transport feeds. Frames reach the surface one at a time, in order; a surface that
 * throws leaves the socket open and the server unharmed.
 * @module
 */
import type { ChatRequest } from '../canonical'
import type { Incoming } from '../core/reply'
import type { Engine } from '../engine/engine'
import { Exchange } from '../engine/exchange'
import { forwards } from '../record/modes'
import type { ClientFrame, ForwardedTurn, WsUpstream } from '../record/ws-upstream'
import type { Session } from '../sessions/session'
import type { UpgradeRequest, WsPeer, WsSocket } from './socket'
import type {
  WebSocketSurface,
  WsConnection,
  WsHandler,
  WsTurn,
  WsTurnOptions,
  WsTurnRequest,
} from './surface'
import { WS_CLOSE } from './surface'
import { answerTurn } from './turn'

export interface WsSessionInput {
  engine: Engine
  surface: WebSocketSurface
  session: Session
  /** The upgrade request as the engine's request (its headers carry a subprotocol key as a bearer token). */
  incoming: Incoming
  /** Path and query after the session prefix, redacted: the journal's path. */
  path: string
  /** The path after the session prefix, without the query. */
  pathname: string
  request: UpgradeRequest
  socket: WsSocket
}

/** A turn that chaos made malformed: its first frame goes as sent, the second cut short, the rest not at all. */
interface Malformed {
  sent: number
}

export class WsSession implements WsConnection {
  readonly url: URL
  readonly path: string
  readonly headers: Incoming['headers']
  readonly session: string
  readonly strict: boolean
  readonly protocols: readonly string[]
  readonly memory: Map<string, unknown>
  readonly #aborter = new AbortController()
  readonly #input: WsSessionInput
  #malformed: Malformed | undefined
  #closed = false
  /** Record mode: the client frames so far (what an upstream is given), the one being handled, the upstream. */
  #frames: ClientFrame[] | undefined
  #frameBytes = 0
  #current: ClientFrame | undefined
  #upstream: WsUpstream | undefined

  constructor(input: WsSessionInput) {
    this.#input = input
    this.url = input.request.url
    this.path = input.pathname
    this.headers = input.incoming.headers
    this.session = input.session.id
    this.protocols = input.request.protocols
    this.memory = input.session.memory(input.surface.provider)
    this.strict = new Exchange(input.engine, input.incoming, input.path, input.session).strict()
    const recorder = input.engine.recorder
    if (recorder && forwards(recorder.mode) && input.surface.record) this.#frames = []
  }

  get signal(): AbortSignal {
    return this.#aborter.signal
  }

  async send(event: unknown): Promise<void> {
    const socket = this.#input.socket
    if (this.#closed || !socket.open) return
    const text = JSON.stringify(event)
    const malformed = this.#malformed
    if (!malformed) return socket.send(text)
    if (malformed.sent++ === 0) return socket.send(text)
    if (malformed.sent === 2) return socket.send(text.slice(0, Math.max(1, Math.floor(text.length / 2))))
  }

  close(code: number, reason?: string): void {
    if (this.#closed) return
    this.#input.socket.close(code, reason)
  }

  now(): number {
    return this.#input.engine.ids.now()
  }

  id(prefix: string): string {
    return this.#input.engine.ids.id(prefix)
  }

  turn(request: WsTurnRequest, options: WsTurnOptions = {}): Promise<WsTurn> {
    this.#malformed = undefined
    const { engine, surface, session, incoming, path, socket } = this.#input
    this.#input.session.lastUsed = Date.now()
    const trigger = this.#current
    if (trigger) trigger.turn = true
    return answerTurn({
      ...(trigger ? { forward: (turn) => this.#forward(turn, trigger) } : {}),
      engine,
      surface,
      session,
      incoming,
      path,
      request,
      body: options.body ?? '',
      signal: options.signal ? AbortSignal.any([options.signal, this.signal]) : this.signal,
      cut: () => this.#cut(),
      malformed: () => (this.#malformed = { sent: 0 }),
      socket,
    })
  }

  /** Record mode: the upstream answers the turn (the upstream connection opens on the first such turn). */
  async #forward(request: ChatRequest, trigger: ClientFrame): Promise<ForwardedTurn> {
    const { engine, surface, incoming, path, socket } = this.#input
    const recorder = engine.recorder!
    const note = { mode: recorder.mode, url: '', status: 0 }
    if (this.#frameBytes > recorder.options.maxBytes) {
      const why = `the connection's frames are over maxBytes (${recorder.options.maxBytes}): not forwarded`
      recorder.problem({ method: 'WS', path }, why)
      return { kind: 'failed', message: `standin record: ${why}`, note: { ...note, error: why } }
    }
    const { WsUpstream } = await import('../record/ws-upstream')
    this.#upstream ??= new WsUpstream({
      recorder,
      surface,
      incoming,
      url: this.url,
      pathname: this.path,
      path,
      session: this.session,
      protocols: this.protocols,
      frames: this.#frames!,
    })
    if (!socket.open) return { kind: 'failed', message: 'standin record: the client went away', note }
    return this.#upstream.forward(request, trigger)
  }

  /** Record mode keeps the client's frames (up to maxBytes) for the upstream. */
  #log(data: string | Uint8Array, binary: boolean): void {
    const frames = this.#frames
    if (!frames) return
    this.#frameBytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length
    if (this.#frameBytes > this.#input.engine.recorder!.options.maxBytes) {
      // Not kept: a turn it asks for is refused upstream with the reason.
      this.#current = { data: '', binary: false, turn: false }
      return
    }
    this.#current = { data, binary, turn: false }
    frames.push(this.#current)
  }

  /** Chaos `disconnect` and stream cut-offs: once what was sent has left, the socket is cut (1006). */
  #cut(): void {
    this.#closed = true
    this.#input.socket.terminate()
  }

  /** What the transport feeds: the surface's handler, reached once it is made, frames one at a time. */
  peer(): WsPeer {
    let queue: Promise<unknown> = Promise.resolve()
    const handler: Promise<WsHandler | undefined> = Promise.resolve()
      .then(() => this.#input.surface.connect(this))
      .catch(() => {
        this.close(WS_CLOSE.internalError, 'standin: the WebSocket surface failed to start')
        return undefined
      })
    return {
      message: (data, binary) => {
        queue = queue.then(async () => {
          const h = await handler
          if (!h || this.#closed) return
          this.#log(data, binary)
          try {
            await h.message(data, binary)
          } catch {
            // The surface answers bad input with its own error event; a throw only ends this frame.
          }
        })
      },
      closed: (code) => {
        this.#closed = true
        this.#aborter.abort()
        this.#upstream?.close()
        void handler.then((h) => h?.closed?.(code)).catch(() => undefined)
      },
    }
  }
}
