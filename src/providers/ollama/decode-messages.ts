/**
 * Decoding Ollama chat messages and tools into the canonical model. Tool calls carry their arguments as a
 * JSON object; tool results name their tool (`tool_name`) and, on newer servers, the call (`tool_call_id`).
 * @see https://docs.ollama.com/api/chat
 * @module
 */
import type { ChatMessage, ToolCall, ToolDefinition } from '../../canonical'
import { WireError } from '../../errors'
import { assistantMessage, toolMessage } from '../wire/chat-messages'
import { functionTool } from '../wire/function-tool'
import { isObject, type Json } from '../wire/json-guards'
import { argumentsJson } from '../wire/tool-arguments'

const ROLES = ['system', 'user', 'assistant', 'tool']

export function decodeMessages(raw: unknown): { system: string; messages: ChatMessage[] } {
  // Ollama accepts a chat without messages (it only loads the model), so absence is not an error.
  if (raw === undefined || raw === null) return { system: '', messages: [] }
  if (!Array.isArray(raw)) {
    throw new WireError(400, "invalid type for 'messages': expected an array", { param: 'messages' })
  }
  const system: string[] = []
  const messages: ChatMessage[] = []
  const pending: ToolCall[] = []
  raw.forEach((value, i) => {
    const message = decodeMessage(value, i, pending)
    if (message.role === 'system') system.push(message.text)
    messages.push(message)
  })
  return { system: system.join('\n'), messages }
}

/** One message; `pending` holds the assistant's calls not yet answered, to link tool results to them. */
function decodeMessage(value: unknown, i: number, pending: ToolCall[]): ChatMessage {
  if (!isObject(value)) {
    throw new WireError(400, `invalid type for 'messages[${i}]': expected an object`, {
      param: `messages[${i}]`,
    })
  }
  const role = typeof value.role === 'string' ? value.role.toLowerCase() : undefined
  if (!role || !ROLES.includes(role)) {
    throw new WireError(400, `invalid role in 'messages[${i}].role': expected one of ${ROLES.join(', ')}`, {
      param: `messages[${i}].role`,
    })
  }
  if (value.content !== undefined && value.content !== null && typeof value.content !== 'string') {
    throw new WireError(400, `invalid type for 'messages[${i}].content': expected a string`, {
      param: `messages[${i}].content`,
    })
  }
  const text = typeof value.content === 'string' ? value.content : ''
  if (role === 'assistant') {
    const toolCalls = decodeToolCalls(value, i)
    pending.push(...toolCalls)
    return assistantMessage(text, toolCalls)
  }
  if (role === 'tool') return toolResult(value, text, pending, i)
  return { role: role as 'system' | 'user', text }
}

function decodeToolCalls(message: Json, i: number): ToolCall[] {
  if (message.tool_calls === undefined || message.tool_calls === null) return []
  const param = `messages[${i}].tool_calls`
  if (!Array.isArray(message.tool_calls)) {
    throw new WireError(400, `invalid type for '${param}': expected an array`, { param })
  }
  return message.tool_calls.map((call: unknown, j) => {
    const fn = isObject(call) && isObject(call.function) ? call.function : undefined
    if (!fn || typeof fn.name !== 'string' || fn.name === '') {
      throw new WireError(400, `missing '${param}[${j}].function.name'`, {
        param: `${param}[${j}].function.name`,
      })
    }
    const args = fn.arguments ?? {}
    if (!isObject(args)) {
      throw new WireError(400, `invalid type for '${param}[${j}].function.arguments': expected an object`, {
        param: `${param}[${j}].function.arguments`,
      })
    }
    const id = isObject(call) && typeof call.id === 'string' && call.id !== '' ? call.id : `call_${i}_${j}`
    return { id, name: fn.name, arguments: argumentsJson(args) }
  })
}

/**
 * A `tool` message. Its call is the one `tool_call_id` names, else the earliest unanswered call of the tool
 * `tool_name` names (all the SDK sends), else, naming neither, the earliest unanswered call.
 */
function toolResult(message: Json, text: string, pending: ToolCall[], i: number): ChatMessage {
  const name =
    typeof message.tool_name === 'string' && message.tool_name !== '' ? message.tool_name : undefined
  const id =
    typeof message.tool_call_id === 'string' && message.tool_call_id !== '' ? message.tool_call_id : undefined
  const at = pending.findIndex((call) =>
    id !== undefined ? call.id === id : name === undefined || call.name === name,
  )
  const call = at >= 0 ? pending.splice(at, 1)[0] : undefined
  const toolCallId = id ?? call?.id ?? name ?? `tool_${i}`
  return toolMessage({ toolCallId, content: text, name: name ?? call?.name })
}

export function decodeTools(raw: unknown): ToolDefinition[] {
  if (raw === undefined || raw === null) return []
  if (!Array.isArray(raw)) {
    throw new WireError(400, "invalid type for 'tools': expected an array", { param: 'tools' })
  }
  return raw.map((tool, i) => {
    const fn = isObject(tool) && isObject(tool.function) ? tool.function : undefined
    if (!fn || typeof fn.name !== 'string' || fn.name === '') {
      throw new WireError(400, `missing 'tools[${i}].function.name'`, { param: `tools[${i}].function.name` })
    }
    return functionTool(fn.name, fn)
  })
}
