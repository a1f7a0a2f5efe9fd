/**
 * The `provider` OpenRouter reports: the upstream that served the request. A fixture may name it; otherwise
 * the model slug's author stands in, by its provider name when the author hosts its own models.
 * @module
 */
import type { ChatResult } from '../../canonical'

/** Authors that serve their own models on OpenRouter, by the provider name OpenRouter reports. */
const FIRST_PARTY: Record<string, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  google: 'Google',
  mistralai: 'Mistral',
  'x-ai': 'xAI',
  deepseek: 'DeepSeek',
}

export function upstreamProvider(result: ChatResult): string {
  if (result.upstreamProvider) return result.upstreamProvider
  const slash = result.model.indexOf('/')
  if (slash <= 0) return 'standin'
  const author = result.model.slice(0, slash)
  return FIRST_PARTY[author] ?? author
}
