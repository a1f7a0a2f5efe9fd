/**
 * Type guards for parsed JSON bodies, the first thing every decoder asks of a field. Each provider words its
 * own 400 for a field that fails them.
 * @module
 */

/** A JSON object, as `JSON.parse` gives it. */
export type Json = Record<string, unknown>

/** A JSON object: not null, not an array. */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** An integer of at least 1: a count, a length, a vector size. */
export function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1
}

/** The JSON type of a value as error messages name it: `string`, `number`, `boolean`, `null`, `array`, `object`. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}
