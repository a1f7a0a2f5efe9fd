/**
 * OpenRouter's `usage`: token counts with their details, and `cost` only when the fixture gives one (a mock
 * charges nothing it was not told to).
 * @see https://openrouter.ai/docs/use-cases/usage-accounting
 * @module
 */
import type { ChatResult } from '../../canonical'

export function openrouterUsage(result: ChatResult): Record<string, unknown> {
  const { inputTokens, outputTokens, reasoningTokens, cost } = result.usage
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
    ...(cost !== undefined ? { cost } : {}),
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoningTokens },
  }
}
