/**
 * Reading Claude-on-Vertex answers back (record mode). `:rawPredict` answers an Anthropic `Message` and
 * `:streamRawPredict` Anthropic's SSE, so Anthropic's decoders read them. Errors come in two shapes: the
 * model's own (Anthropic's envelope, e.g. `overloaded_error`), and Vertex's when the platform refuses first
 * (quota, auth, a model not enabled): Google's `{"error": {"code", "message", "status", "details"}}`,
 * sometimes inside a one-element array, whose `status` (`RESOURCE_EXHAUSTED`) becomes the error type.
 * @see https://docs.anthropic.com/en/api/claude-on-vertex-ai
 * @see https://cloud.google.com/apis/design/errors#http_mapping
 * @module
 */
import type { ErrorResult } from '../../canonical'
import type { HeaderReader } from '../../core/reply'
import {
  decodeAnthropicError,
  decodeAnthropicMessage,
  decodeAnthropicSse,
  errorHeaderFields,
  type AnthropicWire,
} from '../anthropic'
import type { DecodedChatResult, ResponseDecoding } from '../provider'
import { isObject, type Json } from '../wire/json-guards'

export const vertexClaudeResponse: ResponseDecoding<DecodedChatResult, AnthropicWire> = {
  json: (body) => decodeAnthropicMessage(body),
  stream: (frames) => decodeAnthropicSse(frames),
  error: decodeVertexClaudeError,
}

export function decodeVertexClaudeError(status: number, body: unknown, headers: HeaderReader): ErrorResult {
  const envelope = Array.isArray(body) && body.length > 0 ? body[0] : body
  const google = isObject(envelope) && isObject(envelope.error) ? envelope.error : undefined
  if (!google || typeof google.type === 'string' || typeof google.status !== 'string') {
    return decodeAnthropicError(status, envelope, headers)
  }
  const result: ErrorResult = {
    kind: 'error',
    status,
    message: typeof google.message === 'string' ? google.message : `upstream answered HTTP ${status}`,
    type: google.status,
  }
  Object.assign(result, errorHeaderFields(headers))
  const delay = retryDelay(google.details)
  if (result.retryAfter === undefined && delay !== undefined) result.retryAfter = delay
  return result
}

/** `google.rpc.RetryInfo`'s `retryDelay` (`"30s"`), in seconds. */
function retryDelay(details: unknown): number | undefined {
  if (!Array.isArray(details)) return undefined
  const info = details.find(
    (detail): detail is Json =>
      isObject(detail) && detail['@type'] === 'type.googleapis.com/google.rpc.RetryInfo',
  )
  const match = typeof info?.retryDelay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(info.retryDelay) : null
  return match ? Number(match[1]) : undefined
}
