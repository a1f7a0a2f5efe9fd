/**
 * Bedrock's request validation errors: a 400 `ValidationException` naming the member that failed, worded
 * as the service's own constraint messages are.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/CommonErrors.html
 * @module
 */
import { WireError } from '../../errors'
import { isObject, type Json } from '../wire/json-guards'

export function invalid(path: string, constraint: string): WireError {
  return new WireError(
    400,
    `1 validation error detected: Value at '${path}' failed to satisfy constraint: ${constraint}`,
    {
      param: path,
      type: 'ValidationException',
    },
  )
}

/** The body as an object, or a ValidationException. */
export function requireObject(body: unknown): Json {
  if (!isObject(body))
    throw new WireError(400, 'Malformed input request: the body must be a JSON object.', {
      type: 'ValidationException',
    })
  return body
}

/** An optional array member: undefined when absent, else an array or a ValidationException. */
export function optionalArray(value: unknown, path: string): unknown[] | undefined {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value)) throw invalid(path, 'Member must be a list')
  return value
}
