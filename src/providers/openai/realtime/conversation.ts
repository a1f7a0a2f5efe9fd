/**
 * The conversation a Realtime connection builds (client items, committed audio, the model's output items)
 * and the canonical chat request a response turn stands for: instructions as the system text, items as
 * messages (a user's audio by its transcript), function calls and their outputs as tool calls and results,
 * the session's (or the response's) function tools.
 * @module
 */
import type { ChatMessage, ToolDefinition } from '../../../canonical'
import type { WsTurnRequest } from '../../../websocket/surface'
import { isObject, type Json } from '../../wire/json-guards'
import { spokenText } from './audio'
import type { Dialect } from './dialect'
import { invalidType, invalidValue, missing, RealtimeProblem } from './problem'

const ITEM_TYPES = ['message', 'function_call', 'function_call_output'] as const
const ROLES = ['user', 'assistant', 'system'] as const

/** A client item, validated and given an id (`item_...`) and `object`/`status`, as the server shows it. */
export function checkItem(value: unknown, id: string): Json {
  if (value === undefined) throw missing('item')
  if (!isObject(value)) throw invalidType('item', 'an object', value)
  const type = value.type
  if (type === undefined) throw missing('item.type')
  if (!(ITEM_TYPES as readonly unknown[]).includes(type)) throw invalidValue('item.type', type, ITEM_TYPES)
  if (value.id !== undefined && typeof value.id !== 'string')
    throw invalidType('item.id', 'a string', value.id)
  const item: Json = { id, object: 'realtime.item', status: 'completed', ...value }
  if (type === 'message') {
    if (!(ROLES as readonly unknown[]).includes(value.role))
      throw value.role === undefined ? missing('item.role') : invalidValue('item.role', value.role, ROLES)
    if (!Array.isArray(value.content))
      throw value.content === undefined
        ? missing('item.content')
        : invalidType('item.content', 'an array', value.content)
    value.content.forEach((part, i) => {
      if (!isObject(part)) throw invalidType(`item.content[${i}]`, 'an object', part)
      for (const field of ['text', 'transcript', 'audio'] as const)
        if (part[field] !== undefined && part[field] !== null && typeof part[field] !== 'string')
          throw invalidType(`item.content[${i}].${field}`, 'a string', part[field])
    })
    // Input audio the mock "hears": its transcript is the words spokenAudio() labelled it with.
    item.content = value.content.map((part: Json) =>
      part.type === 'input_audio' && typeof part.transcript !== 'string'
        ? {
            ...part,
            transcript:
              typeof part.audio === 'string' ? (spokenText(Buffer.from(part.audio, 'base64')) ?? null) : null,
          }
        : part,
    )
  } else if (type === 'function_call') {
    for (const field of ['name', 'call_id', 'arguments'] as const) {
      if (value[field] === undefined) throw missing(`item.${field}`)
      if (typeof value[field] !== 'string') throw invalidType(`item.${field}`, 'a string', value[field])
    }
  } else {
    for (const field of ['call_id', 'output'] as const) {
      if (value[field] === undefined) throw missing(`item.${field}`)
      if (typeof value[field] !== 'string') throw invalidType(`item.${field}`, 'a string', value[field])
    }
  }
  return item
}

/** The conversation's items in order, found by id. */
export class Conversation {
  readonly items: Json[] = []

  /** Adds `item` after `previous` (the end when undefined); returns the id of the item before it. */
  add(item: Json, previous?: string): string | null {
    let at = this.items.length
    if (previous !== undefined) {
      const found = this.items.findIndex((i) => i.id === previous)
      if (found === -1)
        throw new RealtimeProblem(
          `Item with id '${previous}' not found.`,
          'item_not_found',
          'previous_item_id',
        )
      at = found + 1
    }
    this.items.splice(at, 0, item)
    return at === 0 ? null : (this.items[at - 1]!.id as string)
  }

  get(id: string): Json | undefined {
    return this.items.find((i) => i.id === id)
  }

  delete(id: string): boolean {
    const at = this.items.findIndex((i) => i.id === id)
    if (at === -1) return false
    this.items.splice(at, 1)
    return true
  }

  get lastId(): string | null {
    return (this.items.at(-1)?.id as string | undefined) ?? null
  }
}

export interface TurnSource {
  session: Json
  /** `response.create`'s `response` (instructions, tools, `input` override). */
  response: Json
  items: readonly Json[]
  /** Resolves `item_reference` inputs. */
  conversation: Conversation
  model: string
  dialect: Dialect
}

/** The canonical chat request of one response. */
export function turnRequest(source: TurnSource): WsTurnRequest {
  const instructions = source.response.instructions ?? source.session.instructions
  const system: string[] = typeof instructions === 'string' && instructions !== '' ? [instructions] : []
  const messages: ChatMessage[] = []
  const names = new Map<string, string>()
  for (const raw of source.items) {
    const item = raw.type === 'item_reference' ? source.conversation.get(String(raw.id)) : raw
    if (!item) continue
    if (item.type === 'function_call') {
      const call = {
        id: String(item.call_id),
        name: String(item.name),
        arguments: String(item.arguments ?? ''),
      }
      names.set(call.id, call.name)
      const last = messages.at(-1)
      if (last?.role === 'assistant' && last.toolCalls && last.text === '') last.toolCalls.push(call)
      else messages.push({ role: 'assistant', text: '', toolCalls: [call] })
    } else if (item.type === 'function_call_output') {
      const toolCallId = String(item.call_id)
      const name = names.get(toolCallId)
      const content = String(item.output ?? '')
      messages.push({
        role: 'tool',
        text: content,
        toolResult: { toolCallId, content, ...(name && { name }) },
      })
    } else if (item.type === 'message') {
      const text = messageText(item)
      if (item.role === 'system') system.push(text)
      else messages.push({ role: item.role === 'assistant' ? 'assistant' : 'user', text })
    }
  }
  return {
    kind: 'chat',
    model: source.model,
    system: system.join('\n'),
    messages,
    tools: tools(source.response.tools ?? source.session.tools),
    stream: true,
  }
}

/** A message's text: its text parts, and its audio parts by their transcripts. */
function messageText(item: Json): string {
  const parts = Array.isArray(item.content) ? (item.content as Json[]) : []
  return parts
    .map((part) =>
      typeof part.text === 'string' ? part.text : typeof part.transcript === 'string' ? part.transcript : '',
    )
    .filter((text) => text !== '')
    .join('\n')
}

function tools(value: unknown): ToolDefinition[] {
  if (!Array.isArray(value)) return []
  return (value as Json[])
    .filter((tool) => tool.type !== 'mcp' && typeof tool.name === 'string')
    .map((tool) => {
      const out: ToolDefinition = { name: tool.name as string }
      if (typeof tool.description === 'string') out.description = tool.description
      if (tool.parameters !== undefined) out.parameters = tool.parameters
      return out
    })
}
