/**
 * Reading Azure OpenAI's answers back (record mode): OpenAI's wire formats, read by the OpenAI decoders,
 * with what Azure adds.
 *
 * - Chat choices carry `content_filter_results`; a category marked `filtered: true` means the output was
 *   filtered, which is `content_filter` even where the finish reason says otherwise (the reason given is
 *   kept as the native one). Azure's first stream chunk, holding only the prompt's filter results, has an
 *   empty id and model and is read as no content.
 * - Errors: `{"error": {"code", "message", "param"?, "type"?, "innererror"?}}`, with the code also in the
 *   `x-ms-error-code` header, or the gateway's `{"statusCode", "message"}` (401 from the resource's front).
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-filter
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/reference
 * @module
 */
import type { ErrorResult } from '../../canonical'
import type { HeaderReader } from '../../core/reply'
import { chatResponseDecoding, type ChatExtensions } from '../openai/decode-chat-response'
import { codeText, errorFields, errorResultBase } from '../openai/decode-error'
import { isObject } from '../wire/json-guards'

const azureChatExtensions: ChatExtensions = {
  choice(choice, draft) {
    if (anyFiltered(choice.content_filter_results)) draft.contentFiltered = true
  },
}

export const azureChatResponseDecoding = chatResponseDecoding(azureChatExtensions, azureErrorResult)

/** Any category (hate, violence, protected material, jailbreak, ...) whose content was filtered. */
function anyFiltered(results: unknown): boolean {
  if (!isObject(results)) return false
  return Object.values(results).some((category) => isObject(category) && category.filtered === true)
}

export function azureErrorResult(status: number, body: unknown, headers: HeaderReader): ErrorResult {
  const fields = errorFields(body, 'Azure OpenAI')
  const result = errorResultBase(status, fields, headers)
  const code = codeText(fields.code) ?? headers.get('x-ms-error-code') ?? undefined
  if (code !== undefined && code !== '') result.code = code
  if (typeof fields.type === 'string') result.type = fields.type
  if (typeof fields.param === 'string') result.param = fields.param
  return result
}
