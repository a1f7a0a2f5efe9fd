/**
 * Reading Google's error envelope back (record mode): `{"error": {"code", "message", "status", "details"}}`,
 * which Vertex AI sometimes wraps in a one-element array. `status` (the google.rpc.Code name) becomes the
 * type, `ErrorInfo.reason` the code, the first `BadRequest` field violation the param, and the back-off comes
 * from `Retry-After` or else `RetryInfo.retryDelay` (Google sends the latter on 429s).
 * @see https://cloud.google.com/apis/design/errors#error_model
 * @module
 */
import type { ErrorResult } from '../../canonical'
import type { HeaderReader } from '../../core/reply'
import { isObject, type Json } from '../wire/json-guards'
import { retryAfterSeconds } from '../wire/retry-after'

const TYPE_PREFIX = 'type.googleapis.com/google.rpc.'

export function decodeGoogleError(status: number, body: unknown, headers: HeaderReader): ErrorResult {
  const wrapped = Array.isArray(body) && body.length === 1 ? body[0] : body
  const error = isObject(wrapped) && isObject(wrapped.error) ? wrapped.error : undefined
  const result: ErrorResult = { kind: 'error', status, message: errorMessage(status, body, error) }
  if (error) readDetails(error, result)
  const retryAfter = retryAfterSeconds(headers)
  if (retryAfter !== undefined) result.retryAfter = retryAfter
  return result
}

function errorMessage(status: number, body: unknown, error: Json | undefined): string {
  if (error && typeof error.message === 'string' && error.message !== '') return error.message
  // A front end's page or plain text (a 502 from a proxy) is its own message.
  if (typeof body === 'string' && body.trim() !== '') return body.trim()
  return `HTTP ${status}`
}

function readDetails(error: Json, result: ErrorResult): void {
  if (typeof error.status === 'string' && error.status !== '') result.type = error.status
  const details = Array.isArray(error.details) ? error.details.filter(isObject) : []
  for (const detail of details) {
    switch (detail['@type']) {
      case `${TYPE_PREFIX}ErrorInfo`:
        if (typeof detail.reason === 'string' && result.code === undefined) result.code = detail.reason
        // A type that is no google.rpc.Code name travels in the ErrorInfo's metadata (standin writes it there).
        if (isObject(detail.metadata) && typeof detail.metadata.type === 'string') {
          result.type = detail.metadata.type
        }
        break
      case `${TYPE_PREFIX}BadRequest`: {
        const violation = Array.isArray(detail.fieldViolations) ? detail.fieldViolations[0] : undefined
        if (isObject(violation) && typeof violation.field === 'string' && result.param === undefined) {
          result.param = violation.field
        }
        break
      }
      case `${TYPE_PREFIX}RetryInfo`: {
        const delay =
          typeof detail.retryDelay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(detail.retryDelay) : null
        if (delay) result.retryAfter = Number(delay[1])
        break
      }
    }
  }
}
