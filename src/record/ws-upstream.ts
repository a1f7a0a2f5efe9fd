/**
 * Record mode for WebSocket turns. A WebSocket session is stateful (a Realtime session's items, a Live
 * session's setup), so a turn cannot be forwarded on its own: each client connection that needs the upstream
 * gets one upstream connection, opened on its first turn no fixture answers, and the upstream is given the
 * connection's client frames in order (session setup and updates, items, audio, each turn's request).
 *
 * - A frame that asked for a turn standin answered itself (from a fixture) is sent too, and the upstream's
 *   answer to it is waited for and dropped, so the upstream's conversation has every turn.
 * - The turn being recorded: the upstream's server events up to the one that ends the turn are read back
 *   into a canonical result by the surface's {@link WsRecording} reader, written as a fixture in the HTTP
 *   recorder's format and place (matched by the turn's last user text or transcript, turn index, tool
 *   results, model), and the client is answered from it by the surface, exactly as replay will answer it.
 * - A failure (refused, unreachable, closed or erroring mid-turn, too slow, unreadable) answers the turn with
 *   the provider's error, lands in `mock.recordings.problems`, and drops the upstream connection: the next
 *   turn that needs it opens a new one and sends the whole conversation again.
 * @module
 */
import type { ChatRequest } from '../canonical'
import type { Incoming } from '../core/reply'
import { fixtureSchemas, type FixtureResponse, type ParsedFixtureResponse } from '../fixtures/schema'
import type { JournalResponse, UpstreamNote } from '../journal/journal'
import { redactPath } from '../security/redact'
import { SESSION_PROTOCOL_PREFIX, type WebSocketSurface } from '../websocket/surface'
import { credentialValues, forwardedHeaders, injectKey } from './forward'
import { FORWARDED_HEADER, type Recorder } from './recorder'
import { chatResponse, type RecordedTimings } from './recorded-entry'
import { joinUpstream, recordProvider, regionalDefault, upstreamBase, upstreamEnvName } from './upstreams'
import { lazyRequire } from '../core/lazy-require'

// `ws` loads on the first recorded turn, not at import. A require, not `import()`: the engine runs from a
// V8 code cache, where `import()` has no loader (src/loader/compile-cache.ts).
const wsModule = lazyRequire<typeof import('ws')>('ws')

/** One client frame as the connection received it; `turn` when it asked for a model turn. */
export interface ClientFrame {
  data: string | Uint8Array
  binary: boolean
  turn: boolean
}

export interface WsUpstreamInput {
  recorder: Recorder
  surface: WebSocketSurface
  incoming: Incoming
  /** The upgrade's URL as received (its query goes upstream: `model=`, Gemini's `key=`). */
  url: URL
  /** The path after the session prefix. */
  pathname: string
  /** The journal's path (redacted), for problems. */
  path: string
  session: string
  protocols: readonly string[]
  /** The connection's client frames so far, in order (the connection appends to it). */
  frames: ClientFrame[]
}

/** What the upstream made of a turn. */
export type ForwardedTurn =
  | { kind: 'recorded'; response: ParsedFixtureResponse; note: UpstreamNote }
  | { kind: 'failed'; message: string; note: UpstreamNote }

/** Handshake headers `ws` writes itself. */
const HANDSHAKE = [
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  'sec-websocket-protocol',
]

/** OpenAI's browser clients carry their key as a subprotocol. */
const KEY_PROTOCOL = 'openai-insecure-api-key.'

export class WsUpstream {
  readonly #input: WsUpstreamInput
  #socket: UpstreamSocket | undefined
  /** How many of the connection's frames the current upstream connection was sent. */
  #sent = 0

  constructor(input: WsUpstreamInput) {
    this.#input = input
  }

  /** Asks the upstream for the turn `trigger` asked for, and records its answer. */
  async forward(request: ChatRequest, trigger: ClientFrame): Promise<ForwardedTurn> {
    const { recorder, surface, incoming } = this.#input
    const note: UpstreamNote = { mode: recorder.mode, url: '', status: 0 }
    const fail = (why: string): ForwardedTurn => {
      note.error = why
      recorder.problem({ method: 'WS', path: this.#input.path }, why)
      return { kind: 'failed', message: `standin record: ${why}`, note }
    }
    const provider = recordProvider(surface.provider)
    const reader = surface.record
    if (!provider || !reader) return fail(`${surface.id} turns cannot be recorded`)
    if (incoming.headers.get(FORWARDED_HEADER))
      return fail('the connection standin opened upstream came back to a mock: check the upstream URL')
    const base =
      upstreamBase(provider, recorder.options.upstreams) ??
      regionalDefault(provider, this.#input.pathname, incoming.headers.get('authorization'))
    if (!base)
      return fail(
        `no upstream for ${provider}: pass --provider-${provider} <url> or set ${upstreamEnvName(provider)}`,
      )
    // Gemini's SDK doubles the path's slash (`//ws/...`); the service's path has one.
    const path = this.#input.pathname.replace(/^\/+/, '/')
    const url = joinUpstream(base, path + this.#input.url.search)
    url.protocol = url.protocol === 'https:' ? 'wss:' : url.protocol === 'http:' ? 'ws:' : url.protocol
    const headers = forwardedHeaders(incoming.headerEntries())
    for (const name of HANDSHAKE) headers.delete(name)
    headers.set(FORWARDED_HEADER, '1')
    const key = recorder.options.keys[provider] ?? process.env[`${upstreamEnvName(provider)}_KEY`]?.trim()
    if (key) injectKey(provider, headers, url, key)
    const protocols = this.#input.protocols.filter((p) => !p.startsWith(SESSION_PROTOCOL_PREFIX))
    const secrets = credentialValues(headers, url, [
      ...(key ? [key] : []),
      ...protocols.filter((p) => p.startsWith(KEY_PROTOCOL)).map((p) => p.slice(KEY_PROTOCOL.length)),
    ])
    note.url = redactPath(url.origin + url.pathname + url.search)
    const deadline = performance.now() + recorder.options.timeoutMs
    let events: unknown[]
    let timings: RecordedTimings | undefined
    try {
      this.#socket ??= await UpstreamSocket.open(url, protocols, headers, recorder.options.timeoutMs)
      note.status = 101
      ;({ events, timings } = await this.#relay(trigger, reader.ends, deadline))
    } catch (error) {
      this.close()
      return fail(`the upstream ${(error as Error).message} (${note.url})`)
    }
    let response: FixtureResponse
    try {
      response = chatResponse(reader.read(events))
    } catch (error) {
      return fail(`the upstream's answer could not be read: ${(error as Error).message} (${note.url})`)
    }
    const journal: JournalResponse = { status: 200, stream: true, upstream: note }
    await recorder.recordTurn({
      session: this.#input.session,
      method: 'WS',
      path: this.#input.path,
      provider: surface.provider,
      request,
      response,
      ...(timings ? { timings } : {}),
      secrets,
      note,
      journal,
    })
    return { kind: 'recorded', response: fixtureSchemas().responseSchema.parse(response), note }
  }

  /** Sends the frames the upstream has not had, waiting out earlier turns; returns the trigger's turn. */
  async #relay(
    trigger: ClientFrame,
    ends: (event: unknown) => boolean,
    deadline: number,
  ): Promise<{ events: unknown[]; timings?: RecordedTimings }> {
    const socket = this.#socket!
    const frames = this.#input.frames
    while (this.#sent < frames.length) {
      const frame = frames[this.#sent++]!
      if (frame !== trigger) {
        socket.send(frame)
        if (frame.turn) while (!ends(await socket.next(deadline)));
        continue
      }
      // What the upstream said to the frames before this one is not the turn's.
      socket.drop()
      const started = performance.now()
      socket.send(frame)
      const events: unknown[] = []
      const times: number[] = []
      for (;;) {
        const event = await socket.next(deadline)
        events.push(event)
        times.push(performance.now())
        if (ends(event)) break
      }
      return {
        events,
        timings: {
          ttftMs: times[0]! - started,
          interChunkDelaysMs: times.slice(1).map((time, index) => time - times[index]!),
          totalDurationMs: times[times.length - 1]! - started,
        },
      }
    }
    throw new Error('the turn was asked for by no client frame standin holds')
  }

  /** Closes the upstream connection (the client's closed, or a turn failed). */
  close(): void {
    this.#socket?.close()
    this.#socket = undefined
    this.#sent = 0
  }
}

/** The upstream connection: its server events queued as they arrive (JSON, text or binary frames). */
class UpstreamSocket {
  readonly #socket: import('ws').WebSocket
  readonly #events: unknown[] = []
  #ended: string | undefined
  #wake: () => void = () => undefined

  private constructor(socket: import('ws').WebSocket) {
    this.#socket = socket
    socket.on('message', (data, binary) => {
      const text = Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : Buffer.from(data).toString('utf8')
      let event: unknown
      try {
        event = JSON.parse(text)
      } catch {
        event = binary ? undefined : text
      }
      this.#events.push(event)
      this.#wake()
    })
    socket.on('close', (code, reason) => {
      const why = reason.toString('utf8')
      this.#ended ??= `closed the connection mid-turn (${code}${why ? `: ${why}` : ''})`
      this.#wake()
    })
    socket.on('error', (error) => {
      this.#ended ??= error.message
      this.#wake()
    })
  }

  static async open(
    url: URL,
    protocols: string[],
    headers: Map<string, string>,
    timeoutMs: number,
  ): Promise<UpstreamSocket> {
    const { WebSocket } = wsModule()
    const socket = new WebSocket(url, protocols, {
      headers: Object.fromEntries(headers),
      handshakeTimeout: timeoutMs,
      perMessageDeflate: false,
      followRedirects: false,
    })
    // Errors after the first (a refused handshake's socket torn down) must not crash the process.
    socket.on('error', () => undefined)
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('unexpected-response', (request, response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body = (body + chunk).slice(0, 300)))
        response.on('end', () => {
          request.destroy()
          reject(new Error(`refused the connection: HTTP ${response.statusCode}${body ? ` ${body}` : ''}`))
        })
        response.on('error', () => undefined)
      })
      socket.once('error', (error) => reject(new Error(`could not be reached: ${describe(error)}`)))
      socket.once('close', (code) => reject(new Error(`closed the connection before it opened (${code})`)))
    })
    socket.removeAllListeners()
    socket.on('error', () => undefined)
    return new UpstreamSocket(socket)
  }

  send(frame: ClientFrame): void {
    if (this.#ended) return
    this.#socket.send(frame.data, { binary: frame.binary })
  }

  /** Forgets the events received so far. */
  drop(): void {
    this.#events.length = 0
  }

  /** The next server event; throws once the connection ended or the deadline passed. */
  async next(deadline: number): Promise<unknown> {
    for (;;) {
      if (this.#events.length > 0) return this.#events.shift()
      if (this.#ended) throw new Error(this.#ended)
      const wait = deadline - performance.now()
      if (wait <= 0) throw new Error('did not end the turn in time (record.timeoutMs)')
      let timer: NodeJS.Timeout | undefined
      await new Promise<void>((resolve) => {
        this.#wake = resolve
        timer = setTimeout(resolve, wait)
      })
      clearTimeout(timer)
    }
  }

  close(): void {
    this.#ended ??= 'closed'
    this.#socket.removeAllListeners('close')
    this.#socket.on('error', () => undefined)
    if (this.#socket.readyState <= 1) this.#socket.close(1000)
  }
}

function describe(error: Error): string {
  return (error as { code?: string }).code ?? error.message
}
