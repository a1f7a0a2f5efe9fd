/**
 * `createStandin()`: the mock users create. Fixture methods (chainable), the journal, the fetch handler and
 * the port.
 * @module
 */
import { registerEntry, registerFileEntry, registerFixture } from './core/register'
import { STANDIN_SESSION_HEADER, withSession } from './core/session-context'
import { DEFAULT_SESSION } from './sessions/session-registry'
import type { Session } from './sessions/session'
import { resolve } from 'node:path'
import type { ChaosRates } from './chaos/rates'
import { Engine, type EngineOptions } from './engine'
import { fixtureUsage, type FixtureUsage } from './engine/fixture-usage'
import { FixtureError, type FixtureIssue } from './errors'
import type { Fixture } from './fixtures/fixture'
import { loadedFiles, loadFixtureFiles, parseEntry, type LoadResult } from './fixtures/load'
import { isStringMatch, quickContent, quickResponse } from './fixtures/quick-check'
import type { RerankRequest } from './canonical'
import {
  type ExtractInput,
  type ModerationInput,
  type RerankInput,
  type SearchHitInput,
  type SearchInput,
  type FixtureEntry,
  type FixtureMatch,
  type FixtureOpts,
  type FixtureResponse,
  type ResponseFactory,
  fixtureSchemas,
} from './fixtures/schema'
import { toFixtureIssues } from './fixtures/issues'
import type { FixtureStore } from './matching/fixture-store'
import { filteredView, type ClearableJournal, type JournalView } from './journal/journal'
import type { MountSurface } from './protocols/mounts/mount'
import { fromRequest, toResponse } from './transports/fetch-adapter'
import { listen, type ListenOptions, type RunningServer } from './transports/node-server'
import { InProcessSockets, type WebSocketAnswer, type WebSocketRequest } from './websocket/in-process'
import { loadConfig } from './config/config-file'
import { mountConfigured } from './config/configured-mounts'
import { configRecordOptions } from './config/record-section'
import { forwards, type RecordMode } from './record/modes'
import { Recorder, resolveRecordOptions, type RecordingInfo, type RecordOptions } from './record/recorder'
import { installRateLimits, type RateLimiter } from './ratelimit/rate-limiter'
import type { RateLimitOptions } from './ratelimit/options'
import { claimsVectorPath, installVector } from './vector/install'
import { VECTOR_PROVIDER, VectorSetup } from './vector/vector-setup'
import type { CannedResults, CollectionOptions, VectorRecord } from './vector/types'

export interface StandinOptions extends EngineOptions {
  /** Fixture files or folders loaded at creation (the seed's JSON format). */
  fixtures?: string | string[]
  /**
   * A config file in the seed's one-port format (AIMock's `aimock.json`), as `standin serve --config`
   * reads it: its `llm` fixtures (before `fixtures`), `strict`, `chunkSize`, `latency`, `auth` and `metrics` (options
   * given here win), and the MCP, AG-UI and A2A servers it describes, mounted. A relative path is resolved
   * against the working folder. A bad file throws a ConfigError naming file and JSON path.
   * @example createStandin({ config: './aimock.json' })
   */
  config?: string
  /**
   * Record & replay: misses are forwarded to the real provider, relayed, and recorded as fixtures.
   * `true` records what is missing into `<first fixtures dir>/recorded/`; `STANDIN_RECORD` sets the mode
   * for every mock (`missing`, `all`, `live`, `replay`).
   * @example createStandin({ fixtures: './fixtures', record: { mode: 'missing', upstreams: { openai: 'https://api.openai.com' } } })
   */
  record?: RecordOptions | boolean
  /**
   * Provider rate-limit headers on every reply (OpenAI's `x-ratelimit-*`, Anthropic's
   * `anthropic-ratelimit-*`), counting down per session; with `requestsPerWindow` or `tokensPerWindow`, the
   * provider's own 429 with `retry-after` once a window is spent. On by default (headers only); `false`
   * turns it off.
   * @example createStandin({ rateLimits: { requestsPerWindow: 3, windowMs: 1000 } })
   */
  rateLimits?: RateLimitOptions | boolean
}

/** The fixture methods shared by the mock and its sessions. */
export interface FixtureMethods<Self> {
  /**
   * Adds a fixture: when a request matches `match`, answer with `response`.
   * @example mock.on({ userMessage: 'weather' }, { toolCalls: [{ name: 'search', arguments: { q: 'weather' } }] })
   */
  on(
    match: FixtureMatch,
    response: FixtureResponse | ResponseFactory,
    opts?: FixtureOpts & { id?: string },
  ): Self
  /** Answers chat requests whose last user message contains `text` (or matches the RegExp). */
  onMessage(
    text: string | RegExp,
    response: FixtureResponse | ResponseFactory,
    opts?: FixtureOpts & { id?: string },
  ): Self
  /** Answers chat requests that offer a tool named `name`. */
  onToolCall(
    name: string,
    response: FixtureResponse | ResponseFactory,
    opts?: FixtureOpts & { id?: string },
  ): Self
  /** Answers the turn that carries the result of tool call `toolCallId`. */
  onToolResult(
    toolCallId: string,
    response: FixtureResponse | ResponseFactory,
    opts?: FixtureOpts & { id?: string },
  ): Self
  /** Answers embedding requests whose input contains `text` with `vector` (or a response). */
  onEmbedding(
    text: string | RegExp,
    vector: number[] | FixtureResponse,
    opts?: FixtureOpts & { id?: string },
  ): Self
  /**
   * Answers web searches (Tavily `POST /search`) whose query contains `query` (case-insensitive) or
   * matches the RegExp, with these results (or a whole answer: results, answer, images).
   * @example mock.onSearch('weather', [{ title: 'Weather', url: 'https://example.com/w', content: 'Sunny' }])
   * @see https://github.com/standin/standin#search-rerank-and-moderation
   */
  onSearch(
    query: string | RegExp,
    results: SearchHitInput[] | SearchInput,
    opts?: FixtureOpts & { id?: string },
  ): Self
  /** Answers page extractions (Tavily `POST /extract`) for a URL containing `url` (or matching it). */
  onExtract(
    url: string | RegExp,
    pages: ExtractInput['results'] | ExtractInput,
    opts?: FixtureOpts & { id?: string },
  ): Self
  /**
   * Answers reranks (Cohere `/v2/rerank`, `/v1/rerank`) whose query contains `query` (case-insensitive) or
   * matches the RegExp, with this ranking or the ranking a function computes from the request.
   * @example mock.onRerank('capital', [{ index: 2, relevance_score: 0.98 }, { index: 0, relevance_score: 0.4 }])
   */
  onRerank(
    query: string | RegExp,
    ranking: RerankInput | ((request: RerankRequest) => RerankInput | Promise<RerankInput>),
    opts?: FixtureOpts & { id?: string },
  ): Self
  /**
   * Answers moderations (OpenAI `POST /v1/moderations`): inputs containing `input` (case-insensitive) or
   * matching the RegExp get this verdict (categories not named are false); the others stay unflagged.
   * @example mock.onModerate('attack', { categories: { violence: true } })
   */
  onModerate(input: string | RegExp, verdict: ModerationInput, opts?: FixtureOpts & { id?: string }): Self
  /** Adds fixture entries in the file format (for example a `defineFixtures([...])` module). */
  add(entries: FixtureEntry[] | { fixtures: FixtureEntry[] }): Self
  /** Fixtures this scope can be answered from, its own first. */
  readonly fixtures: readonly Fixture[]
}

export interface Standin extends FixtureMethods<Standin> {
  /** The fetch handler: answer a WHATWG Request in-process. */
  handle(request: Request): Promise<Response>
  /** True when standin serves this request's method and path (any host). */
  canHandle(request: Request): boolean
  /**
   * Accepts a WebSocket connection made in-process (what `standin/msw` does with MSW's `ws` API): refused
   * with an HTTP status (no WebSocket API at that path, a missing key), or accepted: `open()` it with the
   * socket and feed the returned peer the client's frames. Over a port, upgrades need none of this.
   * @see ../docs/websocket.md
   */
  connectWebSocket(request: WebSocketRequest): WebSocketAnswer
  /** Starts a node:http server on 127.0.0.1, port 0 by default. */
  listen(options?: ListenOptions): Promise<RunningServer>
  /** The seed's lifecycle: `start()` listens (port from the options, else 0) and resolves to the URL. */
  start(options?: ListenOptions): Promise<string>
  stop(): Promise<void>
  /** The base URL once started (`http://127.0.0.1:PORT`). Throws before `start()`/`listen()`. */
  readonly url: string
  /** Every session's journal entries, in the order the mock saw them. */
  readonly journal: ClearableJournal
  /** Loads fixture files or folders; returns what was loaded (files, count, warnings). */
  loadFixtures(path: string | string[]): LoadResult
  /** Clears the journal, match counts, sessions and fixtures added at run time; file fixtures stay. */
  reset(): void
  /** Removes every fixture, file ones included. */
  clearFixtures(): void
  /**
   * The fixtures loaded from files (`fixtures`, `config`, `loadFixtures`; not `on()`/`add()` ones, nor
   * recordings) and how many requests each answered, in every session since the mock was created:
   * `reset()` and closing sessions keep the counts. The runners' fixture-usage report reads it.
   * @example
   * const unused = mock.fixtureUsage().filter((f) => f.served === 0)
   * @see https://github.com/standin/standin#fixture-usage-report
   */
  fixtureUsage(): FixtureUsage[]
  /** Strict mode: misses answer 503 instead of 404. */
  strict: boolean
  /**
   * Server-wide chaos rates (0 to 1), replacing the `chaos` option's; a fixture's `chaos` and the
   * `x-standin-chaos-*` headers still win. Throws a ChaosRateError for a rate out of range.
   * @example mock.setChaos({ dropRate: 0.1, malformedRate: 0.05, disconnectRate: 0.02 })
   */
  setChaos(rates: ChaosRates): Standin
  /** Removes the server-wide chaos rates. */
  clearChaos(): Standin
  /**
   * A session: its own fixtures (searched before the shared ones), match state and journal. Requests join
   * it by the `x-standin-session` header, the `/_s/<id>` path prefix or `session.run(fn)`.
   */
  session(id?: string): StandinSession
  /**
   * Attributes requests that name no session (no header, prefix or `run()`) to `session` (or back to the
   * default with no argument). Runner integrations point it at the running test.
   */
  useSession(session?: StandinSession | string): void
  /** The session `useSession()` points header-less requests at (`'default'` when none). */
  readonly currentSession: string
  /**
   * For runners, while several tests run concurrently in one worker: a request that names no session
   * (no header, prefix or `run()`) could be any of theirs, so it is refused with a provider-shaped 400
   * naming `tests`, and `onRefused` is called with that message (to fail those tests). No argument lifts it.
   */
  refuseHeaderless(tests?: readonly string[], onRefused?: (message: string) => void): void
  /**
   * Serves a protocol server under `path` on this mock's port, before the provider routes: requests to
   * `path` and below reach it, journaled with this mock's sessions and strictness.
   * @example mock.mount('/mcp', createMcpServer().onToolCall('lookup_order', () => 'shipped'))
   */
  mount(path: string, server: MountSurface): Standin
  /**
   * Vector databases: queries on `collection` (through Qdrant, Pinecone or Chroma) answer these canned
   * results, cut to `topK`, or what the function returns, instead of the similarity search over what the app
   * upserted. For every session; `reset()` removes it.
   * @example mock.onQuery('docs', [{ id: 'doc-1', score: 0.95, metadata: { title: 'Getting Started' } }])
   * @see https://github.com/standin/standin#vector-databases
   */
  onQuery(collection: string, results: CannedResults): Standin
  /**
   * A vector collection every session starts with (`records` in its default namespace), as the config's
   * `vector.collections` do. `reset()` removes it.
   * @example mock.addCollection('docs', { dimension: 1536, metric: 'cosine' })
   */
  addCollection(name: string, options: CollectionOptions, records?: VectorRecord[]): Standin
  /** The record mode in force (`replay` unless record options or `STANDIN_RECORD` say otherwise). */
  readonly recordMode: RecordMode
  /**
   * What record mode did in this process: files written, problems met (also journaled and warned).
   * `flush()` resolves when every recording started so far is on disk; `stop()` waits for it too.
   */
  readonly recordings: { mode: RecordMode; written: string[]; problems: string[]; flush(): Promise<void> }
}

export interface StandinSession extends FixtureMethods<StandinSession> {
  readonly id: string
  /** Canned vector query results for this session only (they win over the mock's). See {@link Standin.onQuery}. */
  onQuery(collection: string, results: CannedResults): StandinSession
  /** A vector collection in this session's store only. See {@link Standin.addCollection}. */
  addCollection(name: string, options: CollectionOptions, records?: VectorRecord[]): StandinSession
  /** The mock's base URL with this session's path prefix (for SDKs where only a base URL can be set). */
  readonly url: string
  /** Headers that put a request in this session. */
  readonly headers: Record<string, string>
  /** This session's journal entries. */
  readonly journal: JournalView
  /** Runs `fn` with in-process requests (handle(), MSW) attributed to this session. */
  run<T>(fn: () => T): T
  /**
   * The mock's fetch handler with requests attributed to this session (unless a header or path prefix
   * names another), for in-process transports such as `standinHandlers(session)`.
   */
  handle(request: Request): Promise<Response>
  /** True when standin serves this request's method and path (any host). */
  canHandle(request: Request): boolean
  /** {@link Standin.connectWebSocket} with the connection attributed to this session (unless it names another). */
  connectWebSocket(request: WebSocketRequest): WebSocketAnswer
  /**
   * Chaos rates for this session's requests only (between a fixture's and the server's); `undefined`
   * removes them. `reset()` clears them and restarts the session's decision stream.
   */
  setChaos(rates: ChaosRates | undefined): StandinSession
  /** Clears this session's fixtures, match state, journal and chaos rates. */
  reset(): void
  /** Forgets the session. */
  close(): void
  /**
   * Replays the recordings in `file` in this session and records what this session forwards into it
   * (the runners give each test its own file, like a snapshot). Returns the file and how many were loaded.
   */
  useRecording(file: string): RecordingInfo
}

/**
 * Creates a mock.
 * @example
 * const mock = createStandin({ fixtures: './fixtures' })
 * mock.onMessage('hello', { content: 'Hi there!' })
 * const { url } = await mock.listen()
 * const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'test' })
 * @see https://github.com/standin/standin#readme
 */
export function createStandin(options: StandinOptions = {}): Standin {
  const configured = options.config === undefined ? undefined : loadConfig(resolve(options.config))
  const llm = configured?.config.llm
  // Copied, then set field by field: on Node 20, each property a literal adds after `...options` cost
  // ~2 µs (the copy's hidden class has no transitions to reuse), ~20 µs per mock here.
  const engineOptions: EngineOptions = Object.assign({}, options)
  engineOptions.strict = options.strict ?? configured?.config.strict
  engineOptions.chunkSize = options.chunkSize ?? llm?.chunkSize
  engineOptions.latency = options.latency ?? llm?.latency
  engineOptions.streamingProfile = options.streamingProfile ?? llm?.streamingProfile
  engineOptions.replaySpeed = options.replaySpeed ?? llm?.replaySpeed
  engineOptions.chaos = options.chaos ?? llm?.chaos
  engineOptions.auth = options.auth ?? configured?.config.auth
  engineOptions.metrics = options.metrics ?? !!configured?.config.metrics
  engineOptions.services = options.services ?? configured?.config.services
  const engine = new Engine(engineOptions)
  const servers = new Set<RunningServer>()
  const inProcess = new InProcessSockets()
  const fixtureDirs = [
    ...(configured?.fixtures ?? []),
    ...(options.fixtures === undefined ? [] : [options.fixtures].flat()),
  ]
  const recorder = new Recorder(
    engine,
    resolveRecordOptions(options.record ?? configRecordOptions(configured?.config), fixtureDirs),
  )
  engine.recorder = recorder
  if (forwards(recorder.mode)) engine.seams = { ...engine.seams, onMiss: recorder.onMiss }
  const rateLimiter = installRateLimits(engine, options.rateLimits ?? llm?.rateLimits)
  const load = (path: string | string[], persistent: boolean): LoadResult => {
    const loaded = loadFixtureFiles(Array.isArray(path) ? path : [path])
    for (const { name, entries, plain } of loadedFiles(loaded))
      for (let index = 0; index < entries.length; index++)
        registerFileEntry(engine.loaded, entries[index]!, name, index, plain, persistent)
    // Re-recording (and live) modes do not answer from recordings already on disk.
    recorder.dropLoadedRecordings(engine.loaded)
    return loaded
  }
  // Loads at creation have no caller to return warnings to: they become process warnings.
  const loadAndWarn = (path: string | string[]) => {
    for (const { file, path: at, message } of load(path, true).warnings)
      process.emitWarning(`${file} at ${at}: ${message}`, { code: 'STANDIN_FIXTURE' })
  }
  if (configured && configured.fixtures.length > 0) loadAndWarn(configured.fixtures)
  if (options.fixtures !== undefined) loadAndWarn(options.fixtures)

  const vector = new VectorSetup()
  // Built as an object whose accessors sit on a shared prototype, with the methods assigned after: an
  // object literal that spreads the fixture methods and then defines accessors went to dictionary mode and
  // cost ~90 µs per mock. The methods stay closures, so they still work detached (`const { on } = mock`).
  const state: MockState = { engine, recorder, primary: undefined }
  const mock = Object.create(MOCK_PROTO) as Standin & MockHolder
  mock[MOCK_STATE] = state
  Object.assign(
    mock,
    fixtureMethods(
      () => engine.runtime,
      () => mock,
    ),
  )
  mock.setChaos = (rates) => {
    engine.chaos.set(rates)
    return mock
  }
  mock.clearChaos = () => {
    engine.chaos.set(undefined)
    return mock
  }
  mock.handle = async (request) => toResponse(await engine.dispatch(fromRequest(request)))
  mock.canHandle = (request) => engine.canHandle(request.method, new URL(request.url).pathname)
  mock.connectWebSocket = (request) => inProcess.accept(engine, request)
  mock.listen = async (listenOptions) => {
    // The server tells us when it is closed (by stop() or its own close()): no wrapper around close().
    const server: RunningServer = await listen(
      (incoming) => engine.dispatch(incoming),
      listenOptions,
      { upgrade: (request) => engine.upgrade(request), maxPayload: engine.options.bodyLimit },
      () => {
        servers.delete(server)
        if (state.primary === server) state.primary = undefined
      },
    )
    servers.add(server)
    state.primary ??= server
    return server
  }
  mock.start = async (listenOptions) => (await mock.listen(listenOptions)).url
  mock.stop = () => {
    try {
      inProcess.closeAll()
    } catch (error) {
      return Promise.reject(error)
    }
    // Most mocks have one server: its close() promise as it is, not a Promise.all of one.
    const closing =
      servers.size === 0
        ? undefined
        : servers.size === 1
          ? servers.values().next().value!.close()
          : Promise.all([...servers].map((s) => s.close()))
    // Recordings started before or while the servers close are waited for (flush() takes what is pending).
    return closing === undefined ? recorder.flush() : closing.then(() => recorder.flush())
  }
  mock.loadFixtures = (path) => load(path, true)
  mock.mount = (path, server) => {
    engine.mounts.add(path, server)
    return mock
  }
  mock.onQuery = (collection, results) => {
    vector.onQuery(collection, results)
    return mock
  }
  mock.addCollection = (name, options, records) => {
    vector.addCollection(name, options, records)
    return mock
  }
  mock.session = (id) =>
    createSession({ engine, baseUrl: () => mock.url, rateLimiter, vector, inProcess }, id)
  mock.useSession = (session) => {
    engine.fallbackSession =
      session === undefined ? DEFAULT_SESSION : typeof session === 'string' ? session : session.id
  }
  mock.refuseHeaderless = (tests, onRefused) => {
    engine.headerlessRefusal =
      tests === undefined || tests.length === 0 ? undefined : { tests: [...tests], onRefused }
  }
  mock.reset = () => {
    engine.reset()
    rateLimiter?.reset()
    vector.reset()
  }
  mock.clearFixtures = () => {
    for (const store of engine.shared) store.retain(() => false)
  }
  mock.fixtureUsage = () =>
    fixtureUsage(
      engine.loaded.fixtures.filter((f) => !recorder.isRecording(f)),
      engine.served,
    )
  // The vector databases' mounts are made when a vector path is first asked (or another mount is made): a
  // mock created and stopped without such a request never builds them. A config applies its `vector`
  // section to the mounts at once, so they are made now.
  if (configured) installVector(mock, vector)
  else engine.mounts.defer(() => installVector(mock, vector), claimsVectorPath)
  if (configured) {
    mountConfigured(mock, configured)
    // Sections standin does not serve yet are never ignored in silence.
    for (const notice of configured.notices)
      if (notice.kind === 'not-served')
        process.emitWarning(`${configured.file} at ${notice.path}: ${notice.message}`, {
          code: 'STANDIN_CONFIG',
        })
  }
  return mock
}

/** Where a mock's accessors (on {@link MOCK_PROTO}) find its state. */
const MOCK_STATE = Symbol('standin.mock')

interface MockState {
  engine: Engine
  recorder: Recorder
  /** The first server still listening: its URL is the mock's. */
  primary: RunningServer | undefined
}

interface MockHolder {
  [MOCK_STATE]: MockState
}

/** The mock's accessors, shared by every mock (see createStandin). */
const MOCK_PROTO = {
  get fixtures(): readonly Fixture[] {
    const { engine } = (this as unknown as MockHolder)[MOCK_STATE]
    return [...engine.runtime.fixtures, ...engine.loaded.fixtures]
  },
  get strict(): boolean {
    return (this as unknown as MockHolder)[MOCK_STATE].engine.strict
  },
  set strict(value: boolean) {
    ;(this as unknown as MockHolder)[MOCK_STATE].engine.strict = value
  },
  get recordMode(): RecordMode {
    return (this as unknown as MockHolder)[MOCK_STATE].recorder.mode
  },
  get recordings(): Standin['recordings'] {
    const { recorder } = (this as unknown as MockHolder)[MOCK_STATE]
    return {
      mode: recorder.mode,
      written: [...recorder.written],
      problems: [...recorder.problems],
      flush: () => recorder.flush(),
    }
  },
  get url(): string {
    const { primary } = (this as unknown as MockHolder)[MOCK_STATE]
    if (!primary) throw new Error('standin is not listening: call start() or listen() first')
    return primary.url
  },
  get journal(): ClearableJournal {
    return (this as unknown as MockHolder)[MOCK_STATE].engine.sessions.journal
  },
  get currentSession(): string {
    return (this as unknown as MockHolder)[MOCK_STATE].engine.fallbackSession
  },
}

interface SessionDeps {
  engine: Engine
  baseUrl: () => string
  rateLimiter: RateLimiter | undefined
  vector: VectorSetup
  inProcess: InProcessSockets
}

function createSession(
  { engine, baseUrl, rateLimiter, vector, inProcess }: SessionDeps,
  id = engine.ids.id('s_'),
): StandinSession {
  // A handle pins its session: it is never expired while the handle may use it, until close().
  const state = () => {
    const session = engine.sessions.get(id)
    session.pinned = true
    return session
  }
  state()
  // As the mock: accessors on a shared prototype, closures assigned (see createStandin).
  const session = Object.create(SESSION_PROTO) as StandinSession & SessionHolder
  session[SESSION_STATE] = { engine, baseUrl, state }
  Object.assign(
    session,
    fixtureMethods(
      () => state().store,
      () => session,
    ),
  )
  ;(session as { id: string }).id = id
  session.onQuery = (collection, results) => {
    vector.storeFor(state().memory(VECTOR_PROVIDER)).onQuery(collection, results)
    return session
  }
  session.addCollection = (name, options, records = []) => {
    const store = vector.storeFor(state().memory(VECTOR_PROVIDER))
    store.createCollection(name, options)
    store.upsert(name, records)
    return session
  }
  ;(session as { headers: Record<string, string> }).headers = { [STANDIN_SESSION_HEADER]: id }
  session.run = (fn) => withSession(id, fn)
  session.handle = (request) =>
    withSession(id, async () => toResponse(await engine.dispatch(fromRequest(request))))
  session.canHandle = (request) => engine.canHandle(request.method, new URL(request.url).pathname)
  session.connectWebSocket = (request) => withSession(id, () => inProcess.accept(engine, request))
  session.setChaos = (rates) => {
    engine.chaos.setForSession(state(), rates)
    return session
  }
  session.reset = () => {
    engine.sessions.peek(id)?.reset()
    rateLimiter?.forget(id)
  }
  session.useRecording = (file) => {
    state()
    return engine.recorder!.useRecording(id, file)
  }
  session.close = () => {
    engine.sessions.delete(id)
    rateLimiter?.forget(id)
  }
  return session
}

/** Where a session handle's accessors (on {@link SESSION_PROTO}) find its state. */
const SESSION_STATE = Symbol('standin.session')

interface SessionHolder {
  [SESSION_STATE]: { engine: Engine; baseUrl: () => string; state: () => Session }
}

/** A session handle's accessors, shared by every handle (see createSession). */
const SESSION_PROTO = {
  get fixtures(): readonly Fixture[] {
    return (this as unknown as SessionHolder)[SESSION_STATE].state().store.fixtures
  },
  get url(): string {
    const id = (this as unknown as StandinSession).id
    return `${(this as unknown as SessionHolder)[SESSION_STATE].baseUrl()}/_s/${encodeURIComponent(id)}`
  },
  get journal(): JournalView {
    const id = (this as unknown as StandinSession).id
    return (
      (this as unknown as SessionHolder)[SESSION_STATE].engine.sessions.peek(id)?.journal ?? EMPTY_JOURNAL
    )
  },
}

const EMPTY_JOURNAL: JournalView = filteredView(() => [])

/**
 * Builds the fixture methods over a store (the shared one, or a session's). `fixtures` is left to the owner:
 * callers spread these methods, and a spread copies a getter's value once instead of the getter.
 */
export function fixtureMethods<Self>(
  store: () => FixtureStore,
  self: () => Self,
): Omit<FixtureMethods<Self>, 'fixtures'> {
  const on = (
    match: FixtureMatch,
    response: FixtureResponse | ResponseFactory,
    opts?: FixtureOpts & { id?: string },
  ) => {
    // The usual `on({ userMessage: 'hi' }, { content: 'Hello' })`: the shortcut checks accept only what the
    // schemas accept, so a bad call still goes the long way and fails there with the same message. The
    // fixture keeps the content (a copy of the response, made when read).
    if (opts === undefined && typeof response !== 'function' && isStringMatch(match, false)) {
      const content = quickContent(response)
      if (content !== undefined) {
        registerFixture(store(), match, content, undefined, undefined, undefined, 'on()', false)
        return self()
      }
    }
    // Without options (most calls), no copy of them: two objects fewer per call.
    let id: string | undefined
    let rest: FixtureOpts | undefined
    if (opts !== undefined) ({ id, ...rest } = opts)
    const source = 'on()'
    const parsed = typeof response === 'function' ? response : validateResponse(response, source)
    validateMatch(match, source)
    registerFixture(store(), match, parsed, rest, undefined, id, source, false)
    return self()
  }
  return {
    on,
    onMessage: (text, response, opts) => on({ userMessage: text }, response, opts),
    onToolCall: (name, response, opts) => on({ toolName: name }, response, opts),
    onToolResult: (toolCallId, response, opts) => on({ toolCallId }, response, opts),
    onEmbedding: (text, vector, opts) =>
      on(
        { inputText: text, endpoint: 'embedding' },
        Array.isArray(vector) ? { embedding: vector } : vector,
        opts,
      ),
    onSearch: (query, results, opts) =>
      on({ searchQuery: query }, { search: Array.isArray(results) ? { results } : results }, opts),
    onExtract: (url, pages, opts) =>
      on({ extractUrl: url }, { extract: Array.isArray(pages) ? { results: pages } : pages }, opts),
    onRerank: (query, ranking, opts) =>
      on(
        { rerankQuery: query },
        typeof ranking === 'function'
          ? async (request) => ({ rerank: await ranking(request as RerankRequest) })
          : { rerank: ranking },
        opts,
      ),
    onModerate: (input, verdict, opts) => on({ moderationInput: input }, { moderation: verdict }, opts),
    add(entries) {
      const list = Array.isArray(entries) ? entries : entries.fixtures
      // Validate every entry before adding any, so a bad list adds nothing and reports every problem.
      const issues: FixtureIssue[] = []
      const parsed = list.flatMap((entry, index) => {
        try {
          return [parseEntry(entry, `add()[${index}]`)]
        } catch (error) {
          if (!(error instanceof FixtureError)) throw error
          issues.push(...error.issues)
          return []
        }
      })
      if (issues.length > 0) throw new FixtureError(issues)
      for (const entry of parsed) registerEntry(store(), entry, 'add()', false)
      return self()
    },
  }
}

function validateResponse(response: FixtureResponse, source: string) {
  const quick = quickResponse(response)
  if (quick) return quick
  const parsed = fixtureSchemas().responseSchema.safeParse(response)
  if (!parsed.success) throw new FixtureError(toFixtureIssues(source, parsed.error, 'response'))
  return parsed.data
}

/** Checks a match given in code against the file schema, so a misspelt field fails instead of matching everything. */
function validateMatch(match: FixtureMatch, source: string): void {
  if (typeof match !== 'object' || match === null) {
    throw new FixtureError([{ file: source, path: 'match', message: 'expected an object' }])
  }
  if (isStringMatch(match, true)) return
  const { predicate, ...fields } = match
  if (predicate !== undefined && typeof predicate !== 'function') {
    throw new FixtureError([{ file: source, path: 'match.predicate', message: 'expected a function' }])
  }
  // A RegExp is valid as it is; the file schema only knows the `{regex}` form, so stand in a string.
  const json = Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, value instanceof RegExp ? '' : value]),
  )
  const parsed = fixtureSchemas().matchSchema.safeParse(json)
  if (!parsed.success) throw new FixtureError(toFixtureIssues(source, parsed.error, 'match'))
}

/**
 * Identity function that types a fixture module.
 * @example export default defineFixtures([{ match: { userMessage: 'hi' }, response: { content: 'Hello' } }])
 */
export function defineFixtures(entries: FixtureEntry[]): FixtureEntry[] {
  return entries
}
