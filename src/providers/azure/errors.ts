/**
 * Azure OpenAI's error envelope: `{"error": {"code", "message"}}`. Azure's own errors carry only a string
 * `code` (`"404"`, `"429"`, `"DeploymentNotFound"`, `"content_filter"`); errors passed through from the model
 * also carry OpenAI's `type` and `param`, so those appear when known.
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/reference#chat-completions
 * @module
 */
import type { ErrorResult } from '../../canonical'

export function azureError(error: ErrorResult): unknown {
  return {
    error: {
      code: azureErrorCode(error),
      message: error.message,
      ...(error.type !== undefined ? { type: error.type } : {}),
      ...(error.param !== undefined && error.param !== null ? { param: error.param } : {}),
    },
  }
}

/** Azure names the error code in a header too (the data-plane spec's `x-ms-error-code`). */
export function azureErrorHeaders(error: ErrorResult): Record<string, string> {
  return { 'x-ms-error-code': azureErrorCode(error) }
}

/** Azure's service errors use the HTTP status as the code when nothing more specific applies. */
function azureErrorCode(error: ErrorResult): string {
  return error.code ?? String(error.status)
}
