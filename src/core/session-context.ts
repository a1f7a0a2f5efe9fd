/**
 * In-process session scoping: code run inside `withSession(id, fn)` (a test, an MSW resolver) has its
 * requests attributed to that session when no header or path prefix names one.
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks'

const storage = new AsyncLocalStorage<string>()

export const STANDIN_SESSION_HEADER = 'x-standin-session'

/** Runs `fn` with requests it makes attributed to `session`. */
export function withSession<T>(session: string, fn: () => T): T {
  return storage.run(session, fn)
}

export function currentSession(): string | undefined {
  return storage.getStore()
}
