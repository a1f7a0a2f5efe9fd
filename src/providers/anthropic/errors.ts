/**
 * Anthropic's error envelope, `{"type": "error", "error": {"type", "message"}, "request_id"}`, with the
 * error type the real API uses for each status, and the `request-id` header the SDK exposes as `requestID`.
 * @see https://docs.anthropic.com/en/api/errors
 * @module
 */
import { lazyRequire } from '../../core/lazy-require'
import type { ErrorResult } from '../../canonical'

// node:crypto (and the streams it loads) costs ~4 ms at import: loaded on first use (issue 15).
const nodeCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto')

const TYPE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
}
const KNOWN_TYPES = new Set(Object.values(TYPE_BY_STATUS))

/** The fixture's type when it is one of Anthropic's, else the type the API sends with this status. */
export function anthropicErrorType(error: ErrorResult): string {
  if (error.type && KNOWN_TYPES.has(error.type)) return error.type
  const { status } = error
  return TYPE_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error')
}

export function anthropicError(error: ErrorResult): Record<string, unknown> {
  return {
    type: 'error',
    error: { type: anthropicErrorType(error), message: error.message },
    request_id: errorRequestId(error),
  }
}

export function anthropicErrorHeaders(error: ErrorResult): Record<string, string> {
  return { 'request-id': errorRequestId(error) }
}

/**
 * A `req_` id derived from the error itself, so the body and the header agree without shared state and a
 * seeded run stays reproducible.
 */
export function errorRequestId(error: ErrorResult): string {
  const digest = nodeCrypto()
    .createHash('sha256')
    .update(`${error.status}\n${error.type ?? ''}\n${error.message}`)
    .digest('base64url')
  return `req_${digest.replace(/[-_]/g, '').slice(0, 24)}`
}
