/**
 * Azure's content-filter annotations on chat completions: `prompt_filter_results` for the prompt and
 * `content_filter_results` on each choice, one entry per harm category. A mock filters nothing, so every
 * category reads `filtered: false, severity: "safe"`.
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-filter
 * @module
 */
import type { Json } from '../wire/json-guards'

const CATEGORIES = ['hate', 'self_harm', 'sexual', 'violence'] as const

function safeResults(): Record<string, { filtered: boolean; severity: string }> {
  return Object.fromEntries(CATEGORIES.map((category) => [category, { filtered: false, severity: 'safe' }]))
}

/** Adds Azure's (all-clear) content-filter annotations to an OpenAI chat completion body. */
export function withContentFilters(completion: Json & { choices: Json[] }): Json {
  return {
    ...completion,
    prompt_filter_results: [{ prompt_index: 0, content_filter_results: safeResults() }],
    choices: completion.choices.map((choice) => ({ ...choice, content_filter_results: safeResults() })),
  }
}
