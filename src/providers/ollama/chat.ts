/**
 * Ollama chat: `POST /api/chat`. Streams NDJSON by default (one `{message, done: false}` line per delta and a
 * final `done: true` line with counts and durations); one JSON object with `stream: false`.
 * @see https://docs.ollama.com/api/chat
 * @module
 */
import { resultText, resultToolCalls, type ChatResult, type StreamEvent } from '../../canonical'
import type { ChatSurface } from '../provider'
import { decodeChat, type OllamaWire } from './decode-chat'
import { decodeMessages, decodeTools } from './decode-messages'
import { chatDecoding } from './decode-response'
import { createdAt, doneFields } from './done-fields'
import { ollamaError } from './errors'
import { wireToolCall } from './tool-calls'

export const chatSurface: ChatSurface<OllamaWire> = {
  kind: 'chat',
  id: 'ollama.chat',
  provider: 'ollama',
  routes: [{ method: 'POST', path: '/api/chat' }],
  idPrefixes: { response: 'chat_', toolCall: 'call_' },

  decode(raw) {
    return decodeChat(raw, (body) => ({
      ...decodeMessages(body.messages),
      tools: decodeTools(body.tools),
    }))
  },

  encode(chat, wire) {
    const calls = resultToolCalls(chat).map(wireToolCall)
    const message = {
      role: 'assistant',
      content: resultText(chat),
      ...(wire.think && chat.reasoning ? { thinking: chat.reasoning } : {}),
      ...(calls.length > 0 ? { tool_calls: calls } : {}),
    }
    return { model: chat.model, created_at: createdAt(chat), message, ...doneFields(chat) }
  },

  stream: {
    framing: 'ndjson',
    frames(event, result, wire) {
      if (event.type === 'finish') return [{ ...line(result, { content: '' }), ...doneFields(result) }]
      const delta = messageDelta(event, wire)
      return delta ? [{ ...line(result, delta), done: false }] : []
    },
  },

  response: chatDecoding,
  encodeError: ollamaError,
}

/** A streamed line's message. Ollama streams text and thinking as they come, and each tool call whole. */
function messageDelta(event: StreamEvent, wire: OllamaWire): Record<string, unknown> | undefined {
  switch (event.type) {
    case 'reasoning-delta':
      return wire.think ? { content: '', thinking: event.text } : undefined
    case 'text-delta':
      return { content: event.text }
    case 'tool-call-end':
      return {
        content: '',
        tool_calls: [
          wireToolCall({ id: event.id, name: event.name, arguments: event.arguments }, event.toolIndex),
        ],
      }
    default:
      return undefined
  }
}

function line(result: ChatResult, message: Record<string, unknown>): Record<string, unknown> {
  return { model: result.model, created_at: createdAt(result), message: { role: 'assistant', ...message } }
}
