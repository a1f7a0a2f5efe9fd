/**
 * What closes a Cohere chat answer, streamed (`message-end`) or not: the finish reason and the usage.
 * @see https://docs.cohere.com/reference/chat#response.body.finish_reason
 * @module
 */
import type { ChatResult, FinishReason } from '../../canonical'

const FINISH_REASONS: Record<FinishReason, string> = {
  stop: 'COMPLETE',
  tool_calls: 'TOOL_CALL',
  length: 'MAX_TOKENS',
  // Cohere has no content-filter reason; a blocked generation ends in ERROR.
  content_filter: 'ERROR',
}

export function finishReason(result: ChatResult): string {
  return FINISH_REASONS[result.finishReason]
}

/** Billed units and tokens; the mock bills every token it counts. */
export function usage(result: ChatResult): Record<string, unknown> {
  const tokens = { input_tokens: result.usage.inputTokens, output_tokens: result.usage.outputTokens }
  return { billed_units: tokens, tokens }
}
