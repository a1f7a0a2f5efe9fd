/**
 * Cohere v2 chat: `POST /v2/chat`, JSON or, with `stream: true`, typed SSE events (see ./stream.ts).
 * @see https://docs.cohere.com/reference/chat
 * @see https://docs.cohere.com/reference/chat-stream
 * @module
 */
import { resultText, resultToolCalls, type ChatResult, type ResponseFormat } from '../../canonical'
import { WireError } from '../../errors'
import type { ChatSurface } from '../provider'
import { isObject } from '../wire/json-guards'
import { isToolPlan } from './content'
import { decodeMessages, decodeTools, invalid, required, wrongType } from './decode-messages'
import { chatDecoding } from './decode-response'
import { cohereError } from './errors'
import { finishReason, usage } from './finish'
import { cohereFrames } from './stream'

export const chatSurface: ChatSurface<null> = {
  kind: 'chat',
  id: 'cohere.chat',
  provider: 'cohere',
  routes: [{ method: 'POST', path: '/v2/chat' }],
  idPrefixes: { response: 'chat_', toolCall: 'call_' },

  decode(body) {
    if (!isObject(body)) throw new WireError(400, 'invalid request: the body must be a JSON object.')
    if (body.model === undefined || body.model === null) throw required('model')
    if (typeof body.model !== 'string' || body.model === '')
      throw wrongType('model', 'a non-empty string', body.model)
    if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean') {
      throw invalid('stream', 'a boolean')
    }
    const { system, messages } = decodeMessages(body.messages)
    const responseFormat = decodeResponseFormat(body.response_format)
    return {
      request: {
        kind: 'chat',
        model: body.model,
        system,
        messages,
        tools: decodeTools(body.tools),
        stream: body.stream === true,
        ...(responseFormat ? { responseFormat } : {}),
      },
      wire: null,
    }
  },

  encode: (chat) => ({
    id: chat.id,
    message: message(chat),
    finish_reason: finishReason(chat),
    usage: usage(chat),
  }),
  // The encoder reads no wire.
  jsonTemplate: () => '',

  stream: { framing: 'sse', frames: (event, result) => cohereFrames(event, result) },

  response: chatDecoding,
  encodeError: cohereError,
}

function message(result: ChatResult): Record<string, unknown> {
  const thinking = result.reasoning ? [{ type: 'thinking', thinking: result.reasoning }] : []
  if (!isToolPlan(result)) {
    const texts = result.blocks.flatMap((b) => (b.type === 'text' ? [{ type: 'text', text: b.text }] : []))
    return { role: 'assistant', content: [...thinking, ...texts] }
  }
  const plan = resultText(result)
  return {
    role: 'assistant',
    ...(thinking.length > 0 ? { content: thinking } : {}),
    ...(plan ? { tool_plan: plan } : {}),
    tool_calls: resultToolCalls(result).map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    })),
  }
}

/** `{type: "text"}` or `{type: "json_object"}`, the latter with an optional `json_schema` to follow. */
function decodeResponseFormat(value: unknown): ResponseFormat | undefined {
  if (value === undefined || value === null) return undefined
  if (!isObject(value) || (value.type !== 'text' && value.type !== 'json_object')) {
    throw invalid('response_format.type', "'text' or 'json_object'")
  }
  if (value.type === 'text') return { type: 'text' }
  return value.json_schema === undefined || value.json_schema === null
    ? { type: 'json_object' }
    : { type: 'json_schema', schema: value.json_schema }
}
