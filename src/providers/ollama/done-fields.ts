/**
 * The fields every Ollama answer ends with: `done`, `done_reason`, token counts and durations, plus the
 * `created_at` timestamp every line carries.
 * @see https://docs.ollama.com/api/usage
 * @module
 */
import type { ChatResult, EmbeddingResult } from '../../canonical'

const MS = 1_000_000

/** RFC 3339 time of the result (seeded mocks give a fixed clock, so this is reproducible too). */
export function createdAt(result: ChatResult): string {
  return new Date(result.created * 1000).toISOString()
}

/**
 * `done_reason` is `stop` or `length`; Ollama has no tool-call or content-filter reason (a turn that calls
 * tools ends with `stop`).
 */
export function doneFields(result: ChatResult): Record<string, unknown> {
  const { inputTokens, outputTokens } = result.usage
  return {
    done: true,
    done_reason: result.finishReason === 'length' ? 'length' : 'stop',
    ...durations(result),
    prompt_eval_count: inputTokens,
    eval_count: outputTokens,
  }
}

/**
 * Nanosecond durations derived from the token counts (1 ms per prompt token, 20 ms per generated one), so
 * they are plausible and the same on every run.
 */
export function durations(result: ChatResult | EmbeddingResult): Record<string, number> {
  const load = 5 * MS
  const prompt = result.usage.inputTokens * MS
  const evaluation = result.usage.outputTokens * 20 * MS
  return {
    total_duration: load + prompt + evaluation,
    load_duration: load,
    prompt_eval_duration: prompt,
    eval_duration: evaluation,
  }
}
