/**
 * Tavily's error body, `{"detail": {"error": "..."}}`, which `@tavily/core` reads into the message of the
 * Error it throws (`handleRequestError`), and its 400 for a bad field.
 * @see https://docs.tavily.com/documentation/api-reference/endpoint/search
 * @module
 */
import type { ErrorResult } from '../../canonical'
import { WireError } from '../../errors'

export function tavilyError(error: ErrorResult): { detail: { error: string } } {
  return { detail: { error: error.message } }
}

export function invalid(param: string, expected: string): WireError {
  return new WireError(400, `Invalid ${param}: expected ${expected}.`, { param })
}
