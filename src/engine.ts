/**
 * The engine: one pipeline for every surface and transport. Route, read the body, decode into the
 * canonical model, match a fixture, build the canonical result, journal, encode (JSON or a paced stream).
 * @module
 */
import type {
  CanonicalRequest,
  ChatRequest,
  ChatResult,
  EmbeddingResult,
  ErrorResult,
  JournaledRequest,
} from './canonical'
import { handleControl } from './control/control-api'
import { createIdSource, type IdSource } from './core/ids'
import { BodyTooLargeError, jsonReply, type Incoming, type Reply } from './core/reply'
import { chatResult, embeddingResult, errorResult } from './core/results'
import { Session } from './core/session'
import { decodePathSegment } from './core/path-segment'
import { currentSession, DEFAULT_SESSION, STANDIN_SESSION_HEADER } from './core/session-context'
import { WireError } from './errors'
import type { Fixture } from './fixtures/fixture'
import { responseSchema, type ParsedFixtureResponse } from './fixtures/schema'
import { toFixtureIssues } from './fixtures/issues'
import { Journal, type JournalEntry, type JournalResponse } from './journal/journal'
import { diagnoseMiss } from './matching/diagnose'
import { requestFacts } from './matching/facts'
import { FixtureStore } from './matching/fixture-store'
import { selectFixture } from './matching/select'
import type { ChatAnswer, MountReply } from './mounts/mount'
import { MountTable, type MountMatch } from './mounts/mount-table'
import { SURFACES } from './providers'
import type { Decoded, ExchangeSurface, StaticSurface, Surface } from './providers/provider'
import { Router } from './router/router'
import type { AuthOptions } from './security/inbound-auth'
import { redactHeaders, redactPath } from './security/redact'
import { RequestGuard } from './security/request-guard'
import { DEFAULT_CHUNK_SIZE, isDelta, streamEvents } from './streaming/events'
import { framer, joinChunks, type Chunk } from './streaming/framing'
import { createPacer, sleep } from './streaming/pacing'

export interface EngineOptions {
  /** Answer misses with 503 instead of 404. Default: true when `CI=true`. */
  strict?: boolean
  /** Characters per streamed chunk (default 20). */
  chunkSize?: number
  /** Milliseconds before each streamed chunk, for every fixture that sets none. */
  latency?: number
  /** Makes ids, timestamps and jitter reproducible. */
  seed?: string | number
  /** Journal cap (default 1000 entries). */
  journalLimit?: number
  /** Request body cap in bytes (default 10 MiB). */
  bodyLimit?: number
  /** Inbound API keys for provider routes and mounts, and a token for the control API (both opt-in). */
  auth?: AuthOptions
  /** Origins (besides its own) whose pages may call the control API, e.g. `http://localhost:3000`; `*` for any. */
  allowedOrigins?: string[]
}

const JOURNAL_BODY_LIMIT = 64 * 1024
const SESSION_PREFIX = /^\/_s\/([^/]+)(\/.*)?$/

export class Engine {
  readonly journal: Journal
  readonly shared = new FixtureStore()
  readonly sessions = new Map<string, Session>()
  /** Per-provider state (see DecodeContext.memory). */
  readonly memory = new Map<string, Map<string, unknown>>()
  readonly ids: IdSource
  readonly router: Router
  /** Protocol servers (MCP, A2A, ...) served under a path; dispatched before provider routes. */
  readonly mounts = new MountTable()
  strict: boolean
  /** The session of requests that name none (header, path prefix or withSession); runners point it at the running test. */
  fallbackSession = DEFAULT_SESSION
  readonly chunkSize: number
  readonly latency: number
  readonly bodyLimit: number
  /** CORS, the control token and inbound API keys. */
  readonly guard: RequestGuard

  constructor(options: EngineOptions = {}, surfaces: Surface[] = SURFACES) {
    this.journal = new Journal(options.journalLimit)
    this.ids = createIdSource(options.seed)
    this.router = new Router(surfaces)
    this.strict = options.strict ?? process.env.CI === 'true'
    this.chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE
    this.latency = options.latency ?? 0
    this.bodyLimit = options.bodyLimit ?? 10 * 1024 * 1024
    this.guard = new RequestGuard(options)
    this.sessions.set(DEFAULT_SESSION, new Session(DEFAULT_SESSION))
  }

  session(id: string): Session {
    let session = this.sessions.get(id)
    if (!session) {
      session = new Session(id)
      this.sessions.set(id, session)
    }
    return session
  }

  /** The stores a session's requests search, its own first. */
  storesFor(session: Session): FixtureStore[] {
    return session.id === DEFAULT_SESSION ? [this.shared] : [session.store, this.shared]
  }

  async dispatch(incoming: Incoming): Promise<Reply> {
    const cors = this.guard.origin(incoming)
    if (cors.refused) return cors.refused
    const reply = await this.#dispatch(incoming)
    Object.assign(reply.headers, cors.headers)
    return reply
  }

  async #dispatch(incoming: Incoming): Promise<Reply> {
    if (incoming.method === 'OPTIONS') return { status: 204, headers: {}, body: null }
    let pathname = incoming.url.pathname
    let pathSession: string | undefined
    const prefixed = SESSION_PREFIX.exec(pathname)
    if (prefixed) {
      pathSession = decodePathSegment(prefixed[1]!)
      pathname = prefixed[2] ?? '/'
    }
    if (pathname.startsWith('/__standin/') || pathname === '/health' || pathname === '/ready') {
      return this.guard.control(incoming, pathname) ?? handleControl(this, incoming, pathname)
    }
    const sessionId =
      incoming.headers.get(STANDIN_SESSION_HEADER) ?? pathSession ?? currentSession() ?? this.fallbackSession
    // Redacted once here: the path is shown in the journal and in miss messages, never routed on.
    const path = redactPath(pathname + incoming.url.search)
    const exchange = new Exchange(this, incoming, path, this.session(sessionId))
    const mounted = this.mounts.match(pathname)
    const route = mounted ? undefined : this.router.match(incoming.method, pathname, incoming.headers)
    const refused = this.guard.apiKey(incoming, route?.surface)
    if (refused) return refused
    if (mounted) return exchange.serveMount(mounted)
    if (!route) return exchange.unrouted(this.router.hasPath(pathname))
    if (route.surface.kind === 'static') return exchange.serveStatic(route.surface, route.params)
    return exchange.run(route.surface, route.params)
  }

  memoryFor(provider: string): Map<string, unknown> {
    let memory = this.memory.get(provider)
    if (!memory) {
      memory = new Map()
      this.memory.set(provider, memory)
    }
    return memory
  }

  /** True when a route (or the control API) answers this method and path. */
  canHandle(method: string, pathname: string): boolean {
    const path = SESSION_PREFIX.exec(pathname)?.[2] ?? pathname
    return (
      path.startsWith('/__standin/') ||
      this.mounts.match(path) !== undefined ||
      this.router.match(method, path) !== undefined
    )
  }

  /** Distinct literal models named by fixtures (for model listings). */
  fixtureModels(): string[] {
    const models = new Set<string>()
    for (const store of [this.shared, ...[...this.sessions.values()].map((s) => s.store)]) {
      for (const f of store.fixtures) if (f.match.model?.kind === 'model') models.add(f.match.model.value)
    }
    return [...models]
  }
}

/** One request's trip through the pipeline. */
class Exchange {
  readonly started = performance.now()
  readonly time = Date.now()
  body = ''
  bodyTruncated = false

  constructor(
    readonly engine: Engine,
    readonly incoming: Incoming,
    readonly path: string,
    readonly session: Session,
  ) {}

  async unrouted(otherMethod: boolean): Promise<Reply> {
    await this.#readBody().catch(() => undefined)
    const status = otherMethod ? 405 : 404
    const message = otherMethod
      ? `Method ${this.incoming.method} is not allowed on ${this.path}.`
      : `standin has no route for ${this.incoming.method} ${this.path}. See the README for the served endpoints.`
    this.#record(null, null, { status, stream: false, error: { message } }, null)
    return jsonReply(status, { error: { message, type: 'not_found', code: 'unknown_route' } })
  }

  async serveStatic(surface: StaticSurface, params: Record<string, string>): Promise<Reply> {
    let reply: Reply
    try {
      await this.#readBody()
      reply = surface.serve({
        url: this.incoming.url,
        params,
        headers: this.incoming.headers,
        body: this.body === '' ? undefined : parseJson(this.body),
        memory: this.engine.memoryFor(surface.provider),
        models: () => this.engine.fixtureModels(),
        now: () => this.engine.ids.now(),
      })
    } catch (error) {
      const result = toErrorResult(error, this.engine.bodyLimit)
      const body = surface.encodeError?.(result) ?? { error: { message: result.message, type: result.type } }
      reply = jsonReply(result.status, body)
    }
    this.#record(surface, null, { status: reply.status, stream: false }, null)
    return reply
  }

  /** A mounted protocol server answers the whole request; each call it reports is journaled. */
  async serveMount({ surface, base, path }: MountMatch): Promise<Reply> {
    let answer: MountReply
    try {
      await this.#readBody()
      answer = await surface.serve({
        method: this.incoming.method,
        url: this.incoming.url,
        base,
        path,
        headers: this.incoming.headers,
        body: this.body,
        session: this.session.id,
        strict: this.#strict(),
        signal: this.incoming.signal,
        memory: this.engine.memoryFor(surface.provider),
        now: () => this.engine.ids.now(),
        id: (prefix) => this.engine.ids.id(prefix),
        answerChat: (request) => this.#answerChat(request),
      })
    } catch (error) {
      const result = toErrorResult(error, this.engine.bodyLimit)
      answer = { reply: jsonReply(result.status, { error: { message: result.message, type: result.type } }) }
    }
    const { reply, calls = [] } = answer
    const stream = reply.body !== null && typeof reply.body === 'object' && Symbol.asyncIterator in reply.body
    if (calls.length === 0) calls.push({ request: null, response: { status: reply.status, stream } })
    for (const call of calls)
      this.#record(surface, call.request, call.response, call.fixture ?? null, call.miss)
    return reply
  }

  async run(surface: ExchangeSurface, params: Record<string, string>): Promise<Reply> {
    let wire: unknown
    try {
      await this.#readBody()
      const decoded = surface.decode(parseJson(this.body), {
        url: this.incoming.url,
        params,
        headers: this.incoming.headers,
        memory: this.engine.memoryFor(surface.provider),
      })
      wire = decoded.wire
      return await this.#answer(surface, decoded)
    } catch (error) {
      const result = toErrorResult(error, this.engine.bodyLimit)
      this.#record(surface, null, summarise(result, false), null)
      return errorReply(surface, result, wire)
    }
  }

  async #answer(surface: ExchangeSurface, decoded: Decoded<unknown>): Promise<Reply> {
    const engine = this.engine
    const { request, wire } = decoded
    const context = this.#context()
    const stores = engine.storesFor(this.session)
    const { picked, skippedBySequence } = await this.#pick(stores, decoded, context)
    if (!picked) {
      if (request.kind === 'embedding' && !this.#strict()) {
        return this.#reply(surface, request, wire, embeddingResult(undefined, request), null)
      }
      const miss = diagnoseMiss(stores, requestFacts(request, context), {
        method: this.incoming.method,
        path: this.path,
        skippedBySequence,
      })
      const result: ErrorResult = {
        kind: 'error',
        status: this.#strict() ? 503 : 404,
        message: miss.message,
        type: this.#strict() ? 'standin_strict_no_match' : 'standin_no_match',
        code: 'no_fixture_match',
        headers: { 'x-should-retry': 'false' },
      }
      this.#record(surface, request, summarise(result, false), null, miss)
      return errorReply(surface, result, wire)
    }
    const { fixture, response, request: answered } = picked
    const result: ChatResult | EmbeddingResult | ErrorResult =
      response.error !== undefined
        ? errorResult(response)
        : answered.kind === 'embedding'
          ? embeddingResult(response, answered)
          : chatResult(response, answered, engine.ids, prefixes(surface))
    return this.#reply(surface, answered, wire, result, fixture)
  }

  /**
   * Selects the fixture for the request, then for each fallback model in turn (see `Decoded.fallback`). Every
   * selected fixture counts as served, as the upstream call it stands for was made.
   */
  async #pick(
    stores: FixtureStore[],
    decoded: Decoded<unknown>,
    context: string | undefined,
  ): Promise<{ picked: Picked | undefined; skippedBySequence: number }> {
    let picked: Picked | undefined
    let skippedBySequence = 0
    for (const request of candidates(decoded)) {
      const selection = selectFixture(stores, requestFacts(request, context), this.session.state)
      skippedBySequence += selection.skippedBySequence
      if (!selection.fixture) continue
      this.session.state.record(selection.fixture)
      const response = await resolveResponse(selection.fixture, request)
      picked = { request, fixture: selection.fixture, response }
      if (response.error === undefined || !decoded.fallback?.onError || response.fallthrough === false) break
    }
    return { picked, skippedBySequence }
  }

  async #reply(
    surface: ExchangeSurface,
    request: CanonicalRequest,
    wire: unknown,
    result: ChatResult | EmbeddingResult | ErrorResult,
    fixture: Fixture | null,
  ): Promise<Reply> {
    const stream =
      request.kind === 'chat' && request.stream && result.kind === 'chat' && surface.stream !== undefined
    this.#record(surface, request, summarise(result, stream), fixture)
    const opts = { latency: this.engine.latency || undefined, ...fixture?.opts }
    if (result.kind === 'error') return errorReply(surface, result, wire)
    if (!stream || result.kind !== 'chat') {
      if (opts.latency) await sleep(opts.latency / (opts.replaySpeed ?? 1), this.incoming.signal)
      return jsonReply(200, surface.encode(result, wire))
    }
    const encoding = surface.stream!
    const pacer = createPacer(opts, this.engine.ids.random)
    const writer = framer(typeof encoding.framing === 'function' ? encoding.framing(wire) : encoding.framing)
    let frameIndex = 0
    const frames = (event: Parameters<typeof encoding.frames>[0]): Chunk[] =>
      encoding.frames(event, result, wire).map((frame) => writer.frame(frame, frameIndex++))
    const events = streamEvents(result, opts.chunkSize ?? this.engine.chunkSize)
    const headers = { 'content-type': writer.contentType, 'cache-control': 'no-cache' }
    if (!pacer) {
      const chunks: Chunk[] = writer.open ? [writer.open()] : []
      for (const event of events) chunks.push(...frames(event))
      if (writer.close) chunks.push(writer.close())
      return { status: 200, headers, body: joinChunks(chunks) }
    }
    const signal = this.incoming.signal
    async function* paced(): AsyncGenerator<Chunk> {
      let chunk = 0
      if (writer.open) yield writer.open()
      for (const event of events) {
        const out = frames(event)
        if (out.length === 0) continue
        if (isDelta(event)) await sleep(pacer!(chunk++), signal)
        if (signal?.aborted) return
        yield joinChunks(out)
      }
      if (writer.close) yield writer.close()
    }
    return { status: 200, headers, body: paced() }
  }

  /** A mount's chat request answered from the LLM fixtures, through the same selection as `#answer`. */
  async #answerChat(request: ChatRequest): Promise<ChatAnswer> {
    const stores = this.engine.storesFor(this.session)
    const context = this.#context()
    const { picked, skippedBySequence } = await this.#pick(stores, { request, wire: undefined }, context)
    if (!picked) {
      const where = { method: this.incoming.method, path: this.path, skippedBySequence }
      return { kind: 'miss', miss: diagnoseMiss(stores, requestFacts(request, context), where) }
    }
    const { fixture, response } = picked
    const served = { id: fixture.id, source: fixture.source }
    if (response.error !== undefined) {
      const error = errorResult(response)
      return {
        kind: 'error',
        message: error.message,
        ...(error.code && { code: error.code }),
        fixture: served,
      }
    }
    const result = chatResult(response, request, this.engine.ids, { response: 'msg_', toolCall: 'call_' })
    return { kind: 'chat', result, fixture: served }
  }

  /** The `x-standin-context` (or AIMock's `x-aimock-context`) header: fixtures' `context` matches it. */
  #context(): string | undefined {
    return (
      header(this.incoming, 'x-standin-context') ?? header(this.incoming, 'x-aimock-context') ?? undefined
    )
  }

  #strict(): boolean {
    const value = header(this.incoming, 'x-standin-strict') ?? header(this.incoming, 'x-aimock-strict')
    if (value === 'true' || value === '1') return true
    if (value === 'false' || value === '0') return false
    return this.engine.strict
  }

  async #readBody(): Promise<void> {
    if (this.incoming.method === 'GET' || this.incoming.method === 'HEAD') return
    this.body = await this.incoming.text(this.engine.bodyLimit)
  }

  #record(
    surface: Pick<Surface, 'id' | 'provider'> | null,
    request: JournaledRequest | null,
    response: JournalResponse,
    fixture: Pick<Fixture, 'id' | 'source'> | null,
    miss?: JournalEntry['miss'],
  ): void {
    const journal = this.engine.journal
    const body = this.body.length > JOURNAL_BODY_LIMIT ? this.body.slice(0, JOURNAL_BODY_LIMIT) : this.body
    const entry: JournalEntry = {
      id: journal.nextId(),
      time: this.time,
      method: this.incoming.method,
      path: this.path,
      session: this.session.id,
      surface: surface?.id ?? null,
      provider: surface?.provider ?? null,
      headers: redactHeaders(this.incoming.headerEntries()),
      body,
      request,
      fixture: fixture ? { id: fixture.id, source: fixture.source } : null,
      response,
      durationMs: Math.round((performance.now() - this.started) * 1000) / 1000,
    }
    if (body.length < this.body.length) entry.bodyTruncated = true
    if (miss) entry.miss = miss
    journal.add(entry)
  }
}

interface Picked {
  request: CanonicalRequest
  fixture: Fixture
  response: ParsedFixtureResponse
}

/** The request, then the same request under each distinct fallback model. */
function candidates({ request, fallback }: Decoded<unknown>): CanonicalRequest[] {
  const out = [request]
  for (const model of fallback?.models ?? []) {
    if (!out.some((r) => r.model === model)) out.push({ ...request, model })
  }
  return out
}

async function resolveResponse(fixture: Fixture, request: CanonicalRequest): Promise<ParsedFixtureResponse> {
  if (typeof fixture.response !== 'function') return fixture.response
  let produced: unknown
  try {
    produced = await fixture.response(request)
  } catch (error) {
    throw new WireError(
      500,
      `The response function of fixture ${fixture.id} threw: ${(error as Error).message}`,
      {
        type: 'standin_fixture_error',
      },
    )
  }
  const parsed = responseSchema.safeParse(produced)
  if (!parsed.success) {
    const problems = toFixtureIssues(fixture.id, parsed.error, 'response').map(
      (i) => `${i.path}: ${i.message}`,
    )
    throw new WireError(
      500,
      `The response function of fixture ${fixture.id} returned an invalid response: ${problems.join('; ')}`,
      {
        type: 'standin_fixture_error',
      },
    )
  }
  return parsed.data
}

function prefixes(surface: ExchangeSurface): { response: string; toolCall: string } {
  return surface.idPrefixes ?? { response: 'resp_', toolCall: 'call_' }
}

function summarise(result: ChatResult | EmbeddingResult | ErrorResult, stream: boolean): JournalResponse {
  if (result.kind === 'error') {
    const error: JournalResponse['error'] = { message: result.message }
    if (result.type) error.type = result.type
    if (result.code) error.code = result.code
    return { status: result.status, stream: false, error }
  }
  if (result.kind === 'embedding') return { status: 200, stream: false, vectors: result.vectors.length }
  const summary: JournalResponse = { status: 200, stream, text: '' }
  const calls = []
  for (const block of result.blocks) {
    if (block.type === 'text') summary.text += block.text
    else calls.push(block.call)
  }
  if (calls.length > 0) summary.toolCalls = calls
  if (result.reasoning) summary.reasoning = result.reasoning
  return summary
}

function errorReply(surface: ExchangeSurface, error: ErrorResult, wire: unknown): Reply {
  const headers: Record<string, string> = { ...error.headers, ...surface.errorHeaders?.(error) }
  if (error.retryAfter !== undefined) headers['retry-after'] = String(error.retryAfter)
  return jsonReply(error.status, surface.encodeError(error, wire), headers)
}

function toErrorResult(error: unknown, bodyLimit: number): ErrorResult {
  if (error instanceof WireError) {
    const result: ErrorResult = {
      kind: 'error',
      status: error.status,
      message: error.message,
      type: error.type,
      param: error.param ?? null,
    }
    if (error.wireCode !== undefined) result.code = error.wireCode
    return result
  }
  if (error instanceof BodyTooLargeError) {
    return {
      kind: 'error',
      status: 413,
      message: `The request body exceeds the ${bodyLimit}-byte limit.`,
      type: 'invalid_request_error',
    }
  }
  return {
    kind: 'error',
    status: 500,
    message: `standin failed: ${(error as Error)?.message ?? error}`,
    type: 'server_error',
  }
}

function parseJson(body: string): unknown {
  if (body === '') throw new WireError(400, 'The request body is empty; expected JSON.')
  try {
    return JSON.parse(body)
  } catch {
    throw new WireError(
      400,
      'We could not parse the JSON body of your request. (The request body is not valid JSON.)',
    )
  }
}

function header(incoming: Incoming, name: string): string | null {
  return incoming.headers.get(name)
}
