/**
 * Reads the session a test put on an incoming request: the `x-standin-session` header first, then the
 * `standin-session` cookie. Works with node:http headers and WHATWG `Headers`.
 * @module
 */
import { SESSION_COOKIE, SESSION_HEADER } from './session-context'

/** node:http's `req.headers`, a WHATWG `Headers`, or anything with `get(name)`. */
export type HeaderSource =
  { get(name: string): string | null | undefined } | Record<string, string | string[] | undefined>

/** A request whose headers can be read: node:http `IncomingMessage`, Express `req`, or a `Request`. */
export interface RequestLike {
  headers: HeaderSource
}

/** The session id carried by `request`, or undefined. */
export function readSession(request: RequestLike): string | undefined {
  const header = headerValue(request.headers, SESSION_HEADER)
  if (header) return header
  return cookieValue(headerValue(request.headers, 'cookie'), SESSION_COOKIE)
}

function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (typeof headers.get === 'function')
    return (headers.get as (n: string) => string | null | undefined)(name) ?? undefined
  const value = (headers as Record<string, string | string[] | undefined>)[name]
  return Array.isArray(value) ? value[0] : value || undefined
}

function cookieValue(cookies: string | undefined, name: string): string | undefined {
  if (!cookies) return undefined
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return undefined
}
