/**
 * Credentials never reach the journal: every header and query parameter that carries one is replaced by
 * `[redacted]` before an entry is kept, so neither `mock.journal`, `GET /__standin/journal` nor a failing
 * test's printed journal shows a key.
 * @module
 */

/** What a redacted value reads as (tests and users grep for it). */
export const REDACTED = '[redacted]'

/**
 * Headers that carry a credential, by provider: OpenAI, Azure AD, Cohere and most others `authorization`;
 * Anthropic `x-api-key`; Azure OpenAI, Pinecone and Qdrant `api-key`; Gemini `x-goog-api-key`; ElevenLabs
 * `xi-api-key`; AWS's temporary credentials `x-amz-security-token`; standin's control token; cookies.
 * `x-amz-content-sha256` and `x-amz-date` stay: a body hash and a time, needed to read a signed request.
 */
const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
  'xi-api-key',
  'x-amz-security-token',
  'x-standin-token',
  'cookie',
  'set-cookie',
])

/** Any other header named like a key or token (`x-chroma-token`, Weaviate's `x-openai-api-key`). */
const CREDENTIAL_HEADER_NAME = /(?:^|-)(?:api-?key|token|secret|password)$/

/**
 * Query parameters that carry a credential: Gemini's `key`, the common `api_key`/`access_token` spellings,
 * and the parts of an AWS presigned URL that identify or prove the signer.
 */
const CREDENTIAL_PARAMS = new Set([
  'key',
  'api_key',
  'api-key',
  'apikey',
  'access_token',
  'token',
  'x-amz-credential',
  'x-amz-signature',
  'x-amz-security-token',
])

export function isCredentialHeader(name: string): boolean {
  const lower = name.toLowerCase()
  return CREDENTIAL_HEADERS.has(lower) || CREDENTIAL_HEADER_NAME.test(lower)
}

/**
 * Subprotocols that carry a key (OpenAI's browser clients send `openai-insecure-api-key.<key>` in
 * `Sec-WebSocket-Protocol`, since a browser `WebSocket` cannot set headers).
 */
const KEY_PROTOCOL = /(openai-insecure-api-key\.)[^,\s]+/gi

/** The headers with every credential's value replaced. */
export function redactHeaders(entries: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of entries) out[name] = redactedValue(name, value)
  return out
}

/** One header's value as the journal keeps it: a credential's replaced, a key in a subprotocol masked. */
function redactedValue(name: string, value: string): string {
  const kind = headerKind(name)
  if (kind === CREDENTIAL) return REDACTED
  return kind === WS_PROTOCOL ? value.replace(KEY_PROTOCOL, `$1${REDACTED}`) : value
}

/**
 * {@link redactHeaders} of a transport's header record (node's `req.headers`), without a `[name, value]`
 * pair per header (issue 15: the journal redacts every request's headers). HTTP/2 pseudo-headers (`:path`,
 * ...) are not headers and are left out; a header sent more than once (an array) is joined with `, `.
 */
export function redactHeaderRecord(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {}
  // for-in, not Object.keys: no array of names per journaled request (the enum cache answers).
  for (const name in headers) {
    if (!Object.hasOwn(headers, name) || name.charCodeAt(0) === 58 /* : */) continue
    const raw = headers[name]
    out[name] = redactedValue(name, Array.isArray(raw) ? raw.join(', ') : (raw ?? ''))
  }
  return out
}

const PLAIN = 0
const CREDENTIAL = 1
const WS_PROTOCOL = 2

/**
 * What each header name seen is, remembered: every request's headers are redacted for the journal, and the
 * same few names come again and again. Bounded, so a client sending ever new names cannot grow it.
 */
const kinds = new Map<string, number>()
const KINDS_KEPT = 1024

function headerKind(name: string): number {
  let kind = kinds.get(name)
  if (kind === undefined) {
    kind = isCredentialHeader(name)
      ? CREDENTIAL
      : name.toLowerCase() === 'sec-websocket-protocol'
        ? WS_PROTOCOL
        : PLAIN
    if (kinds.size < KINDS_KEPT) kinds.set(name, kind)
  }
  return kind
}

/**
 * A path and query with every credential parameter's value replaced; the rest is kept byte for byte (not
 * re-encoded), so the journal shows the path as it was sent.
 */
export function redactPath(pathAndQuery: string): string {
  const mark = pathAndQuery.indexOf('?')
  if (mark === -1) return pathAndQuery
  const query = pathAndQuery.slice(mark + 1)
  const parts = query.split('&').map((part) => {
    const equals = part.indexOf('=')
    const name = equals === -1 ? part : part.slice(0, equals)
    return CREDENTIAL_PARAMS.has(paramName(name)) ? `${name}=${REDACTED}` : part
  })
  return `${pathAndQuery.slice(0, mark)}?${parts.join('&')}`
}

function paramName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ')).toLowerCase()
  } catch {
    return raw.toLowerCase()
  }
}

/** A URL to show: user info dropped and credential query parameters redacted. */
export function redactUrl(url: URL): string {
  return url.protocol + '//' + url.host + redactPath(url.pathname + url.search)
}
