/**
 * Ollama's error body: `{"error": "message"}` with the HTTP status (what the `ollama` SDK's `checkOk` reads
 * into `ResponseError.error` and `status_code`).
 * @see https://docs.ollama.com/api/errors
 * @module
 */
import type { ErrorResult } from '../../canonical'
import { jsonReply, type Reply } from '../../core/reply'

export function ollamaError(error: ErrorResult): { error: string } {
  return { error: error.message }
}

/** An error reply from a static route (model listing, show), which the engine does not render. */
export function ollamaErrorReply(status: number, message: string): Reply {
  return jsonReply(status, { error: message })
}
