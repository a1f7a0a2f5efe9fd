/**
 * Decoding a Converse request body (messages of content blocks, `system` blocks, `toolConfig`,
 * `outputConfig`) into the canonical chat request's parts.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ContentBlock.html
 * @module
 */
import type { ChatMessage, ResponseFormat, ToolCall, ToolDefinition } from '../../canonical'
import { toolMessage } from '../wire/chat-messages'
import { isObject, type Json } from '../wire/json-guards'
import { argumentsJson } from '../wire/tool-arguments'
import { invalid, optionalArray } from './validation'

export interface ConverseParts {
  system: string
  messages: ChatMessage[]
  tools: ToolDefinition[]
  responseFormat?: ResponseFormat
}

export function decodeConverse(body: Json): ConverseParts {
  const system = decodeSystem(body.system)
  const messages = decodeMessages(body.messages)
  const parts: ConverseParts = {
    system,
    // The system text leads the conversation, as a system message does on other providers.
    messages: system === '' ? messages : [{ role: 'system', text: system }, ...messages],
    tools: decodeTools(body.toolConfig),
  }
  const responseFormat = decodeOutputConfig(body.outputConfig)
  if (responseFormat) parts.responseFormat = responseFormat
  return parts
}

/** System blocks: their text joined with newlines (cache points carry none). */
function decodeSystem(value: unknown): string {
  const blocks = optionalArray(value, 'system') ?? []
  return blocks
    .map((block, i) => blockText(block, `system[${i}]`))
    .filter((text) => text !== '')
    .join('\n')
}

function decodeMessages(value: unknown): ChatMessage[] {
  const messages = optionalArray(value, 'messages')
  if (!messages) throw invalid('messages', 'Member must not be null')
  const names = new Map<string, string>()
  return messages.flatMap((message, i) => decodeMessage(message, `messages[${i}]`, names))
}

/**
 * One wire message becomes one canonical message, except that each `toolResult` block becomes its own
 * `tool` message, ahead of the turn's text, as Anthropic's decoder orders a Claude turn (Bedrock passes
 * Converse turns to Claude as exactly such turns).
 */
function decodeMessage(message: unknown, path: string, names: Map<string, string>): ChatMessage[] {
  if (!isObject(message)) throw invalid(path, 'Member must be a structure')
  const role = message.role
  if (role !== 'user' && role !== 'assistant') {
    throw invalid(`${path}.role`, 'Member must satisfy enum value set: [user, assistant]')
  }
  const content = optionalArray(message.content, `${path}.content`)
  if (!content) throw invalid(`${path}.content`, 'Member must not be null')
  const texts: string[] = []
  const toolCalls: ToolCall[] = []
  const results: ChatMessage[] = []
  content.forEach((block, j) => {
    const at = `${path}.content[${j}]`
    if (!isObject(block)) throw invalid(at, 'Member must be a structure')
    if (isObject(block.toolUse)) {
      const call = decodeToolUse(block.toolUse, `${at}.toolUse`)
      names.set(call.id, call.name)
      toolCalls.push(call)
    } else if (isObject(block.toolResult)) {
      results.push(decodeToolResult(block.toolResult, `${at}.toolResult`, names))
    } else {
      const text = blockText(block, at)
      if (text !== '') texts.push(text)
    }
  })
  const text = texts.join('\n')
  const own: ChatMessage[] = []
  if (toolCalls.length > 0) own.push({ role, text, toolCalls })
  else if (text !== '' || results.length === 0) own.push({ role, text })
  return [...results, ...own]
}

/** The text a block carries: `text`, or guarded text; images, documents and cache points carry none. */
function blockText(block: unknown, path: string): string {
  if (!isObject(block)) throw invalid(path, 'Member must be a structure')
  if (block.text !== undefined) {
    if (typeof block.text !== 'string') throw invalid(`${path}.text`, 'Member must be a string')
    return block.text
  }
  const guarded =
    isObject(block.guardContent) && isObject(block.guardContent.text)
      ? block.guardContent.text.text
      : undefined
  return typeof guarded === 'string' ? guarded : ''
}

function decodeToolUse(use: Json, path: string): ToolCall {
  if (typeof use.toolUseId !== 'string' || use.toolUseId === '')
    throw invalid(`${path}.toolUseId`, 'Member must not be null')
  if (typeof use.name !== 'string' || use.name === '')
    throw invalid(`${path}.name`, 'Member must not be null')
  return { id: use.toolUseId, name: use.name, arguments: argumentsJson(use.input) }
}

function decodeToolResult(result: Json, path: string, names: Map<string, string>): ChatMessage {
  if (typeof result.toolUseId !== 'string' || result.toolUseId === '') {
    throw invalid(`${path}.toolUseId`, 'Member must not be null')
  }
  const blocks = optionalArray(result.content, `${path}.content`)
  if (!blocks) throw invalid(`${path}.content`, 'Member must not be null')
  const content = blocks
    .map((block, k) => {
      if (!isObject(block)) throw invalid(`${path}.content[${k}]`, 'Member must be a structure')
      if (typeof block.text === 'string') return block.text
      return block.json !== undefined ? JSON.stringify(block.json) : ''
    })
    .join('\n')
  return toolMessage({
    toolCallId: result.toolUseId,
    content,
    name: names.get(result.toolUseId),
    isError: result.status === 'error',
  })
}

/** `toolConfig.tools`: tool specs with their JSON schema; cache points are skipped, system tools kept by name. */
function decodeTools(config: unknown): ToolDefinition[] {
  if (config === undefined || config === null) return []
  if (!isObject(config)) throw invalid('toolConfig', 'Member must be a structure')
  const tools = optionalArray(config.tools, 'toolConfig.tools')
  if (!tools) throw invalid('toolConfig.tools', 'Member must not be null')
  const out: ToolDefinition[] = []
  tools.forEach((tool, i) => {
    const path = `toolConfig.tools[${i}]`
    if (!isObject(tool)) throw invalid(path, 'Member must be a structure')
    if (isObject(tool.systemTool) && typeof tool.systemTool.name === 'string')
      out.push({ name: tool.systemTool.name })
    if (!isObject(tool.toolSpec)) return
    const spec = tool.toolSpec
    if (typeof spec.name !== 'string' || spec.name === '')
      throw invalid(`${path}.toolSpec.name`, 'Member must not be null')
    const definition: ToolDefinition = { name: spec.name }
    if (typeof spec.description === 'string') definition.description = spec.description
    if (isObject(spec.inputSchema) && spec.inputSchema.json !== undefined)
      definition.parameters = spec.inputSchema.json
    out.push(definition)
  })
  return out
}

/** `outputConfig.textFormat`: a JSON schema (sent as a string) for structured output. */
function decodeOutputConfig(config: unknown): ResponseFormat | undefined {
  if (!isObject(config) || !isObject(config.textFormat)) return undefined
  const format = config.textFormat
  if (typeof format.type !== 'string')
    throw invalid('outputConfig.textFormat.type', 'Member must not be null')
  const definition =
    isObject(format.structure) && isObject(format.structure.jsonSchema) ? format.structure.jsonSchema : {}
  const out: ResponseFormat = { type: format.type }
  if (typeof definition.name === 'string') out.name = definition.name
  if (typeof definition.schema === 'string') out.schema = parseSchema(definition.schema)
  return out
}

function parseSchema(schema: string): unknown {
  try {
    return JSON.parse(schema)
  } catch {
    throw invalid(
      'outputConfig.textFormat.structure.jsonSchema.schema',
      'Member must be a valid JSON schema string',
    )
  }
}
