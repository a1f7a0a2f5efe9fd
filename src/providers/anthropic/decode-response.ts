/**
 * Reading an Anthropic answer back into a canonical result (record mode): a `Message` body, or the stream
 * events that build one (`message_start`, `content_block_start`/`_delta`/`_stop`, `message_delta`,
 * `message_stop`, `ping`, `error`). The events are plain objects so every framing can hand them over: SSE
 * here and on Vertex, the decoded `chunk` payloads of Bedrock's invoke stream.
 *
 * - `thinking` blocks become the reasoning (with its signature), `redacted_thinking` blocks the redacted
 *   reasoning; text and `tool_use` blocks keep their wire order. Server tool blocks (`server_tool_use`,
 *   `web_search_tool_result`, ...) ran on Anthropic's side and are not client tool calls: they are skipped.
 * - Tool-call arguments are the JSON text: `input` serialised, or the `input_json_delta` fragments joined.
 * - Usage: input tokens are `input_tokens` plus the cache creation and cache read tokens (the whole prompt,
 *   as the canonical count means it; standin models no caching), reasoning tokens
 *   `output_tokens_details.thinking_tokens` when sent. In a stream, `message_delta`'s counters replace
 *   `message_start`'s when present, as the SDK accumulates them.
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 * @module
 */
import type { FinishReason, Usage } from '../../canonical'
import type { DecodedChatResult } from '../provider'
import { decodedContent, type DecodedPiece as Piece } from '../wire/decoded-blocks'
import { isObject, type Json } from '../wire/json-guards'
import { argumentsJson } from '../wire/tool-arguments'
import { anthropicStopReason } from './encode'

const FINISH_REASONS: Record<string, FinishReason> = {
  end_turn: 'stop',
  tool_use: 'tool_calls',
  max_tokens: 'length',
  refusal: 'content_filter',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  model_context_window_exceeded: 'length',
}

/**
 * The canonical finish reason of a `stop_reason`; the native one is kept when the canonical reason would not
 * encode back to it (`stop_sequence`, `pause_turn`, `model_context_window_exceeded`, reasons added later).
 */
export function anthropicFinish(
  stopReason: string,
): Pick<DecodedChatResult, 'finishReason' | 'nativeFinishReason'> {
  const finishReason = FINISH_REASONS[stopReason] ?? 'stop'
  return anthropicStopReason(finishReason) === stopReason
    ? { finishReason }
    : { finishReason, nativeFinishReason: stopReason }
}

/** A `Message` body (Anthropic's, Vertex's rawPredict, Bedrock's InvokeModel for Claude). */
export function decodeAnthropicMessage(body: unknown): DecodedChatResult {
  if (!isObject(body)) throw new Error('Anthropic message: the body is not a JSON object')
  if (body.type === 'error') throw new Error(`Anthropic message: the body is an error: ${errorText(body)}`)
  if (!Array.isArray(body.content)) throw new Error('Anthropic message: `content` is not a list')
  const pieces = body.content.map((block, i) => piece(block, `content[${i}]`))
  if (typeof body.stop_reason !== 'string') throw new Error('Anthropic message: `stop_reason` is missing')
  return {
    kind: 'chat',
    ...envelope(body),
    ...decodedContent(pieces),
    ...anthropicFinish(body.stop_reason),
    ...usageField(isObject(body.usage) ? body.usage : undefined),
  }
}

/** A block of a `Message`'s content, or of `content_block_start` (whose `input` is `{}` until deltas). */
function piece(block: unknown, at: string): Piece | undefined {
  if (!isObject(block) || typeof block.type !== 'string') {
    throw new Error(`Anthropic message: ${at} is not a content block`)
  }
  switch (block.type) {
    case 'text':
      return { type: 'text', text: requireString(block.text, `${at}.text`) }
    case 'tool_use':
      return {
        type: 'tool',
        id: requireString(block.id, `${at}.id`),
        name: requireString(block.name, `${at}.name`),
        arguments: argumentsJson(block.input),
      }
    case 'thinking':
      return {
        type: 'reasoning',
        text: requireString(block.thinking ?? '', `${at}.thinking`),
        signature: typeof block.signature === 'string' ? block.signature : '',
      }
    case 'redacted_thinking':
      return { type: 'redacted', data: requireString(block.data, `${at}.data`) }
    default:
      return undefined
  }
}

function requireString(value: unknown, at: string): string {
  if (typeof value !== 'string') throw new Error(`Anthropic message: ${at} is not a string`)
  return value
}

function envelope(message: Json): Pick<DecodedChatResult, 'id' | 'model'> {
  return {
    ...(typeof message.id === 'string' ? { id: message.id } : {}),
    ...(typeof message.model === 'string' ? { model: message.model } : {}),
  }
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/** Anthropic's usage object as canonical counts (see the module comment for the cache tokens). */
export function anthropicUsageOf(raw: Json): Partial<Usage> {
  const usage: Partial<Usage> = {}
  const input = count(raw.input_tokens)
  if (input !== undefined) {
    usage.inputTokens =
      input + (count(raw.cache_creation_input_tokens) ?? 0) + (count(raw.cache_read_input_tokens) ?? 0)
  }
  const output = count(raw.output_tokens)
  if (output !== undefined) usage.outputTokens = output
  const thinking = isObject(raw.output_tokens_details)
    ? count(raw.output_tokens_details.thinking_tokens)
    : undefined
  if (thinking !== undefined) usage.reasoningTokens = thinking
  return usage
}

function usageField(raw: Json | undefined): Pick<DecodedChatResult, 'usage'> {
  if (!raw) return {}
  const usage = anthropicUsageOf(raw)
  return Object.keys(usage).length > 0 ? { usage } : {}
}

/** The message of an `error` body or event, `type: message`. */
function errorText(body: Json): string {
  const error = isObject(body.error) ? body.error : {}
  const type = typeof error.type === 'string' ? error.type : 'error'
  const message = typeof error.message === 'string' ? error.message : JSON.stringify(body)
  return `${type}: ${message}`
}

/** A block being streamed: text and thinking grow by deltas, tool input by JSON fragments. */
type Open =
  | { type: 'text'; text: string }
  | { type: 'tool'; id: string; name: string; start: string; json: string }
  | { type: 'reasoning'; text: string; signature: string }
  | { type: 'redacted'; data: string }
  | { type: 'other' }

function open(block: unknown, at: string): Open {
  if (isObject(block) && block.type === 'tool_use') {
    return {
      type: 'tool',
      id: requireString(block.id, `${at}.id`),
      name: requireString(block.name, `${at}.name`),
      start: argumentsJson(block.input),
      json: '',
    }
  }
  const known = piece(block, at)
  return known && known.type !== 'tool' ? known : { type: 'other' }
}

function close(block: Open): Piece | undefined {
  switch (block.type) {
    case 'tool':
      // No fragments (a tool without parameters): the start's `input`, `{}`.
      return {
        type: 'tool',
        id: block.id,
        name: block.name,
        arguments: block.json === '' ? block.start : block.json,
      }
    case 'other':
      return undefined
    default:
      return block
  }
}

/**
 * The events of one streamed message, in order. Unknown event and delta types are skipped; an `error` event
 * (the upstream failed mid-stream) and a stream that ends before its stop reason throw.
 */
export function decodeAnthropicEvents(events: unknown[]): DecodedChatResult {
  let message: Json | undefined
  const blocks = new Map<number, Open>()
  let stopReason: string | undefined
  let usage: Json = {}
  for (const event of events) {
    if (!isObject(event) || typeof event.type !== 'string') continue
    switch (event.type) {
      case 'message_start': {
        if (!isObject(event.message)) throw new Error('Anthropic stream: message_start has no message')
        message = event.message
        if (isObject(message.usage)) usage = { ...message.usage }
        if (Array.isArray(message.content)) {
          message.content.forEach((block, i) => blocks.set(i, open(block, `message_start content[${i}]`)))
        }
        if (typeof message.stop_reason === 'string') stopReason = message.stop_reason
        break
      }
      case 'content_block_start': {
        const index = blockIndex(event)
        blocks.set(index, open(event.content_block, `content_block_start[${index}]`))
        break
      }
      case 'content_block_delta': {
        const index = blockIndex(event)
        const block = blocks.get(index)
        if (!block)
          throw new Error(`Anthropic stream: content_block_delta for block ${index} before its start`)
        if (isObject(event.delta)) applyDelta(block, event.delta)
        break
      }
      case 'message_delta': {
        const delta = isObject(event.delta) ? event.delta : {}
        if (typeof delta.stop_reason === 'string') stopReason = delta.stop_reason
        if (isObject(event.usage)) {
          // Counters are cumulative totals, omitted or null when they do not apply: present ones replace.
          for (const [name, value] of Object.entries(event.usage)) if (value !== null) usage[name] = value
        }
        break
      }
      case 'error':
        throw new Error(`Anthropic stream: the upstream sent an error event: ${errorText(event)}`)
      default:
        // content_block_stop, message_stop, ping and event types added later carry nothing to keep.
        break
    }
  }
  if (!message) throw new Error('Anthropic stream: no message_start event')
  if (stopReason === undefined) throw new Error('Anthropic stream: the stream ended without a stop reason')
  const pieces = [...blocks.entries()].sort(([a], [b]) => a - b).map(([, block]) => close(block))
  return {
    kind: 'chat',
    ...envelope(message),
    ...decodedContent(pieces),
    ...anthropicFinish(stopReason),
    ...usageField(usage),
  }
}

function blockIndex(event: Json): number {
  if (typeof event.index !== 'number') throw new Error(`Anthropic stream: ${String(event.type)} has no index`)
  return event.index
}

function applyDelta(block: Open, delta: Json): void {
  switch (delta.type) {
    case 'text_delta':
      if (block.type === 'text' && typeof delta.text === 'string') block.text += delta.text
      return
    case 'input_json_delta':
      if (block.type === 'tool' && typeof delta.partial_json === 'string') block.json += delta.partial_json
      return
    case 'thinking_delta':
      if (block.type === 'reasoning' && typeof delta.thinking === 'string') block.text += delta.thinking
      return
    case 'signature_delta':
      // The signature arrives whole, just before the block stops.
      if (block.type === 'reasoning' && typeof delta.signature === 'string') block.signature = delta.signature
      return
    default:
      // citations_delta and delta types added later.
      return
  }
}

/**
 * Anthropic's SSE: each frame's data is one event object (its `event:` name repeats the type). A frame named
 * `error` throws even when its data is not the usual object.
 */
export function decodeAnthropicSse(frames: unknown[]): DecodedChatResult {
  const events = frames.map((frame) => {
    if (!isObject(frame)) throw new Error('Anthropic stream: a frame is not an SSE event')
    if (frame.event === 'error' && !(isObject(frame.data) && frame.data.type === 'error')) {
      throw new Error(`Anthropic stream: the upstream sent an error event: ${String(frame.data)}`)
    }
    return frame.data
  })
  return decodeAnthropicEvents(events)
}
