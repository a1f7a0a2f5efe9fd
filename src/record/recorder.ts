/**
 * Record & replay on the engine's `onMiss` seam. A miss (in a mode that forwards) goes to the provider's
 * upstream; its answer is relayed to the client as it arrives (a stream stays a stream, with the
 * upstream's status and headers), then collapsed by the surface's response decoder into a fixture that is
 * added in memory (the next identical request matches it) and written to disk, scrubbed and atomically.
 *
 * Where a recording lands: the file a session was given (`useRecording`, one per test in the runners),
 * else `<dir>/<provider>-<words>-<hash>.json` (the CLI's `<first fixtures dir>/recorded/`).
 * @module
 */
import { dirname, join, relative, resolve, sep } from 'node:path'
import type { ChatRequest, ErrorResult } from '../canonical'
import { jsonReply, type HeaderReader, type Reply } from '../core/reply'
import { registerEntry } from '../core/register'
import type { Engine } from '../engine/engine'
import type { SeamContext, SeamReply } from '../engine/seams'
import { type FixtureEntry, type FixtureResponse, fixtureSchemas } from '../fixtures/schema'
import type { Fixture } from '../fixtures/fixture'
import type { JournalResponse, UpstreamNote } from '../journal/journal'
import type { FixtureStore } from '../matching/fixture-store'
import { redactPath } from '../security/redact'
import type { Framing } from '../streaming/framing'
import { RecordingFile, recordingFileName } from './files'
import { credentialValues, forwardedHeaders, injectKey, relayedHeaders, resignForUpstream } from './forward'
import { forwards, recordModeFromEnv, replaysRecordings, writes, type RecordMode } from './modes'
import {
  chatResponse,
  embeddingResponse,
  errorResponse,
  recordedEntry,
  type RecordedTimings,
} from './recorded-entry'
import {
  recordProvider,
  regionalDefault,
  joinUpstream,
  upstreamBase,
  upstreamEnvName,
  type RecordProvider,
  type Upstreams,
} from './upstreams'

/** Record & replay options (`createStandin({ record })`); every field is optional. */
export interface RecordOptions {
  /**
   * `missing` (record what no fixture answers), `all` (re-record), `live` (forward, write nothing) or
   * `replay` (never forward). `STANDIN_RECORD` overrides it. Default when record options are given:
   * `missing`.
   */
  mode?: RecordMode
  /** Upstream base URLs by provider (default: `STANDIN_UPSTREAM_<PROVIDER>`, else the public API). */
  upstreams?: Upstreams
  /**
   * Keys sent upstream instead of the client's, in the provider's scheme (default:
   * `STANDIN_UPSTREAM_<PROVIDER>_KEY`), so tests can keep a dummy key. Never written anywhere.
   */
  keys?: Partial<Record<RecordProvider, string>>
  /** Where recordings made outside a test land (default `<first fixtures dir>/recorded`, else `./fixtures/recorded`). */
  dir?: string
  /** Records upstream errors (4xx/5xx) as error fixtures too. Off by default: they are relayed only. */
  recordErrors?: boolean
  /** Milliseconds to wait for the upstream's response headers (default 60,000). */
  timeoutMs?: number
  /** Answers bigger than this are relayed but not recorded (default 64 MiB). */
  maxBytes?: number
  /**
   * The fetch that reaches upstreams. Default: the global `fetch` as it was when standin was loaded, so a
   * mock behind MSW (which replaces the global in `listen()`) does not intercept its own upstream calls.
   */
  fetch?: typeof fetch
}

/** The record options with the environment applied: the mode to run in and every setting resolved. */
export interface ResolvedRecordOptions {
  mode: RecordMode
  upstreams: Upstreams
  keys: Partial<Record<RecordProvider, string>>
  dir: string
  recordErrors: boolean
  timeoutMs: number
  maxBytes: number
  fetch: typeof fetch
}

/** The global fetch when standin loaded: before MSW (or anything else) replaced it, in the usual order. */
const NATIVE_FETCH: typeof fetch = globalThis.fetch

export function resolveRecordOptions(
  options: RecordOptions | boolean | undefined,
  firstFixtureDir: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedRecordOptions {
  const fromEnv = recordModeFromEnv(env)
  if (options === undefined || options === false)
    return defaultRecordOptions(fromEnv ?? 'replay', firstFixtureDir)
  const given = typeof options === 'object' ? options : {}
  return {
    mode: fromEnv ?? given.mode ?? 'missing',
    upstreams: given.upstreams ?? {},
    keys: given.keys ?? {},
    dir: recordDir(given.dir, firstFixtureDir),
    recordErrors: given.recordErrors ?? false,
    timeoutMs: given.timeoutMs ?? 60_000,
    maxBytes: given.maxBytes ?? 64 * 1024 * 1024,
    fetch: given.fetch ?? NATIVE_FETCH,
  }
}

/** The last options resolved without record options: most mocks of a process share one (frozen) object. */
let lastDefault: ResolvedRecordOptions | undefined

/** Record options given as nothing (or `false`): every setting its default, the mode from the environment. */
function defaultRecordOptions(mode: RecordMode, firstFixtureDir: string | undefined): ResolvedRecordOptions {
  const dir = recordDir(undefined, firstFixtureDir)
  if (lastDefault && lastDefault.mode === mode && lastDefault.dir === dir) return lastDefault
  lastDefault = Object.freeze({
    mode,
    upstreams: Object.freeze({}),
    keys: Object.freeze({}),
    dir,
    recordErrors: false,
    timeoutMs: 60_000,
    maxBytes: 64 * 1024 * 1024,
    fetch: NATIVE_FETCH,
  })
  return lastDefault
}

/** The last folder resolved, and from what: most mocks of a process resolve the same one. */
let lastDir: { cwd: string; dir: string | undefined; first: string | undefined; resolved: string } | undefined

/** Where recordings made outside a test land, absolute (against the working folder of the moment). */
function recordDir(dir: string | undefined, first: string | undefined): string {
  const cwd = process.cwd()
  if (lastDir && lastDir.cwd === cwd && lastDir.dir === dir && lastDir.first === first)
    return lastDir.resolved
  const resolved = resolve(dir ?? join(folderOf(first ?? 'fixtures'), 'recorded'))
  lastDir = { cwd, dir, first, resolved }
  return resolved
}

/** A fixtures path's folder: itself, or the folder of a file. */
function folderOf(path: string): string {
  return /\.json$/i.test(path) ? dirname(path) : path
}

/** What `useRecording` did. */
export interface RecordingInfo {
  /** The file, absolute. */
  file: string
  /** The mode the mock records in. */
  mode: RecordMode
  /** Recorded fixtures loaded from it (none in `all` and `live` modes, which do not replay recordings). */
  loaded: number
}

/** Marks a request standin forwarded, so one that comes back to a mock is refused instead of looping. */
export const FORWARDED_HEADER = 'x-standin-forwarded'

/** Header on a relayed JSON answer whose recording could not be written (the reason). */
export const RECORD_ERROR_HEADER = 'x-standin-record-error'
/** Header on every relayed answer: the recording file written, or `none` (live mode, or not recordable). */
export const RECORDED_HEADER = 'x-standin-recorded'

export class Recorder {
  readonly #engine: Engine
  readonly options: ResolvedRecordOptions
  // Made on first use: most mocks never record, and every mock makes a Recorder (issue 15, per-test cost).
  #files: Map<string, RecordingFile> | undefined
  #bySession: Map<string, RecordingFile> | undefined
  #pending: Set<Promise<unknown>> | undefined
  #written: Set<string> | undefined
  #problems: string[] | undefined

  constructor(engine: Engine, options: ResolvedRecordOptions) {
    this.#engine = engine
    this.options = options
  }

  get mode(): RecordMode {
    return this.options.mode
  }

  /** Files written in this run (absolute paths). */
  get written(): Set<string> {
    return (this.#written ??= new Set())
  }

  /** Problems met while recording (also in the journal and as process warnings). */
  get problems(): string[] {
    return (this.#problems ??= [])
  }

  /** In `all` and `live` modes, recordings already loaded from the recordings folder are not answered from. */
  dropLoadedRecordings(store: FixtureStore): void {
    if (replaysRecordings(this.mode)) return
    store.retain((fixture) => !this.isRecording(fixture))
  }

  /** True for a fixture loaded from (or recorded into) the recordings folder. */
  isRecording(fixture: Pick<Fixture, 'source'>): boolean {
    const dir = this.options.dir
    const file = resolve(fixture.source.replace(/#\d+$/, ''))
    return file === dir || file.startsWith(dir + sep)
  }

  /**
   * Gives a session its recording file: its recordings answer the session's requests (unless the mode
   * re-records), and what the session records is added to it.
   */
  useRecording(sessionId: string, file: string): RecordingInfo {
    const path = resolve(file)
    // Re-recording starts the file afresh for each session that takes it (a retried test keeps only its
    // last attempt); otherwise sessions of one file share what was read and appended.
    const files = (this.#files ??= new Map<string, RecordingFile>())
    let recording = replaysRecordings(this.mode) ? files.get(path) : undefined
    if (!recording) {
      recording = new RecordingFile(path, !replaysRecordings(this.mode))
      files.set(path, recording)
    }
    // Sessions that are gone no longer need their file.
    const bySession = (this.#bySession ??= new Map<string, RecordingFile>())
    for (const id of bySession.keys()) if (!this.#engine.sessions.peek(id)) bySession.delete(id)
    bySession.set(sessionId, recording)
    let loaded = 0
    const session = this.#engine.sessions.get(sessionId)
    if (replaysRecordings(this.mode)) {
      const store = session.store
      const source = relative(process.cwd(), path) || path
      recording.entries.forEach((entry, index) => {
        registerEntry(store, fixtureSchemas().entrySchema.parse(entry), `${source}#${index}`, true)
        loaded++
      })
    }
    return { file: path, mode: this.mode, loaded }
  }

  /** The recording file a session writes to, if it was given one. */
  recordingOf(sessionId: string): string | undefined {
    return this.#bySession?.get(sessionId)?.path
  }

  /** Resolves when every recording started so far is on disk (or has failed). */
  async flush(): Promise<void> {
    const pending = this.#pending
    if (pending) while (pending.size > 0) await Promise.allSettled([...pending])
  }

  /**
   * {@link flush} when a recording is under way, else undefined: `stop()` chains it without a promise to
   * adopt (two microtask hops) when nothing is recording, as for most mocks.
   */
  flushIfPending(): Promise<void> | undefined {
    return this.#pending !== undefined && this.#pending.size > 0 ? this.flush() : undefined
  }

  /**
   * A WebSocket turn the upstream answered: its fixture added in memory (the session's recording, else the
   * loaded fixtures) and written, scrubbed of `secrets`, unless the mode writes nothing.
   */
  async recordTurn(turn: RecordedTurn): Promise<{ file?: string; error?: string }> {
    const provider = recordProvider(turn.provider)!
    const record: SaveContext = { context: turn, provider, secrets: turn.secrets, note: turn.note }
    return this.#save(record, turn.journal, recordedEntry(turn.request, turn.response, turn.timings))
  }

  /** A problem met while recording a WebSocket turn: kept in `problems` and warned, as for HTTP. */
  problem(where: { method: string; path: string }, why: string): void {
    this.problems.push(why)
    process.emitWarning(`standin record: ${where.method} ${where.path}: ${why}`, { code: 'STANDIN_RECORD' })
  }

  /** The `onMiss` seam (a method: the mock installs it only in a mode that forwards). */
  async onMiss(context: SeamContext): Promise<SeamReply | undefined> {
    if (!forwards(this.mode)) return undefined
    const provider = recordProvider(context.surface.provider)
    if (!provider) return undefined
    if (context.headers.get(FORWARDED_HEADER)) {
      // A forwarded request came back to a mock (an interceptor such as MSW caught standin's own upstream
      // call): forwarding it again would loop until memory runs out.
      return this.#failure(
        context,
        508,
        'the request standin forwarded upstream came back to a mock: something (MSW?) intercepts the upstream; give record.fetch a fetch it does not intercept',
        '',
      )
    }
    const authorization = context.headers.get('authorization')
    const base =
      upstreamBase(provider, this.options.upstreams) ??
      regionalDefault(provider, context.pathname, authorization)
    if (!base) {
      return this.#failure(
        context,
        502,
        `no upstream for ${provider}: pass --provider-${provider} <url> or set ${upstreamEnvName(provider)}`,
        '',
      )
    }
    const url = joinUpstream(base, upstreamPath(provider, context.pathname) + context.url.search)
    const headers = forwardedHeaders(context.headerEntries())
    headers.set(FORWARDED_HEADER, '1')
    const key = this.options.keys[provider] ?? process.env[`${upstreamEnvName(provider)}_KEY`]?.trim()
    if (key) injectKey(provider, headers, url, key)
    const secrets = credentialValues(headers, url, key ? [key] : [])
    const shownUrl = redactPath(url.origin + url.pathname + url.search)
    const signing =
      provider === 'bedrock' ? await resignForUpstream(headers, url, context.method, context.body) : undefined

    const controller = new AbortController()
    const onClientGone = () => controller.abort(new Error('the client went away'))
    context.signal?.addEventListener('abort', onClientGone, { once: true })
    const timer = setTimeout(
      () => controller.abort(new Error(`no response within ${this.options.timeoutMs} ms`)),
      this.options.timeoutMs,
    )
    const started = performance.now()
    let response: Response
    try {
      response = await this.options.fetch(url, {
        method: context.method,
        headers: [...headers],
        ...(context.method === 'GET' || context.method === 'HEAD' ? {} : { body: context.body }),
        signal: controller.signal,
        redirect: 'manual',
      })
    } catch (error) {
      const cause = describeFetchError(error, controller.signal)
      const why = signing ? `${cause} (${signing})` : cause
      return this.#failure(context, 502, `the upstream ${shownUrl} could not be reached: ${why}`, shownUrl)
    } finally {
      clearTimeout(timer)
    }
    const note: UpstreamNote = { mode: this.mode, url: shownUrl, status: response.status }
    if (signing && response.status >= 400) note.error = signing
    const relayed = relayedHeaders(response.headers)
    const record = { context, provider, secrets, note, started }

    const surface = context.surface
    const framing =
      surface.kind === 'chat' &&
      surface.stream &&
      context.request.kind === 'chat' &&
      context.request.stream &&
      response.ok &&
      !isJson(response.headers.get('content-type'), surface.stream.framing, context.wire)
        ? typeof surface.stream.framing === 'function'
          ? surface.stream.framing(context.wire)
          : surface.stream.framing
        : undefined
    if (framing && response.body) {
      const journal: JournalResponse = { status: response.status, stream: true, upstream: note }
      const body = this.#relayStream(response.body, framing, record, journal, () => {
        context.signal?.removeEventListener('abort', onClientGone)
        controller.abort()
      })
      return { reply: { status: response.status, headers: relayed, body }, journal }
    }

    let bytes: Uint8Array
    try {
      bytes = new Uint8Array(await response.arrayBuffer())
    } catch (error) {
      const cause = describeFetchError(error, controller.signal)
      return this.#failure(context, 502, `the upstream ${shownUrl} broke off its answer: ${cause}`, shownUrl)
    } finally {
      context.signal?.removeEventListener('abort', onClientGone)
    }
    const journal: JournalResponse = { status: response.status, stream: false, upstream: note }
    const reply: Reply = { status: response.status, headers: relayed, body: bytes }
    const task = this.#recordJson(bytes, response.status, response.headers, record, journal)
    this.#track(task)
    const outcome = await task
    if (outcome.file) reply.headers[RECORDED_HEADER] = headerPath(outcome.file)
    else reply.headers[RECORDED_HEADER] = 'none'
    if (outcome.error) reply.headers[RECORD_ERROR_HEADER] = headerSafe(outcome.error)
    return { reply, journal }
  }

  #track(task: Promise<unknown>): void {
    const pending = (this.#pending ??= new Set())
    pending.add(task)
    void task.finally(() => pending.delete(task))
  }

  /** A miss that could not be forwarded: a 502 in the provider's error shape, journaled with the reason. */
  #failure(context: SeamContext, status: number, message: string, url: string): SeamReply {
    const error: ErrorResult = {
      kind: 'error',
      status,
      message: `standin record: ${message}`,
      type: 'upstream_error',
    }
    const headers = { ...context.surface.errorHeaders?.(error) }
    return {
      reply: jsonReply(status, context.surface.encodeError(error, context.wire), headers),
      journal: {
        status,
        stream: false,
        error: { message: error.message, type: 'upstream_error' },
        upstream: { mode: this.mode, url, status: 0, error: message },
      },
    }
  }

  async #recordJson(
    bytes: Uint8Array,
    status: number,
    headers: Headers,
    record: RecordContext,
    journal: JournalResponse,
  ): Promise<{ file?: string; error?: string }> {
    if (bytes.length > this.options.maxBytes) {
      return this.#skip(record, journal, `the answer (${bytes.length} bytes) is over maxBytes`)
    }
    let response: FixtureResponse
    try {
      const body = JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown
      if (status >= 400) {
        if (!this.options.recordErrors) return {}
        response = errorResponse(decodeError(record.context, status, body, headers))
      } else {
        response = this.#decodeJson(record.context, body)
      }
    } catch (error) {
      return this.#skip(record, journal, `the answer could not be read: ${(error as Error).message}`)
    }
    summarise(journal, response)
    return this.#save(record, journal, recordedEntry(record.context.request, response))
  }

  #decodeJson(context: SeamContext, body: unknown): FixtureResponse {
    const surface = context.surface
    if (surface.kind === 'chat') {
      if (!surface.response) throw new Error(`${surface.id} cannot read answers back yet`)
      return chatResponse(surface.response.json(body, context.wire))
    }
    if (!surface.response) throw new Error(`${surface.id} cannot read answers back yet`)
    return embeddingResponse(surface.response.json(body, context.wire))
  }

  /** Relays the upstream's stream chunk by chunk, reading its frames and their cadence as they pass. */
  #relayStream(
    upstream: ReadableStream<Uint8Array>,
    framing: Framing,
    record: RecordContext,
    journal: JournalResponse,
    release: () => void,
  ): AsyncIterable<Uint8Array> {
    let finish: () => void = () => undefined
    this.#track(new Promise<void>((resolve) => (finish = resolve)))
    return this.#relay(upstream, framing, record, journal, () => {
      release()
      finish()
    })
  }

  async *#relay(
    upstream: ReadableStream<Uint8Array>,
    framing: Framing,
    record: RecordContext,
    journal: JournalResponse,
    release: () => void,
  ): AsyncGenerator<Uint8Array> {
    // The frame readers (and AWS's event stream codec) load on the first recorded stream, not at import.
    const { frameReader } = await import('./frames')
    const reader = frameReader(framing)
    const frames: unknown[] = []
    const times: number[] = []
    let size = 0
    let unreadable: string | undefined
    const take = (got: unknown[]) => {
      const now = performance.now()
      for (const frame of got) {
        frames.push(frame)
        times.push(now)
      }
    }
    let complete = false
    try {
      for await (const chunk of upstream as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.length
        if (unreadable === undefined) {
          if (size > this.options.maxBytes) unreadable = 'the stream is over maxBytes'
          else {
            try {
              take(reader.push(chunk))
            } catch (error) {
              unreadable = `a frame could not be read: ${(error as Error).message}`
            }
          }
        }
        yield chunk
      }
      complete = true
      if (unreadable === undefined) {
        try {
          take(reader.end())
        } catch (error) {
          unreadable = `the stream's end could not be read: ${(error as Error).message}`
        }
      }
      // Recorded before the client sees the end, so its next request already matches the recording.
      if (unreadable !== undefined) await this.#skip(record, journal, unreadable)
      else await this.#recordStream(frames, times, record, journal)
    } catch (error) {
      // The client going away aborts the upstream read too: that is the client's doing, not the upstream's.
      if (record.context.signal?.aborted) record.note.error = CLIENT_GONE
      else {
        const why = `the upstream broke off its stream: ${(error as Error).message}; nothing recorded`
        await this.#skip(record, journal, why)
      }
      throw error
    } finally {
      if (!complete) record.note.error ??= CLIENT_GONE
      release()
    }
  }

  async #recordStream(
    frames: unknown[],
    times: number[],
    record: RecordContext,
    journal: JournalResponse,
  ): Promise<void> {
    const { context } = record
    const surface = context.surface
    let response: FixtureResponse
    try {
      if (surface.kind !== 'chat' || !surface.response?.stream) {
        throw new Error(`${surface.id} cannot read streamed answers back yet`)
      }
      response = chatResponse(surface.response.stream(frames, context.wire))
    } catch (error) {
      await this.#skip(record, journal, `the stream could not be collapsed: ${(error as Error).message}`)
      return
    }
    summarise(journal, response)
    const timings: RecordedTimings | undefined =
      times.length > 0
        ? {
            ttftMs: times[0]! - record.started,
            interChunkDelaysMs: times.slice(1).map((time, index) => time - times[index]!),
            totalDurationMs: times[times.length - 1]! - record.started,
          }
        : undefined
    await this.#save(record, journal, recordedEntry(context.request, response, timings))
  }

  /** Adds the recording in memory and writes it (unless the mode writes nothing). */
  async #save(
    record: SaveContext,
    journal: JournalResponse,
    entry: FixtureEntry,
  ): Promise<{ file?: string; error?: string }> {
    if (!writes(this.mode)) return {}
    const { context, provider, secrets, note } = record
    let parsed
    try {
      parsed = fixtureSchemas().entrySchema.parse(entry)
    } catch (error) {
      return this.#skip(record, journal, `the recording is not a valid fixture: ${(error as Error).message}`)
    }
    const target = this.#bySession?.get(context.session)
    const path = target?.path ?? recordingFileName(this.options.dir, provider, entry)
    const shown = relative(process.cwd(), path) || path
    const session = this.#engine.sessions.peek(context.session)
    const store = target && session ? session.store : this.#engine.loaded
    const file = target ?? new RecordingFile(path, true)
    registerEntry(store, parsed, `${shown}#${file.entries.length}`, true)
    try {
      await file.append(entry, secrets)
    } catch (error) {
      return this.#skip(
        record,
        journal,
        `the recording could not be written to ${shown}: ${(error as Error).message}`,
      )
    }
    this.written.add(path)
    note.file = shown
    return { file: shown }
  }

  async #skip(record: SaveContext, journal: JournalResponse, why: string): Promise<{ error: string }> {
    record.note.error = why
    journal.upstream = record.note
    this.problem(record.context, why)
    return { error: why }
  }
}

const CLIENT_GONE = 'the client went away before the stream ended: nothing recorded'

interface RecordContext extends SaveContext {
  context: SeamContext
  started: number
}

/** What saving a recording needs to know of the exchange. */
interface SaveContext {
  context: { session: string; method: string; path: string }
  provider: RecordProvider
  secrets: string[]
  note: UpstreamNote
}

/** One WebSocket turn answered by the upstream, as {@link Recorder.recordTurn} records it. */
export interface RecordedTurn {
  session: string
  method: string
  /** The journal's path (redacted). */
  path: string
  /** The surface's provider (`openai`, `gemini`, `vertex`). */
  provider: string
  request: ChatRequest
  response: FixtureResponse
  timings?: RecordedTimings
  /** Credentials the connection carried, scrubbed from the file. */
  secrets: string[]
  note: UpstreamNote
  journal: JournalResponse
}

/** The journal's summary of what was recorded (text and tool calls), as for a fixture's answer. */
function summarise(journal: JournalResponse, response: FixtureResponse): void {
  const text =
    typeof response.content === 'string'
      ? response.content
      : response.blocks?.map((b) => (b.type === 'text' ? b.text : '')).join('')
  if (text) journal.text = text.length > 65_536 ? text.slice(0, 65_536) : text
  if (response.reasoning) journal.reasoning = response.reasoning.slice(0, 65_536)
  const calls = response.toolCalls ?? response.blocks?.filter((b) => b.type === 'toolCall')
  if (calls?.length) {
    journal.toolCalls = calls.map((c) => ({
      id: c.id ?? '',
      name: c.name,
      arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments ?? {}),
    }))
  }
  if (response.error) journal.error = { message: response.error.message }
}

function decodeError(context: SeamContext, status: number, body: unknown, headers: Headers): ErrorResult {
  const surface = context.surface
  const reader: HeaderReader = { get: (name) => headers.get(name) }
  const decoded = surface.response?.error?.(status, body, reader)
  if (decoded) return decoded
  // The shapes most providers share: {error: {message, type, code}} or {message}.
  const record = (body ?? {}) as {
    error?: { message?: unknown; type?: unknown; code?: unknown }
    message?: unknown
  }
  const inner = typeof record.error === 'object' && record.error ? record.error : record
  const message =
    typeof inner.message === 'string' && inner.message ? inner.message : `upstream error ${status}`
  const error: ErrorResult = { kind: 'error', status, message }
  const type = (inner as { type?: unknown }).type
  const code = (inner as { code?: unknown }).code
  if (typeof type === 'string') error.type = type
  if (typeof code === 'string' || typeof code === 'number') error.code = String(code)
  const retryAfter = Number(headers.get('retry-after'))
  if (Number.isFinite(retryAfter) && retryAfter > 0) error.retryAfter = retryAfter
  return error
}

/**
 * A JSON answer to a streaming request (Gemini's JSON-array stream is JSON by type but a stream). By media
 * type, not substring: Ollama's NDJSON stream is `application/x-ndjson`, which is a stream.
 */
function isJson(contentType: string | null, framing: unknown, wire: unknown): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? ''
  if (type !== 'application/json' && !type.endsWith('+json')) return false
  const chosen = typeof framing === 'function' ? (framing as (w: unknown) => Framing)(wire) : framing
  return chosen !== 'json-array'
}

function describeFetchError(error: unknown, signal: AbortSignal): string {
  if (signal.aborted && signal.reason instanceof Error) return signal.reason.message
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error)
}

/**
 * A file path as a header value: characters a header cannot hold (non-ASCII test titles, ` › `) are
 * percent-encoded, so `decodeURIComponent` gives the path back.
 */
function headerPath(path: string): string {
  return path.replace(/[^\x20-\x7e]|%/gu, (char) => encodeURIComponent(char))
}

/** Header values cannot hold newlines or non-Latin-1 text. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]+/g, ' ').slice(0, 500)
}

/** The path upstream: the root `/messages` alias (an AI SDK client given the mock's bare URL) is Anthropic's `/v1/messages`. */
function upstreamPath(provider: string, pathname: string): string {
  return provider === 'anthropic' && /^\/messages(\/|$)/.test(pathname) ? `/v1${pathname}` : pathname
}
