/**
 * Reading Google REST bodies, and the 400s for bodies that lack what they must hold. Google's JSON mapping
 * of protobuf accepts each field under its lowerCamelCase name and under its proto (snake_case) name, and
 * Google's own curl examples use both (`systemInstruction` / `system_instruction`), so the mock reads both.
 * @see https://protobuf.dev/programming-guides/json/
 * @module
 */
import { WireError } from '../../errors'
import { isObject, type Json } from '../wire/json-guards'

/** The value of a field given its camelCase name, also looked up under its snake_case name. */
export function field(object: Json, name: string): unknown {
  if (object[name] !== undefined) return object[name]
  return object[name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)]
}

/**
 * A 400 in Google's wording, `* GenerateContentRequest.contents: contents is not specified`, naming the
 * field (as a JSON path of the body) in `param`.
 */
export function invalidArgument(message: string, path: string, description: string): WireError {
  return new WireError(400, `* ${message}.${path}: ${description}`, { param: path, type: 'INVALID_ARGUMENT' })
}

/** The request body, which Google requires to be a JSON object. */
export function bodyObject(body: unknown): Json {
  if (isObject(body)) return body
  throw new WireError(400, 'Invalid JSON payload received. Expected a JSON object.', {
    type: 'INVALID_ARGUMENT',
  })
}
