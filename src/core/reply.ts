/**
 * The engine's internal request and reply. WHATWG `Request`/`Response` and node:http both adapt to these
 * in a few lines; answering node:http without building WHATWG objects keeps the port fast.
 * @see ../../docs/decisions/internal-reply.md
 * @module
 */

export interface HeaderReader {
  get(name: string): string | null
}

export interface Incoming {
  method: string
  url: URL
  /**
   * `url.pathname` and `url.search`, when the transport knows them without making the URL (the node server,
   * for a plain request target): most requests never need the URL itself.
   */
  pathname?: string
  search?: string
  headers: HeaderReader
  /** Every header, lower-case names (read only when journaling). */
  headerEntries(): Iterable<[string, string]>
  /**
   * The same headers as the transport's own record (node's `req.headers`: lower-case names, a repeated
   * header as an array, HTTP/2 pseudo-headers under `:` names), when it has one: the journal reads it
   * instead of {@link headerEntries}, with no pair per header.
   */
  headerRecord?(): Readonly<Record<string, string | string[] | undefined>>
  /** The body as text; rejects with {@link BodyTooLargeError} past `limit` bytes. */
  text(limit: number): Promise<string>
  /** Aborted when the client goes away. */
  signal?: AbortSignal
}

export interface Reply {
  status: number
  headers: Record<string, string>
  /** A whole body, or chunks written one by one (streaming). */
  body: string | Uint8Array | AsyncIterable<string | Uint8Array> | null
  /**
   * No response at all: the connection is cut before anything is sent (chaos `disconnect`). Each transport
   * does its natural thing: the node server destroys the socket (HTTP/2: resets the stream), the fetch
   * adapter (MSW, `mock.handle()`) answers `Response.error()`, a Playwright route aborts.
   */
  cut?: true
  /**
   * What `body` reports in its `usage`, when already known (a chat reply built from a template): the rate
   * limiter reads it instead of scanning the text. Trusted only while `body` is this very text.
   */
  usage?: { body: string; input: number; output: number }
}

/**
 * Thrown by a streamed body to end it with a reset, never a clean end (which SDKs accept as complete): the
 * node server destroys the socket after the chunks already written, the fetch adapter errors the stream.
 */
export class ConnectionCut extends Error {
  constructor(reason = 'standin cut the connection') {
    super(reason)
    this.name = 'ConnectionCut'
  }
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`)
  }
}

export function jsonReply(status: number, body: unknown, headers?: Record<string, string>): Reply {
  // Object.assign, not a spread: on Node 20 a property later added to a spread copy (the rate-limit and
  // CORS headers, content-length) makes a new hidden class each time.
  const out: Record<string, string> = { 'content-type': 'application/json' }
  if (headers !== undefined) Object.assign(out, headers)
  return { status, headers: out, body: JSON.stringify(body) }
}
