/**
 * `standinHandlers()`: MSW request handlers that answer provider traffic in-process from a standin mock.
 * Only `msw`'s public names that exist in both majors (2.11+ and 3) are used, so the user's own msw
 * instance and version do the interception.
 * @module
 */
import { http, type RequestHandler, type WebSocketHandler } from 'msw'
import type { Standin, StandinSession } from 'standin/internal'
import { ownsRequest, type Ownership } from './owns-request'
import { standinWebSocketHandlers } from './standin-websockets'

/** What to do with a request to an owned host on a path standin does not serve. */
export type UnknownRouteMode = 'fallthrough' | 'passthrough' | 'error'

export interface StandinHandlersOptions extends Ownership {
  /**
   * A request to an owned host whose method and path standin does not serve (a provider API it does not
   * stand in for yet, say):
   * - `'fallthrough'` (default): standin does not claim it; your later handlers, then MSW's
   *   `onUnhandledRequest`, decide.
   * - `'passthrough'`: it goes out to the real network (MSW `passthrough()`).
   * - `'error'`: standin answers it with its 404 "no route" error, which the journal records (so
   *   `toHaveNoUnmatchedRequests()` fails).
   */
  onUnknown?: UnknownRouteMode
}

/**
 * What answers the requests: a mock, or one of its sessions (then the requests it answers are attributed
 * to that session unless they name another).
 */
export type StandinTarget = Pick<Standin | StandinSession, 'handle' | 'canHandle'> &
  Partial<Pick<Standin | StandinSession, 'connectWebSocket'>>

/**
 * MSW handlers that own the real provider hosts (api.openai.com, api.anthropic.com, ...; see
 * `PROVIDER_HOSTS`) and any extra `baseUrls`, and answer them through `target.handle()`: the same
 * fixtures, journal and matchers as the mock's port, streamed bodies still streamed. WebSocket
 * connections to those hosts made with the global `WebSocket` (OpenAI Realtime) are served too, through
 * MSW's `ws` API (`target.connectWebSocket()`). Other requests are left to your handlers. Put them after your own handlers so yours win (MSW runs handlers in order).
 *
 * Start MSW before the app builds its SDK client: the `openai` SDK keeps the global `fetch` it finds at
 * construction, and MSW replaces that global in `listen()`.
 * @example
 * import { setupServer } from 'msw/node'
 * import { createStandin } from 'standin/internal'
 * import { standinHandlers } from 'standin/msw'
 * const mock = createStandin({ fixtures: './fixtures' })
 * const server = setupServer(...myHandlers, ...standinHandlers(mock, { baseUrls: ['http://llm.internal:4000'] }))
 * @see https://mswjs.io/docs/best-practices/structuring-handlers
 */
export function standinHandlers(
  target: StandinTarget,
  options: StandinHandlersOptions = {},
): (RequestHandler | WebSocketHandler)[] {
  const owns = ownsRequest(options)
  const mode = options.onUnknown ?? 'fallthrough'
  assertMode(mode)
  // Only 'fallthrough' asks the engine in the predicate: there a request standin does not serve must not
  // match at all, so MSW moves on to the next handler without logging it as handled.
  const claims = (request: Request) => owns(request) && (mode !== 'fallthrough' || target.canHandle(request))
  return [
    ...standinWebSocketHandlers(target, { ...options, passthroughUnknown: mode === 'passthrough' }),
    http.all(
      ({ request }) => claims(request),
      ({ request }) =>
        mode === 'passthrough' && !target.canHandle(request) ? passthrough() : target.handle(request),
    ),
  ]
}

/**
 * MSW's `passthrough()`, loaded on the first request that needs it: it lives only in `msw`'s main entry
 * in 2.x, which costs tens of ms to load, while `http` and `ws` come from lighter entries (see
 * scripts/build/peer-guard.ts).
 */
async function passthrough(): Promise<Response> {
  const msw = await import('msw')
  return msw.passthrough()
}

function assertMode(mode: string): asserts mode is UnknownRouteMode {
  if (mode !== 'fallthrough' && mode !== 'passthrough' && mode !== 'error') {
    throw new TypeError(
      `standinHandlers: onUnknown must be 'fallthrough', 'passthrough' or 'error', got ${JSON.stringify(mode)}`,
    )
  }
}
