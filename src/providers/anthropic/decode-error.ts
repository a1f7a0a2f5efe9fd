/**
 * Reading an Anthropic error answer back into an error result (record mode): the envelope
 * `{"type": "error", "error": {"type", "message", "details"?}, "request_id"}`, the `retry-after` header and
 * the `x-should-retry` header the SDK obeys. A body in no known shape (a proxy's HTML page) still becomes an
 * error with the status, and its text as the message.
 * @see https://docs.anthropic.com/en/api/errors
 * @module
 */
import type { ErrorResult } from '../../canonical'
import type { HeaderReader } from '../../core/reply'
import { isObject } from '../wire/json-guards'
import { retryAfterSeconds } from '../wire/retry-after'

export function decodeAnthropicError(status: number, body: unknown, headers: HeaderReader): ErrorResult {
  const result: ErrorResult = { kind: 'error', status, message: `upstream answered HTTP ${status}` }
  const error = isObject(body) && isObject(body.error) ? body.error : undefined
  if (error) {
    if (typeof error.message === 'string') result.message = error.message
    if (typeof error.type === 'string') result.type = error.type
    // Newer errors name the precise cause: `details.error_code`.
    if (isObject(error.details) && typeof error.details.error_code === 'string') {
      result.code = error.details.error_code
    }
  } else if (isObject(body) && typeof body.message === 'string') {
    result.message = body.message
  } else if (typeof body === 'string' && body.trim() !== '') {
    result.message = body.trim()
  }
  Object.assign(result, errorHeaderFields(headers))
  return result
}

/** `retryAfter` and the `x-should-retry` header, when the upstream sent them. */
export function errorHeaderFields(headers: HeaderReader): Pick<ErrorResult, 'retryAfter' | 'headers'> {
  const fields: Pick<ErrorResult, 'retryAfter' | 'headers'> = {}
  const retryAfter = retryAfterSeconds(headers)
  if (retryAfter !== undefined) fields.retryAfter = retryAfter
  const shouldRetry = headers.get('x-should-retry')
  if (shouldRetry !== null) fields.headers = { 'x-should-retry': shouldRetry }
  return fields
}
