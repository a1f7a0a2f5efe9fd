/**
 * Cohere's error body: `{"message": "..."}` with the HTTP status. The `cohere-ai` SDK picks its typed error
 * by status alone (`BadRequestError` 400, `TooManyRequestsError` 429, ...) and keeps this body on `body`.
 * @see https://docs.cohere.com/reference/errors
 * @module
 */
import type { ErrorResult } from '../../canonical'

export function cohereError(error: ErrorResult): { message: string } {
  return { message: error.message }
}
