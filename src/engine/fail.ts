/**
 * The one error path: whatever a stage throws becomes an `ErrorResult`, rendered in the surface's shape.
 * A `WireError` keeps its status and type; a body past the cap is a 413; anything else is a 500 that
 * names what failed (a bug in standin, never a crash of the server).
 * @module
 */
import type { ErrorResult } from '../canonical'
import { BodyTooLargeError } from '../core/reply'
import { WireError } from '../errors'

export function toErrorResult(error: unknown, bodyLimit: number): ErrorResult {
  if (error instanceof WireError) {
    const result: ErrorResult = {
      kind: 'error',
      status: error.status,
      message: error.message,
      type: error.type,
      param: error.param ?? null,
    }
    if (error.wireCode !== undefined) result.code = error.wireCode
    return result
  }
  if (error instanceof BodyTooLargeError) {
    // No type: each provider's encoder names a 413 in its own words (Anthropic: `request_too_large`).
    return { kind: 'error', status: 413, message: `The request body exceeds the ${bodyLimit}-byte limit.` }
  }
  return {
    kind: 'error',
    status: 500,
    message: `standin failed: ${(error as Error)?.message ?? error}`,
    type: 'server_error',
  }
}

/** The body as JSON, or a 400 naming what is wrong with it. */
export function parseJson(body: string): unknown {
  if (body === '') throw new WireError(400, 'The request body is empty; expected JSON.')
  try {
    return JSON.parse(body)
  } catch {
    throw new WireError(
      400,
      'We could not parse the JSON body of your request. (The request body is not valid JSON.)',
    )
  }
}

/** The neutral error body, for replies no surface shapes (mounts, unknown routes, the control API). */
export function neutralError(result: ErrorResult): { error: { message: string; type?: string } } {
  return { error: { message: result.message, ...(result.type !== undefined && { type: result.type }) } }
}
