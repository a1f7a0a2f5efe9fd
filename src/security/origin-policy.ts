/**
 * Which browser origins may call what. Provider routes answer any origin (browser apps call the mock
 * directly, and Playwright routes pages to it). The control API answers only its own origin and origins
 * configured with `allowedOrigins`: any other page could otherwise read the journal, add fixtures or reset
 * the mock. Browsers send `Origin` on every cross-origin fetch and on every POST, so a request without one
 * comes from a server-side client or the address bar.
 * @see https://fetch.spec.whatwg.org/#http-cors-protocol
 * @module
 */
import { jsonReply, type HeaderReader, type Reply } from '../core/reply'
import { StandinError } from '../errors'

/** `/__standin/...` and `/metrics`, also under a `/_s/<session>` prefix. */
const CONTROL_PATH = /^(?:\/_s\/[^/]+)?(?:\/__standin\/|\/metrics$)/

/**
 * `*` does not cover `Authorization` (a CORS non-wildcard request-header), so it is listed: a browser app
 * sending a key, or the control token, would fail its preflight otherwise.
 */
const ALLOW_HEADERS = '*, authorization'
const METHODS = 'GET, POST, PUT, DELETE, OPTIONS'

/** Sent to browsers on provider routes: on preflights and on requests carrying `Origin`. */
const ANY_ORIGIN: Readonly<Record<string, string>> = Object.freeze({
  'access-control-allow-origin': '*',
  'access-control-allow-methods': METHODS,
  'access-control-allow-headers': ALLOW_HEADERS,
  'access-control-expose-headers': '*',
})
const NONE: Readonly<Record<string, string>> = Object.freeze({})
const NO_CORS: OriginVerdict = Object.freeze({ headers: NONE })

export interface OriginVerdict {
  /** CORS headers to add to the reply. */
  headers: Readonly<Record<string, string>>
  /** The reply to send instead, when the origin may not make this request. */
  refused?: Reply
}

export function isControlPath(pathname: string): boolean {
  return CONTROL_PATH.test(pathname)
}

/**
 * The CORS headers for a request, or its refusal: a control route from a foreign origin gets a 403 and no
 * CORS header, so the browser neither sends the real request after a preflight nor shows the page a reply.
 * Server-side SDKs send no `Origin`, so their replies skip the headers altogether.
 */
export function checkOrigin(
  request: { method: string; url: URL; pathname?: string | undefined; headers: HeaderReader },
  allowedOrigins: ReadonlySet<string>,
): OriginVerdict {
  const origin = request.headers.get('origin')
  // No page sent it (server-side SDKs, the usual request): no CORS header on any path, so the path is not
  // tested and no verdict made (one shared).
  if (origin === null && request.method !== 'OPTIONS') return NO_CORS
  if (!isControlPath(request.pathname ?? request.url.pathname)) {
    return { headers: request.method === 'OPTIONS' || origin !== null ? ANY_ORIGIN : NONE }
  }
  if (origin === null || origin === request.url.origin) return { headers: NONE }
  if (allowedOrigins.has(origin) || allowedOrigins.has('*')) return { headers: reflect(origin) }
  return { headers: NONE, refused: refusal(origin) }
}

/** What a mock without `allowedOrigins` allows. */
const NO_ORIGINS: ReadonlySet<string> = new Set()

/**
 * The configured origins in the form browsers send them (`http://localhost:3000`, no path or trailing
 * slash), or `*` for any; throws a StandinError naming an entry that is not an origin.
 */
export function normalizeOrigins(origins?: readonly string[]): ReadonlySet<string> {
  // Most mocks allow no origin: one shared empty set (it is only read), not a Set and an array per mock.
  if (origins === undefined || origins.length === 0) return NO_ORIGINS
  return new Set(
    origins.map((origin) => {
      if (origin === '*') return origin
      try {
        const url = new URL(origin)
        if (url.origin !== 'null') return url.origin
      } catch {
        // Reported below.
      }
      throw new StandinError(
        'STANDIN_OPTIONS',
        `allowedOrigins: "${origin}" is not an origin; expected scheme, host and port, e.g. http://localhost:3000 (or * for any)`,
      )
    }),
  )
}

function reflect(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': METHODS,
    'access-control-allow-headers': ALLOW_HEADERS,
    'access-control-expose-headers': '*',
    vary: 'origin',
  }
}

function refusal(origin: string): Reply {
  return jsonReply(403, {
    error: {
      message:
        `standin's control API does not answer pages from ${origin}: only same-origin requests and the ` +
        'origins given with allowedOrigins (--allow-origin) may call it.',
      type: 'permission_error',
      code: 'origin_not_allowed',
    },
  })
}
