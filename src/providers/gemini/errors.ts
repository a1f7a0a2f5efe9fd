/**
 * Google's error envelope, shared by the Gemini API and Vertex AI: `{"error": {"code", "message", "status",
 * "details"?}}`, where `status` is the google.rpc.Code name for the HTTP status.
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 * @see https://cloud.google.com/apis/design/errors#error_model
 * @module
 */
import type { ErrorResult } from '../../canonical'

/** The google.rpc.Code names, and the HTTP status each one is sent with. */
const STATUS_BY_CODE: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
}

const GOOGLE_STATUSES = new Set([
  ...Object.values(STATUS_BY_CODE),
  'FAILED_PRECONDITION',
  'OUT_OF_RANGE',
  'ALREADY_EXISTS',
  'DATA_LOSS',
  'UNKNOWN',
])

/** The error body Google sends; `details` carry the field at fault, the retry delay and the error's code. */
export function googleError(error: ErrorResult): unknown {
  const details = errorDetails(error)
  return {
    error: {
      code: error.status,
      message: error.message,
      status: googleStatus(error),
      ...(details.length > 0 ? { details } : {}),
    },
  }
}

/** A fixture may name the status itself (`"type": "RESOURCE_EXHAUSTED"`); otherwise it follows the HTTP status. */
export function googleStatus(error: ErrorResult): string {
  if (error.type !== undefined && GOOGLE_STATUSES.has(error.type)) return error.type
  return STATUS_BY_CODE[error.status] ?? (error.status >= 500 ? 'UNKNOWN' : 'INVALID_ARGUMENT')
}

function errorDetails(error: ErrorResult): unknown[] {
  const details: unknown[] = []
  if (error.param) {
    details.push({
      '@type': 'type.googleapis.com/google.rpc.BadRequest',
      // The message leads with the field (`* GenerateContentRequest.contents: ...`); the violation names it apart.
      fieldViolations: [{ field: error.param, description: error.message.replace(/^\* \S+: /, '') }],
    })
  }
  // Google tells clients how long to back off in RetryInfo rather than a Retry-After header alone.
  if (error.retryAfter !== undefined) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${error.retryAfter}s` })
  }
  if (error.code !== undefined) {
    const metadata =
      error.type !== undefined && !GOOGLE_STATUSES.has(error.type) ? { metadata: { type: error.type } } : {}
    details.push({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: error.code,
      domain: 'standin',
      ...metadata,
    })
  }
  return details
}
