/**
 * The live-call guard: while tests run, a request from the test process to a real provider host is
 * answered by standin (a 403 naming the host, which SDKs do not retry) instead of leaving the process, and
 * the running test fails at its end in standin's words. One guard per realm, kept on `globalThis`, so the
 * runner's setup and `allowLiveCalls()` find the same one whichever bundle they come from.
 * @module
 */
import { engine } from '../engine'
import { currentLiveCallGuard, GUARD_KEY } from './current'
import {
  Interception,
  kindsOf,
  loadKinds,
  type InterceptorModules,
  type RequestEvent,
  type Via,
} from './interception'
import { LazyInterception, type Watching } from './lazy-interception'
import { formatLiveCalls, guardedProviderOf, liveCall, type LiveCall, type OptOutWords } from './live-call'
import type { LiveCallsMode } from './mode'

/** What a runner tells the guard as a test starts. */
export interface GuardedTest {
  name: string
  /** This test's mode (Playwright's `standinLiveCalls` may differ per test); default: the guard's. */
  mode?: LiveCallsMode
}

export interface LiveCallGuardOptions {
  mode: Exclude<LiveCallsMode, 'off'>
  /** How the failure message says to let a call through, in the runner's words. */
  words: OptOutWords
  /** Where `warn` prints (default `console.warn`). */
  warn?: (message: string) => void
  /** How to load `@mswjs/interceptors` (default: a dynamic import). */
  load?: () => Promise<InterceptorModules>
  /**
   * A synchronous way to load them, into the realm of `registry`: given one, the guard loads them only
   * when a request may go to a provider host, or another interceptor (MSW's) applies (see
   * ./lazy-interception). A load that fails then prints what `startLiveCallGuard` prints and lets calls out.
   */
  loadSync?: () => InterceptorModules
  /**
   * The global the interceptors patch and register on, and the guard is kept on (default: this realm's).
   * The Jest environment passes its test file's sandbox global, with interceptors loaded there.
   */
  registry?: object
  /**
   * With `loadSync`: `node:https`, if no one has loaded it yet, is wrapped when first required instead of
   * loaded now (see ./lazy-interception). Only for a realm whose test modules get builtins from this
   * realm's CommonJS `require` (Jest's sandbox).
   */
  httpsWhenRequired?: boolean
}

export class LiveCallGuard {
  readonly #options: LiveCallGuardOptions
  readonly #interception: Watching
  #test: (GuardedTest & { allowed: boolean }) | undefined
  /** Calls caught and not yet reported, in order. */
  #calls: LiveCall[] = []

  constructor(options: LiveCallGuardOptions, interception: (guard: LiveCallGuard) => Watching) {
    this.#options = options
    this.#interception = interception(this)
  }

  /** A test starts: its calls are its own from now on. */
  begin(test: GuardedTest): void {
    this.#interception.ensure()
    this.#test = { ...test, allowed: false }
  }

  /** `allowLiveCalls()`: the running test's calls go out. */
  allow(): boolean {
    if (!this.#test) return false
    this.#test.allowed = true
    return true
  }

  /** The running test ends: the error to fail it with, if it (or code outside any test before it) made calls. */
  end(env: NodeJS.ProcessEnv = process.env): Error | undefined {
    this.#test = undefined
    return this.flush(env)
  }

  /** Calls not yet reported (made outside any test), as one error. */
  flush(env: NodeJS.ProcessEnv = process.env): Error | undefined {
    const calls = this.#calls
    if (calls.length === 0) return undefined
    this.#calls = []
    return liveCallError(formatLiveCalls(calls, { words: this.#options.words, env }))
  }

  dispose(): void {
    this.#interception.dispose()
    const registry = this.#options.registry ?? globalThis
    if (Reflect.get(registry, GUARD_KEY) === this) Reflect.deleteProperty(registry, GUARD_KEY)
  }

  /** Every intercepted request: nothing to decide until it would really go out. */
  onRequest({ request, controller }: RequestEvent, via: Via): void {
    const provider = guardedProviderOf(new URL(request.url).host)
    // standin's own recorder forwards misses upstream on purpose (record modes).
    if (!provider || request.headers.has(engine().FORWARDED_HEADER)) return
    const test = this.#test
    // Listeners run in turn and MSW's may come after ours: only a request no one answered is passed
    // through, so the guard steps in there, for this request only.
    const passthrough = controller.passthrough.bind(controller)
    controller.passthrough = async () => {
      const mode = test?.mode ?? this.#options.mode
      if (test?.allowed || mode === 'off') return passthrough()
      const call = liveCall(request, { provider, via, test: test?.name })
      if (mode === 'warn') {
        ;(this.#options.warn ?? console.warn)(
          formatLiveCalls([call], { words: this.#options.words, env: process.env, warned: true }),
        )
        return passthrough()
      }
      this.#calls.push(call)
      controller.respondWith(blockedResponse(call))
    }
  }
}

/** A 403 in the shape most SDKs read a message from (`error.message`), marked not to be retried. */
function blockedResponse(call: LiveCall): Response {
  const message = `standin blocked a live call to ${call.host} (${call.method} ${call.url}); see the test's failure for why.`
  const body = {
    type: 'error',
    error: { type: 'standin_live_call', code: 403, status: 'PERMISSION_DENIED', message },
  }
  return Response.json(body, {
    status: 403,
    headers: { 'x-should-retry': 'false', 'x-standin-live-call': 'blocked' },
  })
}

function liveCallError(message: string): Error {
  const error = new Error(message)
  error.name = 'StandinLiveCallError'
  // The stack would point into the guard; the message says everything.
  error.stack = `${error.name}: ${message}`
  return error
}

export { currentLiveCallGuard }

/** What a worker whose interceptors did not load prints: it runs unguarded. */
export function interceptorsFailed(error: unknown): string {
  return `standin: the live-call guard is off in this worker: @mswjs/interceptors did not load (${String(error)})`
}

/**
 * Installs the guard once per realm (later calls return the same guard); loads `@mswjs/interceptors` on
 * first use only.
 */
export async function installLiveCallGuard(options: LiveCallGuardOptions): Promise<LiveCallGuard> {
  const registry = options.registry ?? globalThis
  const existing = currentLiveCallGuard(registry)
  if (existing) return existing
  const { loadSync } = options
  if (loadSync) {
    const guard = new LiveCallGuard(
      options,
      (self) =>
        new LazyInterception({
          load: () => kindsOf(loadSync()),
          listener: (event, via) => self.onRequest(event, via),
          registry,
          onLoadError: (error) => (options.warn ?? console.warn)(interceptorsFailed(error)),
          httpsWhenRequired: options.httpsWhenRequired,
        }),
    )
    Reflect.set(registry, GUARD_KEY, guard)
    return guard
  }
  const kinds = await loadKinds(options.load)
  const again = currentLiveCallGuard(registry)
  if (again) return again
  const guard = new LiveCallGuard(
    options,
    (self) => new Interception(kinds, (event, via) => self.onRequest(event, via), registry),
  )
  Reflect.set(registry, GUARD_KEY, guard)
  return guard
}
