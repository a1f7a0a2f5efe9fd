/**
 * Decoding Anthropic `messages` and `system` into the canonical model: text blocks joined, `tool_use`
 * blocks as tool calls, and each `tool_result` block of a user message as its own canonical tool message.
 * @see https://docs.anthropic.com/en/api/messages
 * @module
 */
import type { ChatMessage, ToolCall } from '../../canonical'
import { WireError } from '../../errors'
import { assistantMessage, toolMessage } from '../wire/chat-messages'
import { isObject, type Json } from '../wire/json-guards'
import { argumentsJson } from '../wire/tool-arguments'

/** A 400 in Anthropic's wording (`<field>: <problem>`), naming the field. */
export function invalid(param: string, problem: string): WireError {
  return new WireError(400, `${param}: ${problem}`, { param })
}

/** `system`: a string or an array of text blocks. */
export function decodeSystem(raw: unknown): string {
  if (raw === undefined || raw === null) return ''
  if (typeof raw === 'string') return raw
  if (!Array.isArray(raw)) throw invalid('system', 'Input should be a valid string or a list of text blocks')
  return raw
    .map((block, i) => {
      if (!isObject(block) || block.type !== 'text' || typeof block.text !== 'string') {
        throw invalid(`system.${i}`, "Input should be a text block ({type: 'text', text})")
      }
      return block.text
    })
    .join('\n')
}

/** `messages`: user and assistant turns (and `system` turns, which the SDK's types allow). */
export function decodeMessages(raw: unknown): { system: string[]; messages: ChatMessage[] } {
  if (raw === undefined) throw invalid('messages', 'Field required')
  if (!Array.isArray(raw)) throw invalid('messages', 'Input should be a valid list')
  const system: string[] = []
  const messages: ChatMessage[] = []
  const toolNames = new Map<string, string>()
  raw.forEach((value, i) => {
    if (!isObject(value)) throw invalid(`messages.${i}`, 'Input should be an object')
    const blocks = contentBlocks(value.content, `messages.${i}.content`)
    switch (value.role) {
      case 'user':
        messages.push(...userTurn(blocks, toolNames, i))
        return
      case 'assistant': {
        const toolCalls = toolUses(blocks, i)
        for (const call of toolCalls) toolNames.set(call.id, call.name)
        messages.push(assistantMessage(blockText(blocks), toolCalls))
        return
      }
      case 'system': {
        const text = blockText(blocks)
        system.push(text)
        messages.push({ role: 'system', text })
        return
      }
      case undefined:
        throw invalid(`messages.${i}.role`, 'Field required')
      default:
        throw invalid(`messages.${i}.role`, "Input should be 'user' or 'assistant'")
    }
  })
  return { system, messages }
}

/** Content as blocks: a string is one text block. */
function contentBlocks(content: unknown, param: string): Json[] {
  if (content === undefined) throw invalid(param, 'Field required')
  if (typeof content === 'string') return [{ type: 'text', text: content }]
  if (!Array.isArray(content))
    throw invalid(param, 'Input should be a valid string or a list of content blocks')
  return content.map((block, j) => {
    if (!isObject(block) || typeof block.type !== 'string')
      throw invalid(`${param}.${j}.type`, 'Field required')
    return block
  })
}

/** A user turn: one tool message per `tool_result` block, then the turn's own text (if any). */
function userTurn(blocks: Json[], toolNames: Map<string, string>, i: number): ChatMessage[] {
  const out: ChatMessage[] = []
  blocks.forEach((block, j) => {
    if (block.type !== 'tool_result') return
    if (typeof block.tool_use_id !== 'string') {
      throw invalid(`messages.${i}.content.${j}.tool_use_id`, 'Field required')
    }
    const content = resultText(block.content, `messages.${i}.content.${j}.content`)
    out.push(
      toolMessage({
        toolCallId: block.tool_use_id,
        content,
        name: toolNames.get(block.tool_use_id),
        isError: block.is_error === true,
      }),
    )
  })
  const text = blockText(blocks)
  if (text !== '' || out.length === 0) out.push({ role: 'user', text })
  return out
}

function toolUses(blocks: Json[], i: number): ToolCall[] {
  const calls: ToolCall[] = []
  blocks.forEach((block, j) => {
    if (block.type !== 'tool_use' && block.type !== 'server_tool_use') return
    const at = `messages.${i}.content.${j}`
    if (typeof block.id !== 'string') throw invalid(`${at}.id`, 'Field required')
    if (typeof block.name !== 'string') throw invalid(`${at}.name`, 'Field required')
    calls.push({ id: block.id, name: block.name, arguments: argumentsJson(block.input) })
  })
  return calls
}

/** The text blocks of a turn, joined with newlines; images, documents and thinking carry no text to match. */
function blockText(blocks: Json[]): string {
  const parts: string[] = []
  for (const block of blocks)
    if (block.type === 'text' && typeof block.text === 'string') parts.push(block.text)
  return parts.join('\n')
}

/** A `tool_result` block's content: a string or a list of blocks (their text joined). */
function resultText(content: unknown, param: string): string {
  if (content === undefined || content === null) return ''
  if (typeof content === 'string') return content
  if (!Array.isArray(content))
    throw invalid(param, 'Input should be a valid string or a list of content blocks')
  return blockText(content.filter(isObject))
}
