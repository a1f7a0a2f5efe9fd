/**
 * OpenRouter chat completions: `POST /api/v1/chat/completions`, where the OpenAI SDK lands when pointed at
 * OpenRouter's documented base URL `https://openrouter.ai/api/v1`. OpenAI's wire format (JSON, or SSE
 * ending in `data: [DONE]`) with OpenRouter's fields, `gen-` ids, a usage chunk closing every stream and
 * the `models` fallback list (matched by the engine, see `Decoded.fallback`).
 * @see https://openrouter.ai/docs/api-reference/overview
 * @module
 */
import { chatCompletion, chunkFrames } from '../openai/chat'
import type { ChatSurface } from '../provider'
import { decodeOpenRouterChat, type OpenRouterWire } from './decode'
import { openrouterChatResponseDecoding } from './decode-response'
import { openrouterError } from './errors'
import { shapeChunk, shapeCompletion } from './shape'

export const openrouterChatSurface: ChatSurface<OpenRouterWire> = {
  kind: 'chat',
  id: 'openrouter.chat',
  provider: 'openrouter',
  routes: [{ method: 'POST', path: '/api/v1/chat/completions' }],
  idPrefixes: { response: 'gen-', toolCall: 'call_' },

  decode: decodeOpenRouterChat,

  encode: (result, wire) => shapeCompletion(chatCompletion(result), result, wire.excludeReasoning),

  stream: {
    framing: 'sse',
    frames(event, result, wire) {
      if (event.type === 'reasoning-delta' && wire.excludeReasoning) return []
      return chunkFrames(event, result, wire).map(({ data }) =>
        typeof data === 'string' ? { data } : { data: shapeChunk(data, result) },
      )
    },
  },

  response: openrouterChatResponseDecoding,

  encodeError: openrouterError,
}
