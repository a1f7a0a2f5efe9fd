/**
 * Decoding OpenAI chat messages and tools into the canonical model.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @module
 */
import type { ChatMessage, ToolCall, ToolDefinition } from '../../canonical'
import { WireError } from '../../errors'
import { assistantMessage, toolMessage } from '../wire/chat-messages'
import { functionTool } from '../wire/function-tool'
import { isObject, type Json } from '../wire/json-guards'
import { emptyArray, invalidType, missingParameter } from './param-errors'

export function decodeMessages(raw: unknown): { system: string; messages: ChatMessage[] } {
  if (raw === undefined || raw === null) throw missingParameter('messages')
  if (!Array.isArray(raw)) throw invalidType('messages', 'an array of objects', raw)
  if (raw.length === 0) throw emptyArray('messages')
  // The system messages' texts joined by newlines, built as they come (no list to join).
  let system: string | undefined
  const messages: ChatMessage[] = []
  // Made by the first assistant tool call: most requests have none.
  let toolNames: Map<string, string> | undefined
  for (let i = 0; i < raw.length; i++) {
    const value: unknown = raw[i]
    if (!isObject(value))
      throw new WireError(400, `Invalid type for 'messages[${i}]': expected an object.`, {
        param: `messages[${i}]`,
      })
    const role = value.role
    const content = value.content
    // A plain string (most messages) is its own text; the content's parameter name is made only for others.
    const text = typeof content === 'string' ? content : contentText(content, `messages[${i}].content`)
    switch (role) {
      case 'system':
      case 'developer':
        system = system === undefined ? text : `${system}\n${text}`
        messages.push({ role: 'system', text })
        break
      case 'user':
        messages.push({ role: 'user', text })
        break
      case 'assistant': {
        const toolCalls = decodeToolCalls(value, i)
        for (const call of toolCalls) (toolNames ??= new Map()).set(call.id, call.name)
        messages.push(assistantMessage(text, toolCalls))
        break
      }
      case 'tool': {
        const id = typeof value.tool_call_id === 'string' ? value.tool_call_id : ''
        if (!id)
          throw new WireError(400, `Missing required parameter: 'messages[${i}].tool_call_id'.`, {
            param: `messages[${i}].tool_call_id`,
          })
        messages.push(toolMessage({ toolCallId: id, content: text, name: toolNames?.get(id) }))
        break
      }
      case 'function': {
        const name = typeof value.name === 'string' ? value.name : ''
        messages.push(toolMessage({ toolCallId: name, content: text, name }))
        break
      }
      default:
        throw new WireError(
          400,
          `Invalid value for 'messages[${i}].role': expected one of 'system', 'developer', 'user', 'assistant', 'tool'.`,
          { param: `messages[${i}].role` },
        )
    }
  }
  return { system: system ?? '', messages }
}

function decodeToolCalls(message: Json, i: number): ToolCall[] {
  const calls: ToolCall[] = []
  if (Array.isArray(message.tool_calls)) {
    message.tool_calls.forEach((call: unknown, j) => {
      const fn = isObject(call) && isObject(call.function) ? call.function : undefined
      if (!fn || typeof fn.name !== 'string') {
        throw new WireError(
          400,
          `Missing required parameter: 'messages[${i}].tool_calls[${j}].function.name'.`,
          {
            param: `messages[${i}].tool_calls[${j}].function.name`,
          },
        )
      }
      const id = isObject(call) && typeof call.id === 'string' ? call.id : `call_${i}_${j}`
      calls.push({ id, name: fn.name, arguments: typeof fn.arguments === 'string' ? fn.arguments : '{}' })
    })
  } else if (isObject(message.function_call) && typeof message.function_call.name === 'string') {
    const { name, arguments: args } = message.function_call
    calls.push({ id: name, name, arguments: typeof args === 'string' ? args : '{}' })
  }
  return calls
}

/** Text of a message's content: a string, or the text parts of a content array joined by newlines. */
export function contentText(content: unknown, param: string): string {
  if (content === undefined || content === null) return ''
  if (typeof content === 'string') return content
  if (!Array.isArray(content))
    throw new WireError(400, `Invalid type for '${param}': expected a string or an array of content parts.`, {
      param,
    })
  const parts: string[] = []
  for (const part of content) {
    if (typeof part === 'string') parts.push(part)
    else if (isObject(part) && typeof part.text === 'string') parts.push(part.text)
    else if (isObject(part) && typeof part.refusal === 'string') parts.push(part.refusal)
  }
  return parts.join('\n')
}

export function decodeTools(body: Json): ToolDefinition[] {
  const tools: ToolDefinition[] = []
  const raw = body.tools
  // Most requests have neither tools nor the legacy functions: one test, no walk.
  if (raw === undefined && body.functions === undefined) return tools
  if (raw !== undefined && !Array.isArray(raw)) {
    throw new WireError(400, "Invalid type for 'tools': expected an array.", { param: 'tools' })
  }
  ;(raw ?? []).forEach((tool: unknown, i) => {
    const fn = isObject(tool) && isObject(tool.function) ? tool.function : undefined
    if (isObject(tool) && tool.type !== undefined && tool.type !== 'function') {
      tools.push({ name: String(tool.name ?? tool.type) })
      return
    }
    if (!fn || typeof fn.name !== 'string') {
      throw new WireError(400, `Missing required parameter: 'tools[${i}].function.name'.`, {
        param: `tools[${i}].function.name`,
      })
    }
    tools.push(functionTool(fn.name, fn))
  })
  if (Array.isArray(body.functions))
    for (const fn of body.functions)
      if (isObject(fn) && typeof fn.name === 'string') tools.push(functionTool(fn.name, fn))
  return tools
}
