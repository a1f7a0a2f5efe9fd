/**
 * Ollama completion: `POST /api/generate` with a `prompt` (and optional `system`). The answer is in
 * `response` (and `thinking`), streamed as NDJSON by default like chat.
 * @see https://docs.ollama.com/api/generate
 * @module
 */
import { resultText, type ChatMessage } from '../../canonical'
import { WireError } from '../../errors'
import type { ChatSurface } from '../provider'
import { decodeChat, type OllamaWire } from './decode-chat'
import { generateDecoding } from './decode-response'
import { createdAt, doneFields } from './done-fields'
import { ollamaError } from './errors'

export const generateSurface: ChatSurface<OllamaWire> = {
  kind: 'chat',
  id: 'ollama.generate',
  provider: 'ollama',
  routes: [{ method: 'POST', path: '/api/generate' }],
  idPrefixes: { response: 'gen_', toolCall: 'call_' },

  decode(raw) {
    return decodeChat(raw, (body) => {
      const system = text(body.system, 'system')
      const messages: ChatMessage[] = system ? [{ role: 'system', text: system }] : []
      messages.push({ role: 'user', text: text(body.prompt, 'prompt') })
      return { system, messages, tools: [] }
    })
  },

  // Generate has no tool calls: only the text blocks of a result are its answer.
  encode(chat, wire) {
    return {
      model: chat.model,
      created_at: createdAt(chat),
      response: resultText(chat),
      ...(wire.think && chat.reasoning ? { thinking: chat.reasoning } : {}),
      ...doneFields(chat),
    }
  },

  stream: {
    framing: 'ndjson',
    frames(event, result, wire) {
      const head = { model: result.model, created_at: createdAt(result) }
      if (event.type === 'text-delta') return [{ ...head, response: event.text, done: false }]
      if (event.type === 'reasoning-delta' && wire.think) {
        return [{ ...head, response: '', thinking: event.text, done: false }]
      }
      if (event.type === 'finish') return [{ ...head, response: '', ...doneFields(result) }]
      return []
    },
  },

  response: generateDecoding,
  encodeError: ollamaError,
}

function text(value: unknown, param: string): string {
  if (value === undefined || value === null) return ''
  if (typeof value !== 'string') {
    throw new WireError(400, `invalid type for '${param}': expected a string`, { param })
  }
  return value
}
