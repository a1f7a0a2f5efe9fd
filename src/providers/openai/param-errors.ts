/**
 * OpenAI's 400s for a body field: missing, of the wrong type, or an empty array, worded as the API words
 * them (`Invalid type for 'messages': expected an array of objects, but got a string instead.`).
 * @module
 */
import { WireError } from '../../errors'
import { jsonType } from '../wire/json-guards'

export function missingParameter(param: string): WireError {
  return new WireError(400, `Missing required parameter: '${param}'.`, { param })
}

/** `expected` as the API says it: `a string`, `an array of objects`. */
export function invalidType(param: string, expected: string, value: unknown): WireError {
  return new WireError(
    400,
    `Invalid type for '${param}': expected ${expected}, but got ${article(jsonType(value))} instead.`,
    { param },
  )
}

export function emptyArray(param: string): WireError {
  return new WireError(
    400,
    `Invalid '${param}': empty array. Expected an array with minimum length 1, but got an empty array instead.`,
    { param },
  )
}

/** A required string: missing (or empty) and wrong-typed are told apart. */
export function requireString(value: unknown, param: string): string {
  if (value === undefined || value === null || value === '') throw missingParameter(param)
  if (typeof value !== 'string') throw invalidType(param, 'a string', value)
  return value
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}
