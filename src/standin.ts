/**
 * `createStandin()`: the mock users create. Fixture methods (chainable), the journal, the fetch handler and
 * the port.
 * @module
 */
import { registerFileEntry } from './core/register'
import { addEntries, addFixture, boundOnRead, shorthand } from './core/fixture-calls'
import { STANDIN_SESSION_HEADER, withSession } from './core/session-context'
import { DEFAULT_SESSION } from './sessions/session-registry'
import type { Session } from './sessions/session'
import { resolve } from 'node:path'
import type { ChaosRates } from './chaos/rates'
import { Engine, type EngineOptions } from './engine'
import { fixtureUsage, type FixtureUsage } from './engine/fixture-usage'
import type { Fixture } from './fixtures/fixture'
import type { FixtureStore } from './matching/fixture-store'
import { loadedFiles, loadFixtureFiles, type LoadResult } from './fixtures/load'
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
} from './fixtures/schema'
import { filteredView, type ClearableJournal, type JournalView } from './journal/journal'
import type { MountSurface } from './protocols/mounts/mount'
import { fromRequest, toResponse } from './transports/fetch-adapter'
import { listen, type ListenHooks, type ListenOptions, type RunningServer } from './transports/node-server'
import type { WebSocketOptions } from './transports/websocket-upgrade'
import { InProcessSockets, type WebSocketAnswer, type WebSocketRequest } from './websocket/in-process'
import { loadConfig, type LoadedConfig } from './config/config-file'
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
  const engine = new Engine(configured ? withConfigured(options, configured) : options)
  const recorder = new Recorder(
    engine,
    resolveRecordOptions(
      options.record ?? (configured && configRecordOptions(configured.config)),
      firstFixtureDir(configured, options.fixtures),
    ),
  )
  engine.recorder = recorder
  if (forwards(recorder.mode))
    engine.seams = { ...engine.seams, onMiss: (context) => recorder.onMiss(context) }
  const rateLimiter = installRateLimits(engine, options.rateLimits ?? llm?.rateLimits)
  if (configured && configured.fixtures.length > 0) loadAndWarn(engine, recorder, configured.fixtures)
  if (options.fixtures !== undefined) loadAndWarn(engine, recorder, options.fixtures)

  // The methods live on a shared prototype (MOCK_PROTO) and read this state: a mock is one object and this
  // one, not ~28 closures (issue 15, a fresh mock per test). Detached use (`afterAll(mock.stop)`,
  // `const { on } = mock`) still works: reading a method binds it to the mock, once (see `boundOnRead`).
  const state: MockState = {
    engine,
    recorder,
    primary: undefined,
    servers: undefined,
    hooks: undefined,
    inProcess: undefined,
    rateLimiter,
    vector: undefined,
    lifecycle: undefined,
  }
  const mock = Object.create(MOCK_PROTO) as Standin & MockHolder
  mock[MOCK_STATE] = state
  // The vector databases' mounts are made when a vector path is first asked (or another mount is made): a
  // mock created and stopped without such a request never builds them. A config applies its `vector`
  // section to the mounts at once, so they are made now.
  if (configured) installVector(mock, vectorOf(state))
  else engine.mounts.defer(() => installVector(mock, vectorOf(state)), claimsVectorPath)
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

/**
 * The engine's options with a config file's values under the ones given. Without a config the options are
 * the engine's as they are: no copy (a mock per test, issue 15).
 */
function withConfigured(options: StandinOptions, configured: LoadedConfig): EngineOptions {
  const llm = configured.config.llm
  // Copied, then set field by field: on Node 20, each property a literal adds after `...options` cost
  // ~2 µs (the copy's hidden class has no transitions to reuse).
  const engineOptions: EngineOptions = Object.assign({}, options)
  engineOptions.strict = options.strict ?? configured.config.strict
  engineOptions.chunkSize = options.chunkSize ?? llm?.chunkSize
  engineOptions.latency = options.latency ?? llm?.latency
  engineOptions.streamingProfile = options.streamingProfile ?? llm?.streamingProfile
  engineOptions.replaySpeed = options.replaySpeed ?? llm?.replaySpeed
  engineOptions.chaos = options.chaos ?? llm?.chaos
  engineOptions.auth = options.auth ?? configured.config.auth
  engineOptions.metrics = options.metrics ?? !!configured.config.metrics
  engineOptions.services = options.services ?? configured.config.services
  return engineOptions
}

/** The first fixtures path (the config's, then the option's): recordings land beside it. */
function firstFixtureDir(
  configured: LoadedConfig | undefined,
  fixtures: string | string[] | undefined,
): string | undefined {
  if (configured && configured.fixtures.length > 0) return configured.fixtures[0]
  return typeof fixtures === 'string' ? fixtures : fixtures?.[0]
}

/** Where a mock's accessors (on {@link MOCK_PROTO}) find its state. */
const MOCK_STATE = Symbol('standin.mock')

interface MockState {
  engine: Engine
  recorder: Recorder
  /** The first server still listening: its URL is the mock's. */
  primary: RunningServer | undefined
  /** The servers listening, in the order they started (made by the first listen()). */
  servers: RunningServer[] | undefined
  /** What its ports call back (made by the first listen()). */
  hooks: MockHooks | undefined
  /** WebSocket connections made in-process (made by the first one, or the first session). */
  inProcess: InProcessSockets | undefined
  rateLimiter: RateLimiter | undefined
  /** The vector databases' setup (made by their mounts, onQuery() or addCollection(); see vectorOf). */
  vector: VectorSetup | undefined
  /** `listen`, `start` and `stop` bound to the mock, once read (see MOCK_LIFECYCLE). */
  lifecycle: Record<string, unknown> | undefined
}

interface MockHolder {
  [MOCK_STATE]: MockState
}

type Mock = Standin & MockHolder

function inProcessOf(state: MockState): InProcessSockets {
  return (state.inProcess ??= new InProcessSockets())
}

/** The mock's vector setup, made on first use: few tests use a vector database (issue 15). */
function vectorOf(state: MockState): VectorSetup {
  return (state.vector ??= new VectorSetup())
}

/** Loads fixture files into the mock's loaded store; returns what was loaded. */
function load(engine: Engine, recorder: Recorder, path: string | string[]): LoadResult {
  const loaded = loadFixtureFiles(Array.isArray(path) ? path : [path])
  for (const { name, entries, plain } of loadedFiles(loaded))
    for (let index = 0; index < entries.length; index++)
      registerFileEntry(engine.loaded, entries[index]!, name, index, plain, true)
  // Re-recording (and live) modes do not answer from recordings already on disk.
  recorder.dropLoadedRecordings(engine.loaded)
  return loaded
}

/** Loads at creation have no caller to return warnings to: they become process warnings. */
function loadAndWarn(engine: Engine, recorder: Recorder, path: string | string[]): void {
  for (const { file, path: at, message } of load(engine, recorder, path).warnings)
    process.emitWarning(`${file} at ${at}: ${message}`, { code: 'STANDIN_FIXTURE' })
}

type OnName =
  | 'on'
  | 'onMessage'
  | 'onToolCall'
  | 'onToolResult'
  | 'onEmbedding'
  | 'onSearch'
  | 'onExtract'
  | 'onRerank'
  | 'onModerate'

/**
 * `on()` and its shorthands for an object's prototype (the mock's, a session handle's), over the store
 * `storeOf` finds for it. They call `addFixture` directly, never each other, so no method is read (and
 * bound) on the way.
 */
function onMethods<Self>(storeOf: (self: Self) => FixtureStore): {
  [K in OnName]: (this: Self, ...args: Parameters<FixtureMethods<Self>[K]>) => Self
} {
  return {
    on(match, response, opts) {
      addFixture(storeOf(this), match, response, opts)
      return this
    },
    onMessage(text, response, opts) {
      addFixture(storeOf(this), shorthand.message(text), response, opts)
      return this
    },
    onToolCall(name, response, opts) {
      addFixture(storeOf(this), shorthand.toolCall(name), response, opts)
      return this
    },
    onToolResult(toolCallId, response, opts) {
      addFixture(storeOf(this), shorthand.toolResult(toolCallId), response, opts)
      return this
    },
    onEmbedding(text, vector, opts) {
      addFixture(storeOf(this), shorthand.embedding(text), shorthand.embeddingResponse(vector), opts)
      return this
    },
    onSearch(query, results, opts) {
      addFixture(storeOf(this), shorthand.search(query), shorthand.searchResponse(results), opts)
      return this
    },
    onExtract(url, pages, opts) {
      addFixture(storeOf(this), shorthand.extract(url), shorthand.extractResponse(pages), opts)
      return this
    },
    onRerank(query, ranking, opts) {
      addFixture(storeOf(this), shorthand.rerank(query), shorthand.rerankResponse(ranking), opts)
      return this
    },
    onModerate(input, verdict, opts) {
      addFixture(storeOf(this), shorthand.moderate(input), shorthand.moderateResponse(verdict), opts)
      return this
    },
  }
}

/**
 * Starts a server for the mock (see Standin.listen). Not async: the transport's one promise is returned as
 * it is, and the bookkeeping runs in its hooks (a mock per test, issue 15).
 */
function listenMock(mock: Mock, listenOptions: ListenOptions | undefined): Promise<RunningServer> {
  const state = mock[MOCK_STATE]
  const engine = state.engine
  return listen(
    (incoming) => engine.dispatch(incoming),
    listenOptions,
    (state.hooks ??= new MockHooks(state)),
  )
}

/**
 * What a mock's ports tell it (and ask of it): one object per mock with its methods on a prototype, not an
 * object, a nested one and three closures per listen().
 */
class MockHooks implements ListenHooks {
  constructor(readonly state: MockState) {}

  /** Read by a port on its first upgrade request (rare): made then. */
  get websockets(): WebSocketOptions {
    const engine = this.state.engine
    return { upgrade: (request) => engine.upgrade(request), maxPayload: engine.options.bodyLimit }
  }

  listening(server: RunningServer): void {
    const state = this.state
    if (state.servers === undefined) state.servers = [server]
    else state.servers.push(server)
    state.primary ??= server
  }

  // The server tells us when it is closed (by stop() or its own close()): no wrapper around close().
  closing(server: RunningServer): void {
    const state = this.state
    const servers = state.servers!
    const at = servers.indexOf(server)
    if (at >= 0) servers.splice(at, 1)
    if (state.primary === server) state.primary = undefined
  }
}

/**
 * The mock's methods, on its prototype and bound to a mock when read (see boundOnRead): one set for every
 * mock instead of ~28 closures each.
 */
type MethodName = {
  [K in keyof Standin]: Standin[K] extends (...args: never[]) => unknown ? K : never
}[keyof Standin]
type MockMethods<Name extends MethodName> = {
  [K in Name]: (this: Mock, ...args: Parameters<Standin[K]>) => ReturnType<Standin[K]>
}
/** Read once or twice per mock: bound copies kept in its state, not as own properties (see boundOnRead). */
type LifecycleName = 'listen' | 'start' | 'stop'
const MOCK_METHODS: MockMethods<Exclude<MethodName, LifecycleName>> = {
  ...onMethods<Mock>((mock) => mock[MOCK_STATE].engine.runtime),
  add(entries) {
    addEntries(this[MOCK_STATE].engine.runtime, entries)
    return this
  },
  setChaos(rates) {
    this[MOCK_STATE].engine.chaos.set(rates)
    return this
  },
  clearChaos() {
    this[MOCK_STATE].engine.chaos.set(undefined)
    return this
  },
  async handle(request) {
    return toResponse(await this[MOCK_STATE].engine.dispatch(fromRequest(request)))
  },
  canHandle(request) {
    return this[MOCK_STATE].engine.canHandle(request.method, new URL(request.url).pathname)
  },
  connectWebSocket(request) {
    const state = this[MOCK_STATE]
    return inProcessOf(state).accept(state.engine, request)
  },
  loadFixtures(path) {
    const { engine, recorder } = this[MOCK_STATE]
    return load(engine, recorder, path)
  },
  mount(path, server) {
    this[MOCK_STATE].engine.mounts.add(path, server)
    return this
  },
  onQuery(collection, results) {
    vectorOf(this[MOCK_STATE]).onQuery(collection, results)
    return this
  },
  addCollection(name, options, records) {
    vectorOf(this[MOCK_STATE]).addCollection(name, options, records)
    return this
  },
  session(id) {
    return createSession(this, id)
  },
  useSession(session) {
    this[MOCK_STATE].engine.fallbackSession =
      session === undefined ? DEFAULT_SESSION : typeof session === 'string' ? session : session.id
  },
  refuseHeaderless(tests, onRefused) {
    this[MOCK_STATE].engine.headerlessRefusal =
      tests === undefined || tests.length === 0 ? undefined : { tests: [...tests], onRefused }
  },
  reset() {
    const { engine, rateLimiter, vector } = this[MOCK_STATE]
    engine.reset()
    rateLimiter?.reset()
    vector?.reset()
  },
  clearFixtures() {
    for (const store of this[MOCK_STATE].engine.shared) store.retain(() => false)
  },
  fixtureUsage() {
    const { engine, recorder } = this[MOCK_STATE]
    return fixtureUsage(
      engine.loaded.fixtures.filter((f) => !recorder.isRecording(f)),
      engine.served,
    )
  },
}

const MOCK_LIFECYCLE: MockMethods<LifecycleName> = {
  listen(listenOptions) {
    return listenMock(this, listenOptions)
  },
  async start(listenOptions) {
    return (await listenMock(this, listenOptions)).url
  },
  stop() {
    const { inProcess, servers, recorder } = this[MOCK_STATE]
    try {
      inProcess?.closeAll()
    } catch (error) {
      return Promise.reject(error)
    }
    if (servers === undefined || servers.length === 0) return recorder.flush()
    // Most mocks have one server: its close() promise as it is, not a Promise.all of one. Recordings started
    // before or while the servers close are waited for (flush() takes what is pending); a mock whose mode
    // never forwards never records, so its server's promise is returned as it is (no closure, no promise).
    if (servers.length === 1) {
      const closed = servers[0]!.close()
      return forwards(recorder.mode) ? closed.then(() => recorder.flushIfPending()) : closed
    }
    // close() takes the server out of `servers` (the `closing` hook): a copy is mapped.
    return Promise.all([...servers].map((s) => s.close())).then(() => recorder.flushIfPending())
  },
}

/** The mock's accessors and methods, shared by every mock (see createStandin). */
const MOCK_PROTO = boundOnRead(
  {
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
  },
  MOCK_METHODS,
)
boundOnRead(MOCK_PROTO, MOCK_LIFECYCLE, (mock) => ((mock as Mock)[MOCK_STATE].lifecycle ??= {}))

/**
 * A session handle: its id, its `headers`, and where its methods (on {@link SESSION_PROTO}) find the mock.
 * Nothing else per handle: a test runner opens one per test, so its methods are shared, bound on read.
 */
type SessionHandle = StandinSession & { [SESSION_STATE]: Mock }

function createSession(mock: Mock, id = mock[MOCK_STATE].engine.ids.id('s_')): StandinSession {
  pinned(mock[MOCK_STATE].engine, id)
  const session = Object.create(SESSION_PROTO) as SessionHandle
  session[SESSION_STATE] = mock
  ;(session as { id: string }).id = id
  ;(session as { headers: Record<string, string> }).headers = { [STANDIN_SESSION_HEADER]: id }
  return session
}

/** The session's state, made again if it expired; a handle pins it: never expired until close(). */
function pinned(engine: Engine, id: string): Session {
  const session = engine.sessions.get(id)
  session.pinned = true
  return session
}

/** Where a session handle's accessors and methods (on {@link SESSION_PROTO}) find its mock. */
const SESSION_STATE = Symbol('standin.session')

function sessionState(handle: SessionHandle): Session {
  return pinned(handle[SESSION_STATE][MOCK_STATE].engine, handle.id)
}

/**
 * A session handle's methods, on its prototype and bound to the handle when read (see boundOnRead), so a
 * detached method (`const { on, close } = mock.session()`) acts on its own session.
 */
type SessionMethodName = {
  [K in keyof StandinSession]: StandinSession[K] extends (...args: never[]) => unknown ? K : never
}[keyof StandinSession]
const SESSION_METHODS: {
  [K in SessionMethodName]: (
    this: SessionHandle,
    ...args: Parameters<StandinSession[K]>
  ) => ReturnType<StandinSession[K]>
} = {
  ...onMethods<SessionHandle>((handle) => sessionState(handle).store),
  add(entries) {
    addEntries(sessionState(this).store, entries)
    return this
  },
  onQuery(collection, results) {
    vectorOf(this[SESSION_STATE][MOCK_STATE])
      .storeFor(sessionState(this).memory(VECTOR_PROVIDER))
      .onQuery(collection, results)
    return this
  },
  addCollection(name, options, records = []) {
    const store = vectorOf(this[SESSION_STATE][MOCK_STATE]).storeFor(
      sessionState(this).memory(VECTOR_PROVIDER),
    )
    store.createCollection(name, options)
    store.upsert(name, records)
    return this
  },
  run(fn) {
    return withSession(this.id, fn)
  },
  handle(request) {
    const { engine } = this[SESSION_STATE][MOCK_STATE]
    return withSession(this.id, async () => toResponse(await engine.dispatch(fromRequest(request))))
  },
  canHandle(request) {
    return this[SESSION_STATE][MOCK_STATE].engine.canHandle(request.method, new URL(request.url).pathname)
  },
  connectWebSocket(request) {
    const state = this[SESSION_STATE][MOCK_STATE]
    return withSession(this.id, () => inProcessOf(state).accept(state.engine, request))
  },
  setChaos(rates) {
    this[SESSION_STATE][MOCK_STATE].engine.chaos.setForSession(sessionState(this), rates)
    return this
  },
  reset() {
    const { engine, rateLimiter } = this[SESSION_STATE][MOCK_STATE]
    engine.sessions.peek(this.id)?.reset()
    rateLimiter?.forget(this.id)
  },
  useRecording(file) {
    sessionState(this)
    return this[SESSION_STATE][MOCK_STATE].engine.recorder!.useRecording(this.id, file)
  },
  close() {
    const { engine, rateLimiter } = this[SESSION_STATE][MOCK_STATE]
    engine.sessions.delete(this.id)
    rateLimiter?.forget(this.id)
  },
}

/** A session handle's accessors and methods, shared by every handle (see createSession). */
const SESSION_PROTO = boundOnRead(
  {
    get fixtures(): readonly Fixture[] {
      return sessionState(this as unknown as SessionHandle).store.fixtures
    },
    get url(): string {
      const handle = this as unknown as SessionHandle
      return `${handle[SESSION_STATE].url}/_s/${encodeURIComponent(handle.id)}`
    },
    get journal(): JournalView {
      const handle = this as unknown as SessionHandle
      return handle[SESSION_STATE][MOCK_STATE].engine.sessions.peek(handle.id)?.journal ?? EMPTY_JOURNAL
    },
  },
  SESSION_METHODS,
)

const EMPTY_JOURNAL: JournalView = filteredView(() => [])

/**
 * Identity function that types a fixture module.
 * @example export default defineFixtures([{ match: { userMessage: 'hi' }, response: { content: 'Hello' } }])
 */
export function defineFixtures(entries: FixtureEntry[]): FixtureEntry[] {
  return entries
}
