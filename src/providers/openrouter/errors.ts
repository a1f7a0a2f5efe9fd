/**
 * OpenRouter's error envelope: `{"error": {"code": <HTTP status>, "message", "metadata"?}}`. The numeric
 * `code` always equals the status; `metadata` (moderation reasons, the upstream `provider_name` and `raw`
 * error) comes from the fixture's `error.metadata`.
 * @see https://openrouter.ai/docs/api/reference/errors-and-debugging
 * @module
 */
import type { ErrorResult } from '../../canonical'

export function openrouterError(error: ErrorResult): unknown {
  return {
    error: {
      code: error.status,
      message: error.message,
      ...(error.metadata !== undefined ? { metadata: error.metadata } : {}),
    },
  }
}
