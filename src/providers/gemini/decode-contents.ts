/**
 * Decoding Gemini `contents` (a conversation of `Content` objects: role `user` or `model`, and `parts`) into
 * canonical messages. Text parts become message text; `functionCall` parts become the model's tool calls;
 * `functionResponse` parts become tool results; `thought` parts (the model's own reasoning, sent back in
 * multi-turn conversations) are left out so they never affect matching.
 * @see https://ai.google.dev/api/caching#Content
 * @module
 */
import type { ChatMessage, ToolCall } from '../../canonical'
import { assistantMessage, toolMessage } from '../wire/chat-messages'
import { isObject, type Json } from '../wire/json-guards'
import { argumentsJson } from '../wire/tool-arguments'
import { field, invalidArgument } from './json-fields'

/** `message` names the request in error messages, e.g. `GenerateContentRequest`. */
export function decodeContents(raw: unknown, message: string): ChatMessage[] {
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    throw invalidArgument(message, 'contents', 'contents is not specified')
  }
  if (!Array.isArray(raw)) throw invalidArgument(message, 'contents', 'expected an array of Content objects')
  const messages: ChatMessage[] = []
  // Tool results may omit the call id (older models never sent one): they answer the latest call of that name.
  const callIds = new Map<string, string>()
  raw.forEach((content: unknown, i) => {
    const path = `contents[${i}]`
    if (!isObject(content)) throw invalidArgument(message, path, 'expected a Content object')
    const parts = content.parts
    if (!Array.isArray(parts) || parts.length === 0) {
      throw invalidArgument(message, `${path}.parts`, 'contents.parts must not be empty.')
    }
    // The role may be left blank in single-turn requests.
    const role = content.role || 'user'
    if (role === 'model') messages.push(modelMessage(parts, { message, path, callIds }))
    // `function` is the role older Vertex AI examples give to function responses.
    else if (role === 'user' || role === 'function')
      messages.push(...userMessages(parts, { message, path, callIds }))
    else throw invalidArgument(message, `${path}.role`, 'Please use a valid role: user, model.')
  })
  return messages
}

interface Where {
  message: string
  path: string
  callIds: Map<string, string>
}

function modelMessage(parts: unknown[], where: Where): ChatMessage {
  const toolCalls: ToolCall[] = []
  parts.forEach((part, j) => {
    const call = isObject(part) ? field(part, 'functionCall') : undefined
    if (!isObject(call)) return
    const name = requiredName(call, where, `parts[${j}].functionCall`)
    const id = typeof call.id === 'string' && call.id !== '' ? call.id : name
    where.callIds.set(name, id)
    toolCalls.push({ id, name, arguments: argumentsJson(call.args) })
  })
  return assistantMessage(partsText(parts), toolCalls)
}

/**
 * A user turn: its text (if any) as a user message, then one tool message per function response, so a turn
 * that answers tool calls reads as a tool-result turn.
 */
function userMessages(parts: unknown[], where: Where): ChatMessage[] {
  const messages: ChatMessage[] = []
  const text = partsText(parts)
  const responses = parts.filter((part) => isObject(part) && field(part, 'functionResponse') !== undefined)
  if (text !== '' || responses.length < parts.length) messages.push({ role: 'user', text })
  parts.forEach((part, j) => {
    const response = isObject(part) ? field(part, 'functionResponse') : undefined
    if (!isObject(response)) return
    const name = requiredName(response, where, `parts[${j}].functionResponse`)
    const id =
      typeof response.id === 'string' && response.id !== '' ? response.id : (where.callIds.get(name) ?? name)
    const { content, isError } = responseContent(response.response)
    messages.push(toolMessage({ toolCallId: id, content, name, isError }))
  })
  return messages
}

function requiredName(object: Json, where: Where, path: string): string {
  if (typeof object.name === 'string' && object.name !== '') return object.name
  throw invalidArgument(where.message, `${where.path}.${path}.name`, 'Name cannot be empty.')
}

/** The text parts of a Content, thoughts excluded, joined with newlines. */
export function partsText(parts: unknown[]): string {
  const texts: string[] = []
  for (const part of parts) {
    if (isObject(part) && typeof part.text === 'string' && part.thought !== true) texts.push(part.text)
  }
  return texts.join('\n')
}

/**
 * A function response is a JSON object. Google asks for `{"output": ...}` or `{"error": ...}`, and the AI
 * SDK sends `{"name", "content"}`; a response holding only one of those is unwrapped to its value, anything
 * else is kept as JSON text.
 * @see https://ai.google.dev/api/caching#FunctionResponse
 */
function responseContent(response: unknown): { content: string; isError: boolean } {
  if (isObject(response)) {
    const keys = Object.keys(response).filter((key) => key !== 'name')
    const only = keys.length === 1 ? keys[0]! : undefined
    if (only === 'output' || only === 'content' || only === 'result' || only === 'error') {
      const value = response[only]
      return { content: typeof value === 'string' ? value : JSON.stringify(value), isError: only === 'error' }
    }
  }
  return { content: JSON.stringify(response ?? {}), isError: false }
}
