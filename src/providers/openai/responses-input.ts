/**
 * Decoding the Responses API `input` (a string, or an array of items) into canonical messages, after the
 * conversation a `previous_response_id` names. Assistant-side items of one turn (an assistant message and
 * the function calls after it) become one canonical assistant message, as Chat Completions sends them, so
 * `turnIndex` counts turns the same way on both APIs.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 * @module
 */
import type { ChatMessage, ToolCall } from '../../canonical'
import { WireError } from '../../errors'
import { assistantMessage, toolMessage } from '../wire/chat-messages'
import { invalidType } from './param-errors'
import { isObject, type Json } from '../wire/json-guards'
import { contentText } from './decode-messages'
import type { ItemContribution, ResponseStore } from './responses-store'

/** One input item, decoded: a whole message, a tool result, or a part of an assistant turn. */
type InputEntry =
  | ItemContribution
  | { kind: 'message'; message: ChatMessage }
  | { kind: 'tool-result'; callId: string; content: string }

const ROLES = ['user', 'assistant', 'system', 'developer']

/** The whole conversation: `history` (from `previous_response_id`) followed by the decoded `input`. */
export function decodeConversation(
  input: unknown,
  history: ChatMessage[],
  store: ResponseStore,
): ChatMessage[] {
  const conversation = new Conversation(history)
  if (input === undefined || input === null) return conversation.messages
  if (typeof input === 'string') {
    conversation.add({ kind: 'message', message: { role: 'user', text: input } })
    return conversation.messages
  }
  if (!Array.isArray(input)) throw invalidType('input', 'a string or an array of input items', input)
  input.forEach((item, i) => conversation.add(decodeItem(item, `input[${i}]`, store)))
  return conversation.messages
}

function decodeItem(item: unknown, param: string, store: ResponseStore): InputEntry {
  if (!isObject(item)) throw new WireError(400, `Invalid type for '${param}': expected an object.`, { param })
  // An item reference may omit its type; a message may too (EasyInputMessage), but it has a role.
  const type =
    item.type ?? (item.role === undefined && typeof item.id === 'string' ? 'item_reference' : 'message')
  switch (type) {
    case 'message':
      return decodeMessage(item, param)
    case 'function_call':
      return { kind: 'tool-call', call: decodeFunctionCall(item, param) }
    case 'function_call_output':
      return {
        kind: 'tool-result',
        callId: requiredString(item, 'call_id', param),
        content: contentText(item.output, `${param}.output`),
      }
    case 'item_reference':
      return resolveReference(requiredString(item, 'id', param), store)
    default:
      if (typeof type !== 'string') {
        throw new WireError(400, `Invalid type for '${param}.type': expected a string.`, {
          param: `${param}.type`,
        })
      }
      // Reasoning and built-in tool items (web search, computer use, ...) carry nothing canonical.
      return { kind: 'none' }
  }
}

function decodeMessage(item: Json, param: string): InputEntry {
  const role = item.role
  if (typeof role !== 'string' || !ROLES.includes(role)) {
    throw new WireError(
      400,
      `Invalid value: '${String(role)}'. Supported values are: 'user', 'assistant', 'system', and 'developer'.`,
      { param: `${param}.role` },
    )
  }
  const text = contentText(item.content, `${param}.content`)
  if (role === 'assistant') return { kind: 'assistant-text', text }
  return { kind: 'message', message: { role: role === 'user' ? 'user' : 'system', text } }
}

function decodeFunctionCall(item: Json, param: string): ToolCall {
  return {
    id: requiredString(item, 'call_id', param),
    name: requiredString(item, 'name', param),
    arguments: typeof item.arguments === 'string' ? item.arguments : '',
  }
}

/** OpenAI answers a reference to an item it does not hold with 404, naming `input`. */
function resolveReference(id: string, store: ResponseStore): ItemContribution {
  const item = store.item(id)
  if (!item) throw new WireError(404, `Item with id '${id}' not found.`, { param: 'input' })
  return item
}

function requiredString(item: Json, field: string, param: string): string {
  const value = item[field]
  if (typeof value !== 'string' || value === '') {
    throw new WireError(400, `Missing required parameter: '${param}.${field}'.`, {
      param: `${param}.${field}`,
    })
  }
  return value
}

/** Builds canonical messages item by item, merging an assistant turn and resolving tool names. */
class Conversation {
  readonly messages: ChatMessage[]
  readonly #toolNames = new Map<string, string>()

  constructor(history: ChatMessage[]) {
    this.messages = [...history]
    for (const message of history)
      for (const call of message.toolCalls ?? []) this.#toolNames.set(call.id, call.name)
  }

  add(entry: InputEntry): void {
    switch (entry.kind) {
      case 'message':
        this.messages.push(entry.message)
        return
      case 'assistant-text':
        this.messages.push({ role: 'assistant', text: entry.text })
        return
      case 'tool-call':
        this.#addToolCall(entry.call)
        return
      case 'tool-result': {
        const name = this.#toolNames.get(entry.callId)
        this.messages.push(toolMessage({ toolCallId: entry.callId, content: entry.content, name }))
        return
      }
      case 'none':
        return
    }
  }

  /** A function call joins the assistant message before it (copied: history is shared with the store). */
  #addToolCall(call: ToolCall): void {
    this.#toolNames.set(call.id, call.name)
    const last = this.messages.at(-1)
    if (last?.role === 'assistant') {
      this.messages[this.messages.length - 1] = { ...last, toolCalls: [...(last.toolCalls ?? []), call] }
      return
    }
    this.messages.push(assistantMessage('', [call]))
  }
}
