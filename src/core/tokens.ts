/**
 * Token estimates for usage when a fixture gives none: about four characters a token, as OpenAI's own
 * rule of thumb. Deterministic, and close enough for budget and accounting code under test.
 * @module
 */
import type { DecodedChat, DecodedEmbedding, DecodedService } from '../canonical/decoded'

/** Characters per token in every estimate: usage, and the pace of a streaming profile's `tps`. */
export const CHARS_PER_TOKEN = 4

export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / CHARS_PER_TOKEN))
}

/** Any request, stamped or not (token counting routes estimate a request they decode). */
export function estimateRequestTokens(request: DecodedChat | DecodedEmbedding | DecodedService): number {
  if (request.kind === 'embedding' || request.kind === 'moderation')
    return request.inputs.reduce((sum, input) => sum + estimateTokens(input), 0)
  if (request.kind === 'search') return estimateTokens(request.query)
  if (request.kind === 'extract') return request.urls.reduce((sum, url) => sum + estimateTokens(url), 0)
  if (request.kind === 'rerank')
    return request.documents.reduce((sum, doc) => sum + estimateTokens(doc), estimateTokens(request.query))
  let chars = request.system.length
  for (const message of request.messages) {
    if (message.role === 'system') continue
    chars += message.text.length
    const calls = message.toolCalls
    if (calls) for (const call of calls) chars += call.name.length + call.arguments.length
  }
  for (const tool of request.tools) chars += tool.name.length + (tool.description?.length ?? 0)
  return Math.max(1, Math.ceil(chars / CHARS_PER_TOKEN))
}
