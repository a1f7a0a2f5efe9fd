/**
 * `standin/msw/node`: `standinServer()`, an MSW `setupServer` with standin's handlers already in it.
 * A subpath of its own because `msw/node` cannot load in a browser, and `standin/msw` must.
 * @module
 */
import { setupServer, type SetupServer } from 'msw/node'
import { standinHandlers, type StandinTarget } from 'standin/msw'

type Handlers = Parameters<typeof setupServer>

/**
 * `setupServer(...handlers, ...standinHandlers(target))`: your handlers first, so they win over standin's
 * for the same request. For options (`baseUrls`, `providers`, `onUnknown`), call `setupServer` with
 * `standinHandlers(target, options)` yourself.
 * @example
 * import { http, HttpResponse } from 'msw'
 * import { createStandin } from 'standin/internal'
 * import { standinServer } from 'standin/msw/node'
 * const mock = createStandin({ fixtures: './fixtures' })
 * const server = standinServer(mock, http.get('https://api.example.com/users/:id', () => HttpResponse.json({ id: 1 })))
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
 * afterEach(() => server.resetHandlers())
 * afterAll(() => server.close())
 * @see https://mswjs.io/docs/api/setup-server
 */
export function standinServer(target: StandinTarget, ...handlers: Handlers): SetupServer {
  return setupServer(...handlers, ...standinHandlers(target))
}
