/**
 * Decoding Cohere v2 chat messages and tools into the canonical model. Content is a string or an array of
 * typed parts; assistant tool calls carry arguments as a JSON string; tool results name their call.
 * @see https://docs.cohere.com/reference/chat
 * @module
 */
import type { ChatMessage, ToolCall, ToolDefinition } from '../../canonical'
import { WireError } from '../../errors'
import { assistantMessage, toolMessage } from '../wire/chat-messages'
import { functionTool } from '../wire/function-tool'
import { isObject, jsonType, type Json } from '../wire/json-guards'

export function decodeMessages(raw: unknown): { system: string; messages: ChatMessage[] } {
  if (raw === undefined || raw === null) throw required('messages')
  if (!Array.isArray(raw)) throw wrongType('messages', 'an array', raw)
  if (raw.length === 0) throw invalid('messages', 'a non-empty array')
  const toolNames = new Map<string, string>()
  const messages = raw.map((value, i) => decodeMessage(value, i, toolNames))
  const system = messages.filter((m) => m.role === 'system').map((m) => m.text)
  return { system: system.join('\n'), messages }
}

/** One message; `toolNames` maps the ids of the calls seen so far to their tools, for the results. */
function decodeMessage(value: unknown, i: number, toolNames: Map<string, string>): ChatMessage {
  if (!isObject(value)) throw invalid(`messages[${i}]`, 'an object')
  const text = contentText(value.content, `messages[${i}].content`)
  switch (value.role) {
    case 'system':
    case 'user':
      return { role: value.role, text }
    case 'assistant': {
      const toolCalls = decodeToolCalls(value, i)
      for (const call of toolCalls) toolNames.set(call.id, call.name)
      // A tool-calling turn has its text in `tool_plan` (the reverse of how answers are encoded).
      const said = text || (typeof value.tool_plan === 'string' ? value.tool_plan : '')
      return assistantMessage(said, toolCalls)
    }
    case 'tool': {
      const id = value.tool_call_id
      if (typeof id !== 'string' || id === '')
        throw invalid(`messages[${i}].tool_call_id`, 'a non-empty string')
      return toolMessage({ toolCallId: id, content: text, name: toolNames.get(id) })
    }
    default:
      throw invalid(`messages[${i}].role`, "one of 'system', 'user', 'assistant', 'tool'")
  }
}

function decodeToolCalls(message: Json, i: number): ToolCall[] {
  const raw = message.tool_calls
  if (raw === undefined || raw === null) return []
  if (!Array.isArray(raw)) throw invalid(`messages[${i}].tool_calls`, 'an array')
  return raw.map((call: unknown, j) => {
    const param = `messages[${i}].tool_calls[${j}]`
    const fn = isObject(call) && isObject(call.function) ? call.function : undefined
    if (!fn || typeof fn.name !== 'string' || fn.name === '') {
      throw invalid(`${param}.function.name`, 'a non-empty string')
    }
    if (fn.arguments !== undefined && fn.arguments !== null && typeof fn.arguments !== 'string') {
      throw invalid(`${param}.function.arguments`, 'a JSON string')
    }
    const id =
      isObject(call) && typeof call.id === 'string' && call.id !== '' ? call.id : `${fn.name}_${i}_${j}`
    const args = typeof fn.arguments === 'string' && fn.arguments !== '' ? fn.arguments : '{}'
    return { id, name: fn.name, arguments: args }
  })
}

/**
 * The text of a message: a string, or its text parts joined by newlines. Thinking and images are not
 * text; a document (in a tool result) counts as its JSON.
 */
function contentText(content: unknown, param: string): string {
  if (content === undefined || content === null) return ''
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) throw invalid(param, 'a string or an array of content parts')
  const parts: string[] = []
  for (const part of content) {
    if (isObject(part) && part.type === 'text' && typeof part.text === 'string') parts.push(part.text)
    else if (isObject(part) && part.type === 'document' && isObject(part.document))
      parts.push(JSON.stringify(part.document.data ?? {}))
  }
  return parts.join('\n')
}

export function decodeTools(raw: unknown): ToolDefinition[] {
  if (raw === undefined || raw === null) return []
  if (!Array.isArray(raw)) throw invalid('tools', 'an array')
  return raw.map((tool, i) => {
    const fn = isObject(tool) && isObject(tool.function) ? tool.function : undefined
    if (!fn || typeof fn.name !== 'string' || fn.name === '') {
      throw invalid(`tools[${i}].function.name`, 'a non-empty string')
    }
    return functionTool(fn.name, fn)
  })
}

/** Cohere words its 400s as `invalid request: ...`; the field's path is both in the text and in `param`. */
export function invalid(param: string, expected: string): WireError {
  return new WireError(400, `invalid request: ${param} must be ${expected}.`, { param })
}

/** A field of the wrong JSON type, naming the type sent. */
export function wrongType(param: string, expected: string, value: unknown): WireError {
  return new WireError(400, `invalid request: ${param} must be ${expected}, got ${jsonType(value)}.`, {
    param,
  })
}

/** A required field that is absent. */
export function required(param: string): WireError {
  return new WireError(400, `invalid request: ${param} is required.`, { param })
}
