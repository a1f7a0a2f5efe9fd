/**
 * The object `standin()` returns in a Jest test file: the file's mock, scoped to the running test. Fixture
 * methods add to the running test's session (outside a test: to the whole file), `journal` reads that
 * session, and everything handed back is a copy made in the test's realm.
 * @module
 */
import type {
  FixtureMethods,
  JournalEntry,
  JournalFilter,
  JournalView,
  RunningServer,
  Standin,
  StandinSession,
} from 'standin/internal'
import { toHostRealm, toSandboxRealm } from './realm'

/** Where the environment puts the handle on the test file's global (a registry symbol: same in both realms). */
export const STANDIN_JEST_HANDLE = Symbol.for('standin.jest.handle')

/**
 * The mock of one Jest test file, scoped to the running test.
 * @example
 * const mock = standin()
 * test('agent searches', async () => {
 *   mock.onMessage('weather', { toolCalls: [{ name: 'search', arguments: { query: 'weather in Paris' } }] })
 *   await runAgent('weather?')
 *   expect(mock).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
 * })
 */
export interface StandinJest extends FixtureMethods<StandinJest> {
  /**
   * The running test's own address, `<workerUrl>/_s/<session id>`: a client built from it in a test
   * (`new OpenAI({ baseURL: `${mock.url}/v1` })`) sends that test's requests only, even under
   * `test.concurrent`. Outside a test (module scope, `beforeAll`), the same as `workerUrl`.
   */
  readonly url: string
  /** The file's mock base URL, `http://127.0.0.1:PORT`: what the provider variables point at. */
  readonly workerUrl: string
  readonly port: number
  /** The running test's session; undefined outside a test (module scope, `beforeAll`, `afterAll`). */
  readonly session: StandinSession | undefined
  /** The running test's journal (outside a test: the whole file's), as copies in the test's realm. */
  readonly journal: JournalView
  /** Headers that put a request in the running test's session (header-less requests join it too, unless concurrent tests run). */
  readonly headers: Record<string, string>
  /** Names the subject in matcher messages. */
  readonly label: string
  /** The file's mock itself, for what the handle does not cover (objects it returns are not realm-copied). */
  readonly mock: Standin
  /** Strict mode of the file's mock: misses answer 503. */
  strict: boolean
  /** Runs `fn` with in-process requests (`mock.mock.handle()`) attributed to the running test. */
  run<T>(fn: () => T): T
  /** Clears the running test's fixtures and journal (outside a test: the whole mock's run-time state). */
  reset(): void
}

export interface JestHandleInput {
  mock: Standin
  server: RunningServer
  /** The sandbox's `JSON`, for copies the test's realm owns. */
  sandboxJson: JSON
  /** The running test's session, if any. */
  current: () => { session: StandinSession; name: string } | undefined
}

const FIXTURE_METHODS = ['on', 'onMessage', 'onToolCall', 'onToolResult', 'onEmbedding', 'add'] as const

export function createJestHandle({ mock, server, sandboxJson, current }: JestHandleInput): StandinJest {
  const scope = (): Standin | StandinSession => current()?.session ?? mock
  const copy = <T>(value: T): T => toSandboxRealm(sandboxJson, value)
  const fixtureMethods = Object.fromEntries(
    FIXTURE_METHODS.map((name) => [
      name,
      (...args: unknown[]) => {
        const target = scope() as unknown as Record<string, (...a: unknown[]) => unknown>
        target[name]!(...args.map(toHostRealm))
        return handle
      },
    ]),
  ) as unknown as Omit<FixtureMethods<StandinJest>, 'fixtures'>
  const handle: StandinJest = {
    ...fixtureMethods,
    get fixtures() {
      return scope().fixtures
    },
    get url() {
      return current()?.session.url ?? server.url
    },
    workerUrl: server.url,
    port: server.port,
    get session() {
      return current()?.session
    },
    get journal() {
      return copiedView(scope().journal, copy)
    },
    get headers() {
      return copy(current()?.session.headers ?? {})
    },
    get label() {
      const test = current()
      return test ? `test "${test.name}"` : 'the test file'
    },
    mock,
    get strict() {
      return mock.strict
    },
    set strict(value: boolean) {
      mock.strict = value
    },
    run(fn) {
      const test = current()
      return test ? test.session.run(fn) : fn()
    },
    reset: () => scope().reset(),
  }
  return handle
}

function copiedView(view: JournalView, copy: <T>(value: T) => T): JournalView {
  const pick = (filter: JournalFilter) => (typeof filter === 'function' ? filter : toHostRealm(filter))
  return {
    get entries(): JournalEntry[] {
      return copy(view.entries)
    },
    get size() {
      return view.size
    },
    filter: (filter) => copy(view.filter(pick(filter))),
    last: (filter) => copy(view.last(filter === undefined ? undefined : pick(filter))),
    toJSON: () => copy(view.toJSON()),
  }
}
