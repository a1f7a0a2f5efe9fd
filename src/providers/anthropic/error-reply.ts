/**
 * Anthropic error replies for static routes (token counting, models), which answer without the engine's
 * error boundary.
 * @module
 */
import { jsonReply, type Reply } from '../../core/reply'
import { WireError } from '../../errors'
import { anthropicError, anthropicErrorHeaders } from './errors'

/** Runs a static route's answer; a WireError it throws answers in Anthropic's envelope, not the engine's. */
export function anthropicErrorReply(answer: () => Reply): Reply {
  try {
    return answer()
  } catch (error) {
    if (!(error instanceof WireError)) throw error
    return anthropicStatusReply(error.status, error.message, error.type)
  }
}

export function anthropicStatusReply(status: number, message: string, type?: string): Reply {
  const result = { kind: 'error' as const, status, message, ...(type ? { type } : {}) }
  return jsonReply(status, anthropicError(result), anthropicErrorHeaders(result))
}
