/**
 * Decoding an Anthropic Messages body into a canonical chat request. Shared by `POST /v1/messages`, Claude
 * on Vertex (`:rawPredict`, model in the path) and Bedrock's invoke (Anthropic bodies).
 * @see https://docs.anthropic.com/en/api/messages
 * @module
 */
import type { ResponseFormat, ToolDefinition } from '../../canonical'
import type { DecodedChat } from '../../canonical/decoded'
import type { Decoded } from '../provider'
import { isObject, isPositiveInteger } from '../wire/json-guards'
import { decodeMessages, decodeSystem, invalid } from './decode-messages'

/** Nothing of the request is needed again to encode an Anthropic answer. */
export type AnthropicWire = Record<string, never>

export interface AnthropicDecodeOptions {
  /** The model named by the path (Vertex, Bedrock); when given, the body's `model` is not required. */
  model?: string
  /** Overrides the body's `stream` flag (the route decides: `:streamRawPredict`, `invoke-with-response-stream`). */
  stream?: boolean
  /** Vertex and Bedrock require `anthropic_version` in the body. */
  requireAnthropicVersion?: boolean
  /** `max_tokens` is required by messages.create, but not by count_tokens. */
  requireMaxTokens?: boolean
}

/**
 * Throws a 400 WireError naming the field (`max_tokens: Field required`) for bodies the real API rejects.
 * @example
 * decodeAnthropicBody(body, { model: params.model, requireAnthropicVersion: true })
 */
export function decodeAnthropicBody(
  body: unknown,
  options: AnthropicDecodeOptions = {},
): Decoded<DecodedChat, AnthropicWire> {
  if (!isObject(body)) throw invalid('body', 'Input should be a JSON object')
  const model = options.model ?? requiredModel(body.model)
  if (options.requireAnthropicVersion && typeof body.anthropic_version !== 'string') {
    throw invalid('anthropic_version', 'Field required')
  }
  if (options.requireMaxTokens !== false) checkMaxTokens(body.max_tokens)
  const topSystem = decodeSystem(body.system)
  const { system, messages } = decodeMessages(body.messages)
  const responseFormat = decodeResponseFormat(body)
  const request: DecodedChat = {
    kind: 'chat',
    model,
    system: [topSystem, ...system].filter((text) => text !== '').join('\n'),
    // The top-level system text leads the conversation, as a system message does on other providers.
    messages: topSystem === '' ? messages : [{ role: 'system', text: topSystem }, ...messages],
    tools: decodeTools(body.tools),
    stream: options.stream ?? body.stream === true,
    ...(responseFormat ? { responseFormat } : {}),
  }
  return { request, wire: {} }
}

function requiredModel(model: unknown): string {
  if (model === undefined) throw invalid('model', 'Field required')
  if (typeof model !== 'string' || model === '') throw invalid('model', 'Input should be a non-empty string')
  return model
}

function checkMaxTokens(value: unknown): void {
  if (value === undefined) throw invalid('max_tokens', 'Field required')
  if (!isPositiveInteger(value)) {
    throw invalid('max_tokens', 'Input should be an integer greater than or equal to 1')
  }
}

/** Client tools (`input_schema`) and server tools (`type: 'web_search_…'`) alike carry a `name`. */
function decodeTools(raw: unknown): ToolDefinition[] {
  if (raw === undefined || raw === null) return []
  if (!Array.isArray(raw)) throw invalid('tools', 'Input should be a valid list')
  return raw.map((tool, i) => {
    if (!isObject(tool) || typeof tool.name !== 'string') throw invalid(`tools.${i}.name`, 'Field required')
    const definition: ToolDefinition = { name: tool.name }
    if (typeof tool.description === 'string') definition.description = tool.description
    if (tool.input_schema !== undefined) definition.parameters = tool.input_schema
    return definition
  })
}

/** Structured outputs: `output_config.format` (GA) or the beta's top-level `output_format`. */
function decodeResponseFormat(body: Record<string, unknown>): ResponseFormat | undefined {
  const config = isObject(body.output_config) ? body.output_config : {}
  const format = isObject(config.format)
    ? config.format
    : isObject(body.output_format)
      ? body.output_format
      : undefined
  if (!format || typeof format.type !== 'string') return undefined
  return format.schema === undefined ? { type: format.type } : { type: format.type, schema: format.schema }
}
