/**
 * Reading OpenRouter's answers back (record mode): OpenAI's chat wire, read by the OpenAI decoder, with
 * OpenRouter's fields.
 *
 * - `provider` is the upstream that served the request; each choice's `native_finish_reason` is that
 *   upstream's own reason (`end_turn`, `tool_use`, `completed`, ...), kept when it differs from the
 *   normalised `finish_reason`; `usage.cost` is what the request cost in credits.
 * - Reasoning is the `reasoning` string; `reasoning_details` adds what the string cannot say: the
 *   signature of a `reasoning.text` detail (Anthropic's thinking signature) and the `data` of
 *   `reasoning.encrypted` details (redacted thinking, OpenAI's encrypted reasoning). A message or delta that
 *   carries details but no `reasoning` string gets its text from the details.
 * - Errors: `{"error": {"code": <status>, "message", "metadata"?}}`, and the same `error` on a stream chunk
 *   (or a choice) when the upstream fails mid-answer, which throws.
 * @see https://openrouter.ai/docs/api-reference/overview
 * @see https://openrouter.ai/docs/use-cases/reasoning-tokens
 * @see https://openrouter.ai/docs/api/reference/errors-and-debugging
 * @module
 */
import type { ErrorResult } from '../../canonical'
import type { HeaderReader } from '../../core/reply'
import { chatResponseDecoding, type ChatDraft, type ChatExtensions } from '../openai/decode-chat-response'
import { codeText, errorFields, errorResultBase } from '../openai/decode-error'
import { isObject } from '../wire/json-guards'

const openrouterChatExtensions: ChatExtensions = {
  body(body, draft) {
    if (draft.upstreamProvider === undefined && typeof body.provider === 'string' && body.provider !== '') {
      draft.upstreamProvider = body.provider
    }
  },
  choice(choice, draft) {
    if (isObject(choice.error)) {
      const message = typeof choice.error.message === 'string' ? choice.error.message : 'unknown error'
      throw new Error(`OpenRouter chat completion: the upstream failed mid-answer: ${message}`)
    }
    const native = choice.native_finish_reason
    if (typeof native === 'string' && native !== '' && native !== choice.finish_reason) {
      draft.nativeFinishReason = native
    }
  },
  message(message, draft, reasoningText) {
    if (Array.isArray(message.reasoning_details)) readDetails(message.reasoning_details, draft, reasoningText)
  },
}

export const openrouterChatResponseDecoding = chatResponseDecoding(
  openrouterChatExtensions,
  openrouterErrorResult,
)

function readDetails(details: unknown[], draft: ChatDraft, reasoningText: boolean): void {
  for (const detail of details) {
    if (!isObject(detail)) continue
    switch (detail.type) {
      case 'reasoning.text':
        if (!reasoningText && typeof detail.text === 'string') draft.reasoning += detail.text
        // The canonical result holds one signature: the first block's.
        if (typeof detail.signature === 'string' && detail.signature !== '') {
          draft.reasoningSignature ??= detail.signature
        }
        break
      case 'reasoning.summary':
        if (!reasoningText && typeof detail.summary === 'string') draft.reasoning += detail.summary
        break
      case 'reasoning.encrypted':
        if (typeof detail.data === 'string' && detail.data !== '') draft.redactedReasoning.push(detail.data)
        break
      default:
    }
  }
}

/** The numeric `code` repeats the status and is left out; `metadata` (provider, raw error, moderation) is kept. */
export function openrouterErrorResult(status: number, body: unknown, headers: HeaderReader): ErrorResult {
  const fields = errorFields(body, 'OpenRouter')
  const result = errorResultBase(status, fields, headers)
  const code = codeText(fields.code)
  if (code !== undefined && code !== String(status)) result.code = code
  if (isObject(fields.metadata)) result.metadata = fields.metadata
  return result
}
