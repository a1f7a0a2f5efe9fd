/**
 * Public types of `standin/playwright`.
 * @module
 */
import type { BrowserContext, Page } from '@playwright/test'
import type {
  EngineOptions,
  FixtureEntry,
  FixtureMatch,
  FixtureOpts,
  FixtureResponse,
  JournalEntry,
  MatcherSubject,
  ResponseFactory,
  RunnerRecordOption,
  Standin,
} from 'standin/internal'
import type { StandinControl } from './session-backend'
import type { LiveCallsMode } from '../live-guard/mode'

/** `'shared'`: one mock started by `standinWebServer()`; `'worker'`: a mock per worker, in-process. */
export type StandinMode = 'shared' | 'worker'
/** How the browser tells the app which test it serves: a cookie on the app origin, a header on every
 * request, a header on app-origin requests only (`context.route`), or nothing. */
export type StandinPropagationMode = 'cookie' | 'header' | 'route' | 'none'
/** When the journal is attached to the report (the vocabulary of `trace` and `video`). */
export type StandinAttach = 'on' | 'off' | 'retain-on-failure'

export interface StandinTestOptions {
  /** Default `'cookie'`. */
  standinPropagation: StandinPropagationMode
  /** Default `'retain-on-failure'`. */
  standinAttach: StandinAttach
  /**
   * A request from the test process to a real provider host: `'fail'` (default) blocks it and fails the
   * test, `'warn'` prints why and lets it go, `'off'` does not look (`test.use({ standinLiveCalls: 'off' })`).
   * `STANDIN_LIVE_CALLS` wins.
   */
  standinLiveCalls: LiveCallsMode
}

export interface StandinWorkerOptions {
  /** Default: `'shared'` when `STANDIN_URL` is set (by `standinWebServer()`), else `'worker'`. */
  standinMode: StandinMode
  /** Worker mode: fixture files or folders, relative to the config file's folder. */
  standinFixtures: string | string[] | undefined
  /** Worker mode: engine options (strict, latency, seed, ...). */
  standinEngine: EngineOptions
  /**
   * Worker mode: a config file in the seed's one-port format (`aimock.json`), relative to the config
   * file's folder: its LLM fixtures and the MCP, AG-UI and A2A servers it describes, on the worker's mock.
   */
  standinConfig: string | undefined
  /**
   * Per-test recordings, `__recordings__/<spec file>/<title path>.json` beside each spec, replayed into
   * the test's session. Worker mode: `'replay'` (default), `'missing'`, `'all'`, `'live'`, or record
   * options (`{ mode, upstreams, keys, recordErrors }`); `STANDIN_RECORD` wins, `CI=true` replays unless
   * it is set, and `playwright test -u` re-records. Shared mode: the mode is the mock's
   * (`standinWebServer({ record })`). `false`: no per-test files.
   */
  standinRecord: RunnerRecordOption | undefined
}

/**
 * Every standin option of `use` (test and worker scope), for Playwright's `defineConfig`.
 * @example
 * import { defineConfig } from '@playwright/test'
 * import { standinWebServer, type StandinOptions } from 'standin/playwright'
 * export default defineConfig<StandinOptions>({
 *   use: { standinMode: 'shared', standinPropagation: 'cookie' },
 *   webServer: [standinWebServer({ fixtures: './fixtures' })],
 * })
 */
export type StandinOptions = StandinTestOptions & StandinWorkerOptions

/** Worker mode's mock: its URL and the engine itself. */
export interface StandinServer {
  url: string
  port: number
  mock: Standin
}

/** The running test's session on the mock. */
export interface StandinPlaywrightSession {
  /** `<testId>-r<retry>`. */
  readonly id: string
  /** The mock's base URL (`http://127.0.0.1:PORT`). */
  readonly baseUrl: string
  /** The base URL with this session's path prefix, for SDKs where only a base URL can be set. */
  readonly url: string
  /** `{ 'x-standin-session': id }`. */
  readonly headers: Record<string, string>
  /**
   * Adds a fixture to this test's session; it is searched before the file fixtures.
   * @example await standin.on({ userMessage: /weather/ }, { toolCalls: [{ name: 'search', arguments: { query: 'x' } }] })
   */
  on(
    match: FixtureMatch,
    response: FixtureResponse | ResponseFactory,
    opts?: FixtureOpts & { id?: string },
  ): Promise<void>
  /** Adds fixture entries in the file format. */
  add(entries: FixtureEntry[] | { fixtures: FixtureEntry[] }): Promise<void>
  /** This test's journal entries, oldest first. */
  journal(): Promise<JournalEntry[]>
  /** Clears this test's fixtures and journal. */
  reset(): Promise<void>
  /**
   * Sends the page's own calls to `from` (a URL prefix or a RegExp on the URL) to the mock, in this
   * session, keeping path and query. `route.continue` keeps streams streaming; the new URL must use the
   * same protocol, so point browser SDKs at an `http://` base URL in tests.
   * @example await standin.routeBrowser(page, 'http://llm.test/')
   */
  routeBrowser(target: Page | BrowserContext, from: string | RegExp): Promise<void>
  /** The journal and fixtures at this instant (what the matchers read). */
  snapshot(): Promise<MatcherSubject>
}

export interface StandinTestFixtures {
  standin: StandinPlaywrightSession
  /** `<testId>-r<retry>`: the session id the browser propagates. */
  standinSessionId: string
  /** Auto: the live-call guard around each test (see `standinLiveCalls`). */
  standinLiveCallGuard: void
}

export interface StandinWorkerFixtures {
  /** Opens sessions on the mock (shared or this worker's). */
  standinControl: StandinControl
  /** Worker mode: this worker's mock; `undefined` in shared mode. */
  standinServer: StandinServer | undefined
}
