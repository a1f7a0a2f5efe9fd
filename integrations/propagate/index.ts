/**
 * `standin/propagate`: the small app-side helper for end-to-end tests where one app server serves many
 * test workers. The test names its session (cookie or header); the middleware reads it into
 * AsyncLocalStorage; the fetch wrapper forwards it to the mock, so each test sees only its own requests.
 * Everything is a no-op unless `STANDIN_URL` is set. Imports nothing but `node:async_hooks`.
 * @example
 * import { standinPropagation, installStandinFetch } from 'standin/propagate'
 * installStandinFetch()
 * const propagation = standinPropagation()
 * createServer((req, res) => propagation(req, res, () => handle(req, res)))
 * @module
 */
export { standinPropagation, type StandinPropagation } from './standin-propagation'
export {
  installStandinFetch,
  standinFetch,
  standinHeaders,
  type StandinFetchOptions,
} from './install-standin-fetch'
export { readSession, type RequestLike, type HeaderSource } from './read-session'
export { currentStandinSession, runInSession, SESSION_HEADER, SESSION_COOKIE } from './session-context'
