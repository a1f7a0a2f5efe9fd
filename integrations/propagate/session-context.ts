/**
 * Where the app server keeps the running test's session id while it handles a request. Only
 * `node:async_hooks`: this file ships to app servers and must not pull the engine in.
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks'

/** The header the mock reads (same value as `STANDIN_SESSION_HEADER` in `standin`). */
export const SESSION_HEADER = 'x-standin-session'
/** The cookie `standin/playwright` sets on the app's origin. */
export const SESSION_COOKIE = 'standin-session'

const storage = new AsyncLocalStorage<string>()

/** The session of the request being handled, if a test named one. */
export function currentStandinSession(): string | undefined {
  return storage.getStore()
}

/** Runs `fn` with calls it makes to the mock attributed to `session` (no session: runs `fn` as is). */
export function runInSession<T>(session: string | undefined, fn: () => T): T {
  return session ? storage.run(session, fn) : fn()
}

/** True when the app runs under a standin test (`STANDIN_URL` set, or targets given). */
export function standinEnabled(): boolean {
  return Boolean(process.env.STANDIN_URL)
}
