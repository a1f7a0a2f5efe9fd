/**
 * Decoding a Responses API request (`POST /v1/responses`) into the canonical model: `instructions` as the
 * system text, `input` after the conversation `previous_response_id` names, function tools (named at the
 * top level), and `text.format` as the response format.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 * @module
 */
import type { ChatMessage, ResponseFormat, ToolDefinition } from '../../canonical'
import type { DecodedChat } from '../../canonical/decoded'
import { WireError } from '../../errors'
import type { DecodeContext, Decoded } from '../provider'
import { functionTool } from '../wire/function-tool'
import { isObject, type Json } from '../wire/json-guards'
import { invalidType } from './param-errors'
import { decodeConversation } from './responses-input'
import { responseStore, type ResponseStore } from './responses-store'

export interface ResponsesWire {
  /** Request parameters the response object repeats (instructions, tools, text, ...). */
  echo: Json
  /** The whole conversation this response answers, kept with it for a later `previous_response_id`. */
  conversation: ChatMessage[]
  /** Where the response is kept; undefined with `store: false`, as OpenAI keeps nothing then. */
  store: ResponseStore | undefined
  /** `include: ["reasoning.encrypted_content"]`: reasoning items carry an opaque payload. */
  encryptedReasoning: boolean
  /** The next stream event's `sequence_number`. */
  sequence: number
}

export function decodeResponsesRequest(
  body: unknown,
  context: DecodeContext,
): Decoded<DecodedChat, ResponsesWire> {
  if (!isObject(body)) throw new WireError(400, 'The request body must be a JSON object.')
  if (body.model !== undefined && typeof body.model !== 'string')
    throw invalidType('model', 'a string', body.model)
  const store = responseStore(context.memory)
  const history = previousConversation(body.previous_response_id, store)
  const messages = decodeConversation(body.input, history, store)
  const responseFormat = decodeTextFormat(body.text)
  const request: DecodedChat = {
    kind: 'chat',
    ...(typeof body.model === 'string' ? { model: body.model } : {}),
    system: systemText(body.instructions, messages),
    messages,
    tools: decodeTools(body.tools),
    stream: body.stream === true,
    ...(responseFormat ? { responseFormat } : {}),
  }
  const include = Array.isArray(body.include) ? body.include : []
  return {
    request,
    wire: {
      echo: echoedParams(body),
      conversation: messages,
      store: body.store === false ? undefined : store,
      encryptedReasoning: include.includes('reasoning.encrypted_content'),
      sequence: 0,
    },
  }
}

/** OpenAI answers an unknown `previous_response_id` with 404 and `code: previous_response_not_found`. */
function previousConversation(id: unknown, store: ResponseStore): ChatMessage[] {
  if (id === undefined || id === null) return []
  if (typeof id !== 'string') {
    throw new WireError(400, "Invalid type for 'previous_response_id': expected a string.", {
      param: 'previous_response_id',
    })
  }
  const previous = store.get(id)
  if (!previous) {
    throw new WireError(404, `Previous response with id '${id}' not found.`, {
      param: 'previous_response_id',
      wireCode: 'previous_response_not_found',
    })
  }
  return previous.conversation
}

/** `instructions` first, then system and developer messages of the conversation. */
function systemText(instructions: unknown, messages: ChatMessage[]): string {
  const parts = typeof instructions === 'string' && instructions !== '' ? [instructions] : []
  for (const message of messages) if (message.role === 'system') parts.push(message.text)
  return parts.join('\n')
}

/** Function tools carry `name` at the top level; built-in tools (web_search, mcp, ...) are named by type. */
function decodeTools(raw: unknown): ToolDefinition[] {
  if (raw === undefined || raw === null) return []
  if (!Array.isArray(raw)) {
    throw new WireError(400, "Invalid type for 'tools': expected an array.", { param: 'tools' })
  }
  return raw.map((tool: unknown, i) => {
    if (!isObject(tool)) {
      throw new WireError(400, `Invalid type for 'tools[${i}]': expected an object.`, {
        param: `tools[${i}]`,
      })
    }
    if (typeof tool.type !== 'string') {
      throw new WireError(400, `Missing required parameter: 'tools[${i}].type'.`, {
        param: `tools[${i}].type`,
      })
    }
    if (tool.type !== 'function') return { name: typeof tool.name === 'string' ? tool.name : tool.type }
    if (typeof tool.name !== 'string' || tool.name === '') {
      throw new WireError(400, `Missing required parameter: 'tools[${i}].name'.`, {
        param: `tools[${i}].name`,
      })
    }
    return functionTool(tool.name, tool)
  })
}

/** `text.format`: `text`, `json_object`, or `json_schema` with its `name` and `schema`. */
function decodeTextFormat(text: unknown): ResponseFormat | undefined {
  if (text === undefined || text === null) return undefined
  if (!isObject(text)) {
    throw new WireError(400, "Invalid type for 'text': expected an object.", { param: 'text' })
  }
  const format = text.format
  if (format === undefined || format === null) return undefined
  if (!isObject(format) || typeof format.type !== 'string') {
    throw new WireError(400, "Missing required parameter: 'text.format.type'.", { param: 'text.format.type' })
  }
  if (format.type !== 'json_schema') return { type: format.type }
  if (typeof format.name !== 'string' || format.name === '') {
    throw new WireError(400, "Missing required parameter: 'text.format.name'.", { param: 'text.format.name' })
  }
  if (!isObject(format.schema)) {
    throw new WireError(400, "Missing required parameter: 'text.format.schema'.", {
      param: 'text.format.schema',
    })
  }
  return { type: 'json_schema', name: format.name, schema: format.schema }
}

/** The request parameters a Response object repeats, with OpenAI's defaults for those not sent. */
function echoedParams(body: Json): Json {
  return {
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: body.reasoning ?? { effort: null, summary: null },
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: body.truncation ?? 'disabled',
    user: body.user ?? null,
    metadata: body.metadata ?? {},
  }
}
