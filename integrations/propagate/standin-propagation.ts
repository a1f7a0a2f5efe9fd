/**
 * The app-side middleware: puts the session of each incoming request into AsyncLocalStorage so calls the
 * app makes to the mock while handling it can carry the session on.
 * @module
 */
import { readSession, type RequestLike } from './read-session'
import { runInSession, standinEnabled } from './session-context'

/** Connect/Express/node:http middleware, plus `run()` for fetch-style frameworks (Hono, Next route handlers). */
export interface StandinPropagation {
  (req: RequestLike, res: unknown, next: (error?: unknown) => void): void
  /**
   * Runs `fn` in the session named by `source`: a session id or a request carrying the header or cookie.
   * @example app.use(async (c, next) => propagation.run(c.req.raw, next))
   */
  run<T>(source: string | RequestLike | undefined, fn: () => T): T
}

/**
 * Creates the middleware. It does nothing (calls `next()` straight away) unless `STANDIN_URL` is set, so
 * it can stay installed in production code.
 *
 * AsyncLocalStorage caveat: Node loses the store inside `req.on('data')` listeners, so read the body with
 * `for await (const chunk of req)` (or a body parser that awaits) and call the mock after it.
 * @example
 * import { standinPropagation, installStandinFetch } from 'standin/propagate'
 * installStandinFetch()            // before the SDK client is created: SDKs capture fetch once
 * app.use(standinPropagation())    // Express / Connect
 * @see https://github.com/standin/standin#playwright
 */
export function standinPropagation(): StandinPropagation {
  const middleware = ((req, _res, next) => {
    if (!standinEnabled()) return next()
    runInSession(readSession(req), next)
  }) as StandinPropagation
  middleware.run = (source, fn) => {
    if (!standinEnabled() || source === undefined) return fn()
    return runInSession(typeof source === 'string' ? source : readSession(source), fn)
  }
  return middleware
}
