/**
 * Bedrock's error answers read back (record mode): a JSON body `{"message": "..."}` (`Message` on some
 * services) whose exception name travels in the `x-amzn-ErrorType` header, which may carry a namespace or
 * URI (`ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/`); the body's `__type` or
 * `code` names it when the header is missing, as the AWS SDK's restJson1 reader falls back.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/CommonErrors.html
 * @see https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html#operation-error-serialization
 * @module
 */
import type { ErrorResult } from '../../canonical'
import type { HeaderReader } from '../../core/reply'
import { isObject } from '../wire/json-guards'
import { retryAfterSeconds } from '../wire/retry-after'

export function decodeBedrockError(status: number, body: unknown, headers: HeaderReader): ErrorResult {
  const result: ErrorResult = { kind: 'error', status, message: `upstream answered HTTP ${status}` }
  const fields = isObject(body) ? body : {}
  const message = fields.message ?? fields.Message
  if (typeof message === 'string') result.message = message
  else if (typeof body === 'string' && body.trim() !== '') result.message = body.trim()
  const type = [headers.get('x-amzn-errortype'), fields.__type, fields.code]
    .map(exceptionName)
    .find((name) => name !== undefined)
  if (type) result.type = type
  const retryAfter = retryAfterSeconds(headers)
  if (retryAfter !== undefined) result.retryAfter = retryAfter
  return result
}

/** `ThrottlingException` from `ThrottlingException:http://…`, `com.amazonaws.bedrock#ThrottlingException` or a list. */
function exceptionName(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined
  let name = raw.trim().split(',')[0]!
  name = name.split(':')[0]!
  if (name.includes('#')) name = name.split('#')[1]!
  return name.trim() || undefined
}
