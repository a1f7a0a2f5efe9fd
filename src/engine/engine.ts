/**
 * The engine: one pipeline for every surface and transport. It routes a request (control API, mounted
 * protocol server, provider route), attaches it to its session and hands it to an {@link Exchange}, whose
 * stages live beside this file. State is owned here: options, the shared fixtures, the sessions (each
 * with its fixtures, match state, journal and protocol state), routes, mounts and the seams.
 * @see ../../ARCHITECTURE.md
 * @module
 */
import { Chaos } from '../chaos/chaos'
import { handleControl } from '../control/control-api'
import { JournalFeed } from '../control/journal-feed'
import { createIdSource, type IdSource } from '../core/ids'
import type { Incoming, Reply } from '../core/reply'
import { currentSession, STANDIN_SESSION_HEADER } from '../core/session-context'
import { FixtureStore } from '../matching/fixture-store'
import { MountTable } from '../protocols/mounts/mount-table'
import { SURFACES } from '../providers'
import type { Surface } from '../providers/provider'
import { routerFor, type Router } from '../router/router'
import { redactPath } from '../security/redact'
import { RequestGuard } from '../security/request-guard'
import type { Session } from '../sessions/session'
import { DEFAULT_SESSION, SessionRegistry } from '../sessions/session-registry'
import { WireError } from '../errors'
import { Exchange } from './exchange'
import { ServedCounts } from './fixture-usage'
import { resolveOptions, type EngineOptions, type ResolvedOptions } from './options'
import { routeRequest } from './route-request'
import type { EngineSeams } from './seams'
import type { Recorder } from '../record/recorder'
import type { RateLimiter } from '../ratelimit/rate-limiter'
import type { JournalEntry } from '../journal/journal'
import { Metrics } from '../metrics/metrics'
import { WEBSOCKET_SURFACES } from '../providers/websocket-surfaces'
import { acceptUpgrade } from '../websocket/accept'
import { WsRegistry } from '../websocket/registry'
import type { UpgradeDecision, UpgradeRequest } from '../websocket/socket'

export class Engine {
  readonly options: ResolvedOptions
  /**
   * Fixtures added at run time on the mock (`on()`, `add()`, the control API): searched after a session's
   * own and before {@link loaded}, so a fixture a test adds wins over the files.
   */
  readonly runtime = new FixtureStore()
  #loaded: FixtureStore | undefined
  #sessions: SessionRegistry | undefined
  #served: ServedCounts | undefined
  readonly ids: IdSource
  readonly #surfaces: Surface[]
  #router: Router | undefined
  /** Protocol servers (MCP, A2A, ...) served under a path; dispatched before provider routes. */
  readonly mounts = new MountTable()
  #websockets: WsRegistry | undefined
  /** Chaos: server-level rates and each session's decision stream (see src/chaos). */
  readonly chaos: Chaos
  #journalFeed: JournalFeed | undefined
  /** Where record & replay and chaos plug in (see seams.ts). */
  seams: EngineSeams = {}
  /** Record & replay (set by createStandin): per-session recording files, the onMiss seam's owner. */
  recorder: Recorder | undefined
  /** Rate limits (set by installRateLimits): WebSocket turns count against them as requests do. */
  rateLimiter: RateLimiter | undefined
  strict: boolean
  /** CORS, the control token and inbound API keys. */
  readonly guard: RequestGuard
  /** The session of requests that name none (header, path prefix or withSession); runners point it at the running test. */
  fallbackSession = DEFAULT_SESSION
  /**
   * Set by runners while several tests run concurrently in one worker: a request that names no session
   * could belong to any of them, so it is refused with a message naming them (see `refuseHeaderless`).
   */
  headerlessRefusal: HeaderlessRefusal | undefined
  /** Called with every journal entry: the `onJournalEntry` option, metrics (one shared empty list for none). */
  readonly journalListeners: readonly ((entry: JournalEntry) => void)[]
  /** `GET /metrics`, when the `metrics` option is on. */
  readonly metrics: Metrics | undefined
  #entries = 0

  constructor(options: EngineOptions = {}, surfaces: Surface[] = SURFACES) {
    this.options = resolveOptions(options)
    this.strict = this.options.strict
    this.ids = createIdSource(options.seed)
    this.chaos = new Chaos(options.chaos, options.seed)
    this.#surfaces = surfaces
    this.guard = new RequestGuard(options)
    let listeners: ((entry: JournalEntry) => void)[] | undefined
    if (options.onJournalEntry) listeners = [options.onJournalEntry]
    if (options.metrics) {
      const metrics = new Metrics({
        fixtures: () => ({
          loaded: this.loaded.fixtures.length,
          runtime: this.runtime.fixtures.length,
          session: this.sessions.all().reduce((n, s) => n + s.store.fixtures.length, 0),
        }),
        sessions: () => this.sessions.size,
      })
      this.metrics = metrics
      ;(listeners ??= []).push((entry) => metrics.observe(entry))
    }
    // Most mocks have neither: no list of their own.
    this.journalListeners = listeners ?? NO_LISTENERS
  }

  /**
   * Every session, made on first use (a request, `session()`, the journal): a mock started and stopped
   * without one never builds the registry and its default session.
   */
  get sessions(): SessionRegistry {
    return (this.#sessions ??= new SessionRegistry(this.options.sessions, (session, removed) =>
      this.#journalFeed?.publishClear({ session, ...(removed && { removed }) }),
    ))
  }

  /** How often each loaded fixture was served, across sessions and resets (the fixture-usage report). */
  get served(): ServedCounts {
    return (this.#served ??= new ServedCounts())
  }

  /** WebSocket APIs (OpenAI Realtime, Gemini Live...), found by an upgrade request's path; made by the first. */
  get websockets(): WsRegistry {
    return (this.#websockets ??= new WsRegistry(WEBSOCKET_SURFACES))
  }

  /** Every journal entry as it is written (the journal page's live stream). */
  get journalFeed(): JournalFeed {
    return (this.#journalFeed ??= new JournalFeed())
  }

  /**
   * Tells the journal page's live stream of an entry. The stream is made by the first page that subscribes:
   * until then nobody listens, so a mock per test never makes it (issue 15).
   */
  publishEntry(entry: JournalEntry): void {
    this.#journalFeed?.publish(entry)
  }

  /** Whether an entry is heard as it is written (listeners, a subscribed page): if not, it is built when read. */
  hearsEntries(): boolean {
    return this.journalListeners.length > 0 || (this.#journalFeed !== undefined && this.#journalFeed.size > 0)
  }

  /** The provider routes, compiled once per process on the first request (not by a mock never asked). */
  get router(): Router {
    return (this.#router ??= routerFor(this.#surfaces))
  }

  /**
   * Fixtures loaded from files, config, `loadFixtures()` and recordings: searched last; `reset()` keeps them.
   * Made when first asked for: most mocks of a test load no file, and their requests search one store fewer.
   */
  get loaded(): FixtureStore {
    let loaded = this.#loaded
    if (loaded === undefined) {
      loaded = this.#loaded = new FixtureStore()
      this.runtime.link(loaded)
      // The stores searched grow by this one.
      this.#shared = undefined
    }
    return loaded
  }

  #shared: FixtureStore[] | undefined

  /**
   * The mock's own stores in search order: run-time, then loaded (once made): one array for every request,
   * never changed (a new one when the loaded store is made).
   */
  get shared(): FixtureStore[] {
    return (this.#shared ??= this.#loaded === undefined ? [this.runtime] : [this.runtime, this.#loaded])
  }

  /** The stores a session's requests search: its own, the mock's run-time ones, the loaded ones. */
  storesFor(session: Session): FixtureStore[] {
    return session.id === DEFAULT_SESSION ? this.shared : [session.store, ...this.shared]
  }

  /** Journal entry ids: `req_1`, `req_2`, ... per mock, in the order requests were journaled. */
  nextEntryId(): string {
    return `req_${++this.#entries}`
  }

  get entryCount(): number {
    return this.#entries
  }

  dispatch(incoming: Incoming): Promise<Reply> {
    let cors: ReturnType<RequestGuard['origin']>
    try {
      cors = this.guard.origin(incoming)
    } catch (error) {
      return Promise.reject(error)
    }
    if (cors.refused) return Promise.resolve(cors.refused)
    let replied: Promise<Reply>
    try {
      // Not async: the exchange's own promise is returned as it is, with no extra promise and ticks.
      const routed = this.#dispatch(incoming)
      replied = routed instanceof Promise ? routed : Promise.resolve(routed)
    } catch (error) {
      return Promise.reject(error)
    }
    // Most requests come from no browser and get no CORS headers: their reply is returned as it is, with
    // no extra promise and tick.
    const headers = cors.headers
    if (isEmpty(headers)) return replied
    return replied.then((reply) => {
      Object.assign(reply.headers, headers)
      return reply
    })
  }

  #dispatch(incoming: Incoming): Reply | Promise<Reply> {
    if (incoming.method === 'OPTIONS') return { status: 204, headers: {}, body: null }
    const target = incoming.pathname ?? incoming.url.pathname
    // Most paths have no session prefix: no match and no object for them.
    const prefixed = target.startsWith('/_s/') ? routeRequest(target) : undefined
    const pathname = prefixed === undefined ? target : prefixed.pathname
    const named = incoming.headers.get(STANDIN_SESSION_HEADER) ?? prefixed?.pathSession
    if (isControlPath(pathname)) {
      const control = { pathname, session: named }
      return this.guard.control(incoming, pathname) ?? handleControl(this, incoming, control)
    }
    // Beside the control API, guarded like it and never journaled; without metrics an unknown route.
    if (pathname === '/metrics' && this.metrics && incoming.method === 'GET')
      return this.guard.control(incoming, pathname) ?? this.metrics.reply()
    const mounted = this.mounts.match(pathname)
    const route = mounted ? undefined : this.router.match(incoming.method, pathname, incoming.headers)
    // Refused before a session is touched: a request without the key creates nothing.
    const refused = this.guard.apiKey(incoming, route?.surface)
    if (refused) return refused
    const attributed = named ?? currentSession()
    const refusal = attributed === undefined ? this.headerlessRefusal : undefined
    const session = this.sessions.get(attributed ?? this.fallbackSession)
    // Redacted once here: the path is shown in the journal and in miss messages, never routed on.
    const exchange = new Exchange(
      this,
      incoming,
      redactPath(pathname + (incoming.search ?? incoming.url.search)),
      session,
    )
    if (refusal) {
      const error = headerlessError(refusal.tests, incoming.method, pathname)
      refusal.onRefused?.(error.message)
      exchange.refuse(error)
    }
    if (mounted) return exchange.serveMount(mounted)
    if (!route) return exchange.unrouted(this.router.hasPath(pathname))
    if (route.surface.kind === 'static') return exchange.serveStatic(route.surface, route.params)
    return exchange.serveExchange(route.surface, route.params)
  }

  /** An upgrade request: refused with an HTTP reply (unknown path, key, token), or accepted (src/websocket). */
  upgrade(request: UpgradeRequest): UpgradeDecision {
    return acceptUpgrade(this, request)
  }

  /** True when a route (or the control API) answers this method and path. */
  canHandle(method: string, pathname: string): boolean {
    const path = routeRequest(pathname).pathname
    return (
      path.startsWith('/__standin/') ||
      path === '/__standin' ||
      this.mounts.match(path) !== undefined ||
      this.router.match(method, path) !== undefined
    )
  }

  /** Distinct literal models named by fixtures (for model listings). */
  fixtureModels(): string[] {
    const models = new Set<string>()
    for (const store of [...this.shared, ...this.sessions.all().map((s) => s.store)]) {
      for (const f of store.fixtures) if (f.match.model?.kind === 'model') models.add(f.match.model.value)
    }
    return [...models]
  }

  /** Forgets everything added at run time: sessions, the mock's run-time fixtures, journals; ids restart. */
  reset(): void {
    this.runtime.retain(() => false)
    this.#sessions?.clear()
    this.ids.reset()
  }
}

/** The journal listeners of an engine given none: shared, so frozen (a push by mistake throws). */
const NO_LISTENERS: readonly ((entry: JournalEntry) => void)[] = Object.freeze([])

/** Runners' concurrent tests, for refusing requests that name no session (see `Engine.headerlessRefusal`). */
export interface HeaderlessRefusal {
  /** The names of the tests running at once. */
  tests: readonly string[]
  /** Called with the refusal's message, so the runner can fail those tests in its own words. */
  onRefused?: (message: string) => void
}

function headerlessError(tests: readonly string[], method: string, path: string): WireError {
  const names = tests.map((t) => `"${t}"`).join(', ')
  return new WireError(
    400,
    `standin: ${method} ${path} names no session while ${tests.length} tests run concurrently in this worker (${names}), ` +
      "so it cannot tell whose request it is. Build the client from the test's own address (standin.url), " +
      'or send the x-standin-session header; or run these tests without .concurrent.',
    { type: 'standin_no_session', wireCode: 'standin_no_session' },
  )
}

function isEmpty(record: Readonly<Record<string, string>>): boolean {
  for (const name in record) if (Object.hasOwn(record, name)) return false
  return true
}

function isControlPath(pathname: string): boolean {
  return (
    pathname.startsWith('/__standin/') ||
    pathname === '/__standin' ||
    pathname === '/health' ||
    pathname === '/ready'
  )
}

export type { EngineOptions }
