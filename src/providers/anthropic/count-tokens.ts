/**
 * Anthropic token counting: `POST /v1/messages/count_tokens` answers `{"input_tokens": n}` for a Messages
 * body (no `max_tokens` needed), estimated the way usage is.
 * @see https://docs.anthropic.com/en/api/messages-count-tokens
 * @module
 */
import { estimateRequestTokens } from '../../core/tokens'
import { jsonReply, type Reply } from '../../core/reply'
import type { StaticSurface } from '../provider'
import { decodeAnthropicBody, type AnthropicDecodeOptions } from './decode'
import { anthropicErrorReply } from './error-reply'
import { anthropicError } from './errors'

/** Counts a Messages body; bad input answers in Anthropic's error envelope. Vertex reuses it. */
export function countTokensReply(body: unknown, options: AnthropicDecodeOptions = {}): Reply {
  return anthropicErrorReply(() => {
    const { request } = decodeAnthropicBody(body, { ...options, requireMaxTokens: false })
    return jsonReply(200, { input_tokens: estimateRequestTokens(request) })
  })
}

export const countTokensSurface: StaticSurface = {
  kind: 'static',
  id: 'anthropic.count-tokens',
  provider: 'anthropic',
  routes: [
    { method: 'POST', path: '**/v1/messages/count_tokens' },
    { method: 'POST', path: '/messages/count_tokens' },
  ],
  serve: (context) => countTokensReply(context.body),
  encodeError: anthropicError,
}
