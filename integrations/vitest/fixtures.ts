/**
 * The `standin` (test) and `standinServer` (worker) fixtures, exported for `test.extend` so users can
 * add them to their own extended `test`.
 * @module
 */
import type { FixtureMethods, Standin, StandinSession } from 'standin/internal'
import type { RunnerTestCase } from 'vitest'
import { testSession } from './test-session'
import { requireWorker } from './worker-state'

/** The worker's mock and its port (one per worker; with the default `isolate: true`, one per test file). */
export interface StandinWorkerServer {
  /** `http://127.0.0.1:PORT`: `OPENAI_BASE_URL` is this plus `/v1`. */
  readonly url: string
  readonly port: number
  /** The worker's mock, every session's fixtures and journal. */
  readonly mock: Standin
  /** The shared mock's base URL in mode `'shared'`. */
  readonly sharedUrl: string | undefined
}

/**
 * The running test's session: fixtures added with `on()` apply to this test only (before the shared file
 * fixtures), and `journal` holds only this test's requests.
 */
export interface StandinTestSession
  extends
    Omit<StandinSession, 'url' | keyof FixtureMethods<StandinSession>>,
    FixtureMethods<StandinTestSession> {
  /**
   * This test's own address, `http://127.0.0.1:PORT/_s/<id>`: a client built from it (`${standin.url}/v1`)
   * reaches this test's session even while other tests run concurrently (`test.concurrent`).
   */
  readonly url: string
  /** The worker's base URL, `http://127.0.0.1:PORT` (what the provider variables point at). */
  readonly workerUrl: string
  /** @deprecated The same as `url`. */
  readonly sessionUrl: string
  /** The worker's mock. */
  readonly mock: Standin
}

export interface StandinFixtures {
  standin: StandinTestSession
  standinServer: StandinWorkerServer
}

type Use<T> = (value: T) => Promise<void>

/** Reads the worker state on each access, so a value kept past its file never holds a closed mock. */
const workerServer: StandinWorkerServer = {
  get url() {
    return requireWorker().server.url
  },
  get port() {
    return requireWorker().server.port
  },
  get mock() {
    return requireWorker().mock
  },
  get sharedUrl() {
    return requireWorker().sharedUrl
  },
}

const CHAINABLE = ['on', 'onMessage', 'onToolCall', 'onToolResult', 'onEmbedding', 'add'] as const

type Handle = StandinTestSession & { [SERVER]?: StandinWorkerServer }
const SERVER = Symbol('standin.server')

/** The session a handle stands on (its prototype). */
const sessionOf = (handle: object) => Reflect.getPrototypeOf(handle) as StandinSession
/** The worker server a handle shows: the fixture's own (a `test.extend` may give another). */
const serverOf = (handle: Handle) => handle[SERVER] ?? workerServer

/**
 * The handle's own accessors, made once: they read the session the handle stands on, so a test pays for one
 * `Object.create`, not a closure per accessor.
 */
const HANDLE_PROPERTIES: PropertyDescriptorMap = {
  url: { get: urlOf, enumerable: true },
  workerUrl: { get: workerUrlOf, enumerable: true },
  sessionUrl: { get: urlOf, enumerable: true },
  mock: { get: mockOf, enumerable: true },
}
function urlOf(this: Handle): string {
  return sessionOf(this).url
}
function workerUrlOf(this: Handle): string {
  return serverOf(this).url
}
function mockOf(this: Handle): Standin {
  return serverOf(this).mock
}

/** The session seen through the test's eyes: `workerUrl` and `mock` added, and fixture methods chain on the handle. */
function testHandle(session: StandinSession, server: StandinWorkerServer): StandinTestSession {
  const handle = Object.create(session, HANDLE_PROPERTIES) as Handle
  if (server !== workerServer) Object.defineProperty(handle, SERVER, { value: server })
  // Plain writable values, not accessors: they can be destructured, reassigned, and spied on with
  // `vi.spyOn(standin, 'on')` (which reads an accessor without its object).
  for (const name of CHAINABLE) {
    const method = session[name] as (...args: unknown[]) => unknown
    Object.defineProperty(handle, name, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => {
        method(...args)
        return handle
      },
    })
  }
  return handle
}

/**
 * The fixtures behind `test` from `standin/vitest`, for your own `test.extend`.
 * @example
 * import { test as base } from 'vitest'
 * import { standinFixtures, type StandinFixtures } from 'standin/vitest'
 * export const test = base.extend<StandinFixtures & { user: string }>({ ...standinFixtures, user: 'ada' })
 */
export const standinFixtures = {
  // Vitest reads each fixture's first parameter to learn its dependencies: it must stay destructured.
  standinServer: [
    async ({}: object, use: Use<StandinWorkerServer>) => {
      requireWorker()
      await use(workerServer)
    },
    { scope: 'worker' },
  ] as [(context: object, use: Use<StandinWorkerServer>) => Promise<void>, { scope: 'worker' }],
  standin: async (
    { task, standinServer }: { task: RunnerTestCase; standinServer: StandinWorkerServer },
    use: Use<StandinTestSession>,
  ) => {
    await use(testHandle(testSession(requireWorker(), task.id), standinServer))
  },
}
