/**
 * OpenAI Chat Completions: `POST /v1/chat/completions`, and any path ending in `/chat/completions`
 * (Mistral, Groq, Together, vLLM, LiteLLM, ...). JSON, or SSE `data:` chunks ending in `data: [DONE]`.
 * @see https://platform.openai.com/docs/api-reference/chat
 * @module
 */
import type { DecodedChat } from '../../canonical/decoded'
import {
  resultText,
  resultToolCalls,
  type ChatResult,
  type ResponseFormat,
  type StreamEvent,
} from '../../canonical'
import { WireError } from '../../errors'
import type { ChatSurface } from '../provider'
import { isObject, type Json } from '../wire/json-guards'
import { chatResponseDecoding } from './decode-chat-response'
import { requireString } from './param-errors'
import { decodeMessages, decodeTools } from './decode-messages'
import { openaiError } from './errors'

export interface ChatWire {
  includeUsage: boolean
}

export const chatSurface: ChatSurface<ChatWire> = {
  kind: 'chat',
  id: 'openai.chat',
  provider: 'openai',
  routes: [{ method: 'POST', path: '**/chat/completions' }],
  idPrefixes: { response: 'chatcmpl-', toolCall: 'call_' },

  decode(body) {
    if (!isObject(body)) throw new WireError(400, 'The request body must be a JSON object.')
    const model = requireString(body.model, 'model')
    const { system, messages } = decodeMessages(body.messages)
    const responseFormat = decodeResponseFormat(body.response_format)
    const request: DecodedChat = {
      kind: 'chat',
      model,
      system,
      messages,
      tools: decodeTools(body),
      stream: body.stream === true,
    }
    // Set when given (no spread of a conditional object per request); it stays the last field.
    if (responseFormat) request.responseFormat = responseFormat
    const streamOptions = body.stream_options
    return {
      request,
      wire: { includeUsage: isObject(streamOptions) && streamOptions.include_usage === true },
    }
  },

  encode: chatCompletion,
  // chatCompletion reads no wire (include_usage only shapes streams).
  jsonTemplate: () => '',

  stream: {
    framing: 'sse',
    frames(event, result, wire) {
      // Text and reasoning deltas are most of a stream: their chunk is serialised once per stream and only
      // the delta's text is encoded per event (the same bytes as JSON.stringify of the whole chunk).
      if (event.type === 'text-delta') return [{ data: deltaChunk(result, wire, 'content', event.text) }]
      if (event.type === 'reasoning-delta')
        return [{ data: deltaChunk(result, wire, 'reasoning_content', event.text) }]
      return chunkFrames(event, result, wire)
    },
  },

  response: chatResponseDecoding(),

  encodeError: openaiError,
}

/** The `chat.completion` body, for surfaces that add to it (Azure's content filters, OpenRouter's fields). */
export function chatCompletion(chat: ChatResult): Json & { choices: Json[] } {
  const toolCalls = resultToolCalls(chat)
  const text = resultText(chat)
  return {
    id: chat.id,
    object: 'chat.completion',
    created: chat.created,
    model: chat.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text === '' && toolCalls.length > 0 ? null : text,
          refusal: null,
          annotations: [],
          ...(chat.reasoning ? { reasoning_content: chat.reasoning } : {}),
          ...(toolCalls.length > 0
            ? {
                tool_calls: toolCalls.map((call) => ({
                  id: call.id,
                  type: 'function',
                  function: { name: call.name, arguments: call.arguments },
                })),
              }
            : {}),
        },
        logprobs: null,
        finish_reason: chat.finishReason,
      },
    ],
    usage: usage(chat),
    system_fingerprint: null,
  }
}

/** One SSE frame of the chat stream: a `chat.completion.chunk`, or the closing `[DONE]`. */
export interface ChunkFrame {
  data: Json | '[DONE]'
}

/**
 * The stream's frames with every chunk as an object, for surfaces that reshape OpenAI's chunks
 * (OpenRouter adds its fields to each).
 */
export function chunkFrames(event: StreamEvent, result: ChatResult, wire: ChatWire): ChunkFrame[] {
  const delta = deltaFor(event)
  if (delta)
    return [{ data: chunk(result, wire, [{ index: 0, delta, logprobs: null, finish_reason: null }]) }]
  if (event.type !== 'finish') return []
  const frames: ChunkFrame[] = [
    {
      data: chunk(result, wire, [
        { index: 0, delta: {}, logprobs: null, finish_reason: result.finishReason },
      ]),
    },
  ]
  if (wire.includeUsage) frames.push({ data: { ...chunk(result, wire, []), usage: usage(result) } })
  frames.push({ data: '[DONE]' })
  return frames
}

const DELTA_MARK = '\u0000standin-delta\u0000'
/** Per stream: its delta chunk serialised around the place of the delta object. */
const deltaTemplates = new WeakMap<ChatResult, [prefix: string, suffix: string]>()

/** `JSON.stringify` of the chunk whose delta is `{ [field]: text }`, from the stream's template. */
function deltaChunk(result: ChatResult, wire: ChatWire, field: string, text: string): string {
  let template = deltaTemplates.get(result)
  if (!template) {
    const whole = JSON.stringify(
      chunk(result, wire, [{ index: 0, delta: DELTA_MARK, logprobs: null, finish_reason: null }]),
    )
    const at = whole.indexOf(JSON.stringify(DELTA_MARK))
    template = [whole.slice(0, at), whole.slice(at + JSON.stringify(DELTA_MARK).length)]
    deltaTemplates.set(result, template)
  }
  return `${template[0]}{"${field}":${JSON.stringify(text)}}${template[1]}`
}

function deltaFor(event: StreamEvent): Record<string, unknown> | undefined {
  switch (event.type) {
    case 'start':
      return { role: 'assistant', content: '', refusal: null }
    case 'reasoning-delta':
      return { reasoning_content: event.text }
    case 'text-delta':
      return { content: event.text }
    case 'tool-call-start':
      return {
        tool_calls: [
          {
            index: event.toolIndex,
            id: event.id,
            type: 'function',
            function: { name: event.name, arguments: '' },
          },
        ],
      }
    case 'tool-call-delta':
      return { tool_calls: [{ index: event.toolIndex, function: { arguments: event.argumentsDelta } }] }
    default:
      return undefined
  }
}

function chunk(result: ChatResult, wire: ChatWire, choices: unknown[]): Json {
  return {
    id: result.id,
    object: 'chat.completion.chunk',
    created: result.created,
    model: result.model,
    system_fingerprint: null,
    choices,
    ...(wire.includeUsage ? { usage: null } : {}),
  }
}

export function usage(result: ChatResult): Json {
  const { inputTokens, outputTokens, reasoningTokens } = result.usage
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  }
}

function decodeResponseFormat(value: unknown): ResponseFormat | undefined {
  if (value === undefined || value === null) return undefined
  if (!isObject(value) || typeof value.type !== 'string') {
    throw new WireError(400, "Invalid value for 'response_format': expected an object with a 'type'.", {
      param: 'response_format',
    })
  }
  const format: ResponseFormat = { type: value.type }
  if (isObject(value.json_schema)) {
    if (typeof value.json_schema.name === 'string') format.name = value.json_schema.name
    if (value.json_schema.schema !== undefined) format.schema = value.json_schema.schema
  }
  return format
}
