/**
 * Reading an upstream's error response back into an {@link ErrorResult} (record mode): OpenAI's envelope
 * `{"error": {"message", "type", "param", "code"}}`, and the shapes OpenAI-compatible servers and gateways
 * answer with instead (`{"error": "text"}`, a bare `{"message"}`, a text body). Azure and OpenRouter read
 * their own fields on top of {@link errorFields} and {@link errorResultBase}.
 * @see https://platform.openai.com/docs/guides/error-codes
 * @module
 */
import type { ErrorResult } from '../../canonical'
import type { HeaderReader } from '../../core/reply'
import { isObject, type Json } from '../wire/json-guards'
import { retryAfterSeconds } from '../wire/retry-after'

export function openaiErrorResult(status: number, body: unknown, headers: HeaderReader): ErrorResult {
  const fields = errorFields(body, 'OpenAI')
  const result = errorResultBase(status, fields, headers)
  if (typeof fields.type === 'string') result.type = fields.type
  const code = codeText(fields.code)
  if (code !== undefined) result.code = code
  if (typeof fields.param === 'string') result.param = fields.param
  return result
}

/** The error object of a body; throws when the body holds no error message at all. */
export function errorFields(body: unknown, wire: string): Json {
  if (typeof body === 'string' && body.trim() !== '') return { message: body.trim() }
  if (isObject(body)) {
    if (isObject(body.error) && typeof body.error.message === 'string') return body.error
    if (typeof body.error === 'string') return { message: body.error }
    if (typeof body.message === 'string') return body
  }
  throw new Error(`${wire} error body has no error message: ${preview(body)}`)
}

/** Status, message, and what the response's headers say about retrying. */
export function errorResultBase(status: number, fields: Json, headers: HeaderReader): ErrorResult {
  const result: ErrorResult = { kind: 'error', status, message: String(fields.message) }
  const retryAfter = retryAfterSeconds(headers)
  if (retryAfter !== undefined) result.retryAfter = retryAfter
  // OpenAI's SDKs obey this header over their own retry policy, so a replayed error must say it again.
  const shouldRetry = headers.get('x-should-retry')
  if (shouldRetry !== null) result.headers = { 'x-should-retry': shouldRetry }
  return result
}

/** An error code as text: OpenAI's are strings, some gateways' numbers. */
export function codeText(code: unknown): string | undefined {
  if (typeof code === 'string' && code !== '') return code
  if (typeof code === 'number') return String(code)
  return undefined
}

/** A short rendering of a body for an error message. */
export function preview(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  if (text === undefined) return String(body)
  return text.length > 200 ? `${text.slice(0, 200)}...` : text
}
