/**
 * The WebSocket surface contract: what a provider's WebSocket API (OpenAI Realtime, Responses over
 * WebSocket, Gemini Live) implements, and what the engine gives each accepted connection. A surface holds
 * only wire format (its client and server events); fixture selection, sessions, the journal, strictness,
 * chaos and pacing are the engine's, reached through {@link WsConnection.turn}.
 * @see ../../docs/websocket.md
 * @module
 */
import type { ChatRequest, ChatResult, StreamEvent } from '../canonical'
import type { HeaderReader } from '../core/reply'
import type { DecodedChatResult } from '../providers/provider'

/** A provider's WebSocket API, served on the upgrade of one of its {@link paths}. */
export interface WebSocketSurface {
  kind: 'websocket'
  /** Names the surface in the journal (`entry.surface`): `openai.realtime`, `gemini.live`. */
  id: string
  /** The provider family (`entry.provider`, and the key of the session memory it is given): `openai`. */
  provider: string
  /**
   * Exact paths the upgrade request matches, after any `/_s/<id>` session prefix, query ignored
   * (e.g. `/v1/realtime`). A path with a doubled slash is matched as written (Gemini Live's SDK sends `//ws/...`).
   */
  paths: readonly string[]
  /** Id prefixes of the turns' results (`result.id`, tool call ids); default `resp_` and `call_`. */
  idPrefixes?: { response: string; toolCall: string }
  /**
   * The subprotocol to accept from those the client offered (a browser `WebSocket` whose server picks none
   * fails the handshake), or undefined for none. Standin's own `standin-session.<id>` is never picked.
   */
  protocol?(offered: readonly string[]): string | undefined
  /** Called once per accepted connection; returns the handler of its frames. */
  connect(connection: WsConnection): WsHandler | Promise<WsHandler>
  /** How record mode reads an upstream's answer to one turn back; without it, turns are not recorded. */
  record?: WsRecording
}

/**
 * Record mode's reader of the upstream's server events (the inverse of the surface's own events): which
 * event ends a turn, and the turn's events as a canonical result.
 */
export interface WsRecording {
  /** True for the server event that ends a turn: its answer complete, or the error that ends it. */
  ends(event: unknown): boolean
  /**
   * One turn's server events (parsed JSON, in order, the ending one last) as a canonical result. Throws a
   * plain Error with the upstream's message when they end in an error.
   */
  read(events: unknown[]): DecodedChatResult
}

/** One connection's frames, as the surface handles them. */
export interface WsHandler {
  /**
   * One client frame: text, or binary (`binary` true, `data` a Uint8Array). Frames are handled one at a
   * time, in order: the next is not delivered before the promise returned for this one settles. A throw or
   * rejection is logged nowhere and sends nothing (answer bad input with the provider's error event through
   * {@link WsConnection.send}); the connection stays open.
   */
  message(data: string | Uint8Array, binary: boolean): void | Promise<void>
  /** The socket closed (`code` as received or sent; 1006 when it was cut). */
  closed?(code: number): void
}

/** What the engine gives a surface for one accepted connection. */
export interface WsConnection {
  /** The upgrade request's URL (session prefix included, as received). */
  readonly url: URL
  /** The path after any session prefix, without the query. */
  readonly path: string
  /** The upgrade request's headers. */
  readonly headers: HeaderReader
  /** The standin session of this connection (path prefix, `x-standin-session`, subprotocol, or fallback). */
  readonly session: string
  /** Strict mode for this connection: the mock's, unless the upgrade's `x-standin-strict` says. */
  readonly strict: boolean
  /** The `Sec-WebSocket-Protocol` values the client offered (browsers carry credentials this way). */
  readonly protocols: readonly string[]
  /** Aborted when the socket closes. */
  readonly signal: AbortSignal
  /** State this provider keeps for the session (cleared with it). */
  readonly memory: Map<string, unknown>
  /**
   * Sends one JSON text frame; resolves once written. A no-op once the socket is closing or closed. During
   * a turn that chaos made `malformed`, the second frame of the turn is sent cut short (not valid JSON) and
   * the turn's later frames are not sent.
   */
  send(event: unknown): Promise<void>
  /** Closes the socket with a close frame (see {@link WS_CLOSE} for the codes standin uses). */
  close(code: number, reason?: string): void
  /** Unix seconds (a seeded mock counts from a fixed epoch). */
  now(): number
  /** `prefix` + 24 characters, reproducible on a seeded mock. */
  id(prefix: string): string
  /**
   * One model turn, answered as HTTP answers a chat request: fixture selection over the session's, the
   * mock's run-time and loaded fixtures (sequences, turns, loop guard, strictness); the turn journaled as a
   * canonical chat request in this session (every matcher works on it); chaos decided once (seeded, per
   * session); the answer's canonical stream events paced by the fixture's options or the streaming profile,
   * and cut as its cut-offs say (the events iterator ends the turn early and the socket is cut, code 1006 at
   * the client). `options.signal` stops the pacing (a cancelled response).
   */
  turn(request: WsTurnRequest, options?: WsTurnOptions): Promise<WsTurn>
}

/** A turn's canonical request: what the surface decoded, without `surface`/`provider` (the engine stamps them). */
export type WsTurnRequest = Omit<ChatRequest, 'surface' | 'provider'>

export interface WsTurnOptions {
  /** Aborting it ends the events iterator at once (the client cancelled the response). */
  signal?: AbortSignal
  /** The raw client frame(s) that asked for the turn, kept as the journal entry's body. */
  body?: string
}

/** What a turn answered. */
export type WsTurn =
  /** A fixture's answer: send its events (already paced; the iterator ends early when the turn is cut). */
  | {
      kind: 'chat'
      result: ChatResult
      events: AsyncIterable<StreamEvent>
      fixture: { id: string; source: string }
      /** With `rateLimits` on: the quotas after this turn was counted (Realtime's `rate_limits.updated`). */
      rateLimits?: WsRateLimit[]
    }
  /**
   * A fixture's error, chaos `drop` (code `chaos_drop`), or a quota's refusal (`rateLimited`, status 429,
   * code `rate_limit_exceeded`): send the provider's error event.
   */
  | {
      kind: 'error'
      status: number
      message: string
      type?: string
      code?: string
      /** The quota spent, when `rateLimits` refused the turn. */
      rateLimited?: 'requests' | 'tokens'
      /** Seconds until the quota's window ends (a refused turn). */
      retryAfter?: number
    }
  /**
   * No fixture matched. Send the provider's error event; when {@link WsConnection.strict}, then close with
   * {@link WS_CLOSE.strictMiss}.
   */
  | { kind: 'miss'; message: string }
  /** Chaos `disconnect`: the socket is already cut; send nothing. */
  | { kind: 'closed' }

/** One quota as a turn left it, in the units of Realtime's `rate_limits.updated`. */
export interface WsRateLimit {
  name: 'requests' | 'tokens'
  limit: number
  remaining: number
  /** Seconds until the window resets. */
  reset_seconds: number
}

/** The close codes standin sends (documented in docs/websocket.md). */
export const WS_CLOSE = {
  /** The mock is stopping (`mock.stop()`, `close()` of a listening server). */
  goingAway: 1001,
  /** A strict miss, after the provider's error event. */
  strictMiss: 1008,
  /** A frame larger than the mock's `bodyLimit`. */
  tooBig: 1009,
  /** The surface failed unexpectedly. */
  internalError: 1011,
} as const

/** The subprotocol that names a session for clients that cannot set headers (browsers): `standin-session.<id>`. */
export const SESSION_PROTOCOL_PREFIX = 'standin-session.'
