import type { ErrorResult } from '../../canonical'

/** OpenAI's error envelope: `{"error": {"message", "type", "param", "code"}}`. */
export function openaiError(error: ErrorResult): unknown {
  return {
    error: {
      message: error.message,
      type: error.type ?? defaultType(error.status),
      param: error.param ?? null,
      code: error.code ?? null,
    },
  }
}

function defaultType(status: number): string {
  if (status === 401) return 'authentication_error'
  if (status === 403) return 'permission_error'
  if (status === 404) return 'not_found_error'
  if (status === 429) return 'rate_limit_error'
  if (status >= 500) return 'server_error'
  return 'invalid_request_error'
}
