/**
 * The engine's policy for an upgrade request, the same as for an HTTP request: the session (path prefix,
 * `x-standin-session`, the `standin-session.<id>` subprotocol for browsers, in-process scope, fallback),
 * the control token on control paths, inbound API keys (a browser's key may come as OpenAI's
 * `openai-insecure-api-key.<key>` subprotocol), the header-less refusal among concurrent tests; an unknown
 * path is answered 404 (and journaled like an unknown HTTP route).
 * @module
 */
import type { Incoming } from '../core/reply'
import { currentSession, STANDIN_SESSION_HEADER } from '../core/session-context'
import type { Engine } from '../engine/engine'
import { Exchange } from '../engine/exchange'
import { routeRequest } from '../engine/route-request'
import { WireError } from '../errors'
import { redactPath } from '../security/redact'
import { WsSession } from './connection'
import type { UpgradeDecision, UpgradeRequest } from './socket'
import { SESSION_PROTOCOL_PREFIX } from './surface'

/** OpenAI's browser clients carry their key as a subprotocol (`openai/realtime/websocket`). */
const KEY_PROTOCOL_PREFIX = 'openai-insecure-api-key.'

export function acceptUpgrade(engine: Engine, request: UpgradeRequest): UpgradeDecision {
  const incoming = upgradeIncoming(request)
  const { pathname, pathSession } = routeRequest(request.url.pathname)
  const protocolSession = request.protocols
    .find((p) => p.startsWith(SESSION_PROTOCOL_PREFIX))
    ?.slice(SESSION_PROTOCOL_PREFIX.length)
  const named = incoming.headers.get(STANDIN_SESSION_HEADER) ?? pathSession ?? protocolSession
  if (isControlPath(pathname)) {
    const refused = engine.guard.control(incoming, pathname)
    if (refused) return { kind: 'refuse', reply: refused }
  }
  const surface = isControlPath(pathname) ? undefined : engine.websockets.match(pathname)
  const refused = engine.guard.apiKey(incoming)
  if (refused) return { kind: 'refuse', reply: refused }
  const attributed = named ?? currentSession()
  const session = engine.sessions.get(attributed ?? engine.fallbackSession)
  const path = redactPath(pathname + request.url.search)
  if (!surface) {
    const exchange = new Exchange(engine, incoming, path, session)
    return { kind: 'refuse', reply: unknownPath(exchange, pathname) }
  }
  const refusal = attributed === undefined ? engine.headerlessRefusal : undefined
  if (refusal) {
    const error = headerless(refusal.tests, pathname)
    refusal.onRefused?.(error.message)
    const exchange = new Exchange(engine, incoming, path, session)
    exchange.record(surface, null, { status: 400, stream: false, error: { message: error.message } }, null)
    return {
      kind: 'refuse',
      reply: jsonError(400, error.message, 'standin_no_session'),
    }
  }
  return {
    kind: 'accept',
    protocol: chooseProtocol(request.protocols, surface.protocol),
    open: (socket) =>
      new WsSession({ engine, surface, session, incoming, path, pathname, request, socket }).peer(),
  }
}

/**
 * The subprotocol answered: the surface's pick among the client's own, else standin's session protocol, else
 * the first offered (a client that offers any and gets none back fails the handshake). A key is never echoed.
 */
function chooseProtocol(
  protocols: readonly string[],
  pick: ((offered: readonly string[]) => string | undefined) | undefined,
): string | undefined {
  const own = protocols.filter(
    (p) => !p.startsWith(SESSION_PROTOCOL_PREFIX) && !p.startsWith(KEY_PROTOCOL_PREFIX),
  )
  return pick?.(own) ?? protocols.find((p) => p.startsWith(SESSION_PROTOCOL_PREFIX)) ?? own[0]
}

/** The upgrade request as the engine's request: a GET with no body, its subprotocol key as a bearer token. */
function upgradeIncoming(request: UpgradeRequest): Incoming {
  const key = request.protocols
    .find((p) => p.startsWith(KEY_PROTOCOL_PREFIX))
    ?.slice(KEY_PROTOCOL_PREFIX.length)
  const headers = {
    get(name: string): string | null {
      const value = request.headers.get(name)
      if (value === null && key !== undefined && name === 'authorization') return `Bearer ${key}`
      return value
    },
  }
  return {
    method: 'GET',
    url: request.url,
    headers,
    headerEntries: () => request.headerEntries(),
    text: async () => '',
  }
}

function unknownPath(exchange: Exchange, pathname: string) {
  const message = `standin serves no WebSocket API at ${pathname}. See docs/websocket.md for the served paths.`
  exchange.record(null, null, { status: 404, stream: false, error: { message } }, null)
  return jsonError(404, message, 'unknown_route')
}

function jsonError(status: number, message: string, code: string) {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ error: { message, type: 'invalid_request_error', code } }),
  }
}

function headerless(tests: readonly string[], path: string): WireError {
  const names = tests.map((t) => `"${t}"`).join(', ')
  return new WireError(
    400,
    `standin: the WebSocket upgrade to ${path} names no session while ${tests.length} tests run concurrently in ` +
      `this worker (${names}), so it cannot tell whose connection it is. Connect to the test's own address ` +
      '(standin.url), or send the x-standin-session header (a browser: the standin-session.<id> subprotocol).',
    { type: 'standin_no_session', wireCode: 'standin_no_session' },
  )
}

function isControlPath(pathname: string): boolean {
  return pathname.startsWith('/__standin') || pathname === '/health' || pathname === '/ready'
}
