/**
 * What Ollama's chat and generate requests share: a model, streaming on by default, `format` and `think`.
 * Each endpoint brings its own conversation (chat's `messages` and `tools`, generate's `prompt`).
 * @see https://docs.ollama.com/api/chat
 * @see https://docs.ollama.com/api/generate
 * @module
 */
import type { DecodedChat } from '../../canonical/decoded'
import type { Decoded } from '../provider'
import { decodeBody, decodeFormat, decodeModel, decodeStream, decodeThink } from './decode-fields'

export interface OllamaWire {
  /** False when the request said `think: false`: reasoning stays out of the answer. */
  think: boolean
}

type Conversation = Pick<DecodedChat, 'system' | 'messages' | 'tools'>

export function decodeChat(
  raw: unknown,
  conversation: (body: Record<string, unknown>) => Conversation,
): Decoded<DecodedChat, OllamaWire> {
  const body = decodeBody(raw)
  const model = decodeModel(body)
  const responseFormat = decodeFormat(body.format)
  return {
    request: {
      kind: 'chat',
      model,
      ...conversation(body),
      stream: decodeStream(body),
      ...(responseFormat ? { responseFormat } : {}),
    },
    wire: { think: decodeThink(body.think) },
  }
}
