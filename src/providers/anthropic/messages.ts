/**
 * Anthropic Messages: `POST /v1/messages` (under any prefix), as one JSON `Message` or as typed SSE
 * (`event: <type>` with the event object as data).
 * @see https://docs.anthropic.com/en/api/messages
 * @module
 */
import type { ChatSurface, DecodedChatResult, ResponseDecoding } from '../provider'
import { decodeAnthropicBody, type AnthropicWire } from './decode'
import { decodeAnthropicError } from './decode-error'
import { decodeAnthropicMessage, decodeAnthropicSse } from './decode-response'
import { encodeAnthropicMessage } from './encode'
import { anthropicError, anthropicErrorHeaders } from './errors'
import { anthropicSseFrames } from './sse-frames'

export const ANTHROPIC_ID_PREFIXES = { response: 'msg_', toolCall: 'toolu_' }

/** Reads a Messages answer back (record mode); Vertex's Claude surface reuses the body and stream parts. */
export const anthropicResponse: ResponseDecoding<DecodedChatResult, AnthropicWire> = {
  json: (body) => decodeAnthropicMessage(body),
  stream: (frames) => decodeAnthropicSse(frames),
  error: decodeAnthropicError,
}

export const messagesSurface: ChatSurface<AnthropicWire> = {
  kind: 'chat',
  id: 'anthropic.messages',
  provider: 'anthropic',
  // `/messages` at the root: `@ai-sdk/anthropic` appends it to ANTHROPIC_BASE_URL, which standin sets without `/v1`.
  routes: [
    { method: 'POST', path: '**/v1/messages' },
    { method: 'POST', path: '/messages' },
  ],
  idPrefixes: ANTHROPIC_ID_PREFIXES,
  decode: (body) => decodeAnthropicBody(body),
  encode: encodeAnthropicMessage,
  // encodeAnthropicMessage reads only the result.
  jsonTemplate: () => '',
  stream: { framing: 'sse', frames: anthropicSseFrames },
  encodeError: anthropicError,
  errorHeaders: anthropicErrorHeaders,
  response: anthropicResponse,
}
