/**
 * Reading Cohere v2 chat answers back (record mode), whole or as typed SSE events. The answer's order is the
 * tool plan (the text a tool-calling turn writes before its calls), then the text content items, then the
 * tool calls; `thinking` content items are the reasoning. Usage prefers `tokens` (what the model read and
 * wrote) over `billed_units`. Cohere names no model in its answers and has no reasoning signature.
 * @see https://docs.cohere.com/reference/chat
 * @see https://docs.cohere.com/reference/chat-stream
 * @module
 */
import type { ErrorResult, FinishReason, OutputBlock, ToolCall, Usage } from '../../canonical'
import type { HeaderReader } from '../../core/reply'
import type { DecodedChatResult, ResponseDecoding } from '../provider'
import { isObject, type Json } from '../wire/json-guards'
import { retryAfterSeconds } from '../wire/retry-after'

export const chatDecoding: ResponseDecoding<DecodedChatResult, null> = {
  json(body) {
    if (!isObject(body) || !isObject(body.message)) {
      throw new Error(`expected a Cohere v2 chat response (an object with a message)${errorNote(body)}`)
    }
    const message = body.message
    const reader = new ChatReader()
    if (typeof body.id === 'string') reader.id = body.id
    if (typeof message.tool_plan === 'string') reader.toolPlan(message.tool_plan)
    if (Array.isArray(message.content)) {
      message.content.forEach((item: unknown, index) => {
        if (!isObject(item)) return
        reader.contentStart(index, item)
      })
    }
    if (Array.isArray(message.tool_calls)) {
      message.tool_calls.forEach((call: unknown, index) => reader.toolCallStart(index, call))
    }
    reader.end(body)
    return reader.result()
  },

  stream(frames) {
    const reader = new ChatReader()
    for (const frame of frames) {
      const data = isObject(frame) ? frame.data : undefined
      if (!isObject(data)) continue
      const type = typeof data.type === 'string' ? data.type : isObject(frame) ? frame.event : undefined
      const index = typeof data.index === 'number' ? data.index : 0
      const message = isObject(data.delta) && isObject(data.delta.message) ? data.delta.message : {}
      switch (type) {
        case 'message-start':
          if (typeof data.id === 'string') reader.id = data.id
          break
        case 'content-start':
          reader.contentStart(index, isObject(message.content) ? message.content : {})
          break
        case 'content-delta':
          reader.contentDelta(index, isObject(message.content) ? message.content : {})
          break
        case 'tool-plan-delta':
          if (typeof message.tool_plan === 'string') reader.toolPlan(message.tool_plan)
          break
        case 'tool-call-start':
          reader.toolCallStart(index, message.tool_calls)
          break
        case 'tool-call-delta': {
          const calls = message.tool_calls
          const fn = isObject(calls) && isObject(calls.function) ? calls.function : {}
          if (typeof fn.arguments === 'string') reader.toolCallDelta(index, fn.arguments)
          break
        }
        case 'message-end':
          reader.end(isObject(data.delta) ? data.delta : {})
          break
        // content-end, tool-call-end, citation-start/end, debug and anything newer carry nothing to keep.
      }
    }
    if (!reader.ended) throw new Error('the Cohere stream ended without a message-end event')
    return reader.result()
  },

  error: cohereErrorResult,
}

/** Cohere's error body is `{"message"}` (v2 adds an `id`); the status says the rest. */
export function cohereErrorResult(status: number, body: unknown, headers: HeaderReader): ErrorResult {
  const message =
    isObject(body) && typeof body.message === 'string' && body.message !== ''
      ? body.message
      : typeof body === 'string' && body.trim() !== ''
        ? body.trim()
        : `HTTP ${status}`
  const result: ErrorResult = { kind: 'error', status, message }
  const retryAfter = retryAfterSeconds(headers)
  if (retryAfter !== undefined) result.retryAfter = retryAfter
  return result
}

function errorNote(body: unknown): string {
  return isObject(body) && typeof body.message === 'string' ? `, got an error: ${body.message}` : ''
}

/**
 * Cohere's finish reasons as canonical ones. A reason other than the one the encoder writes for its canonical
 * reason (`STOP_SEQUENCE`, where the encoder writes `COMPLETE`) is kept in `nativeFinishReason`. `ERROR` is
 * read as the encoder writes it, for a blocked generation (Cohere has no filter reason).
 * @see https://docs.cohere.com/reference/chat#response.body.finish_reason
 */
const FINISH_REASONS: Record<string, FinishReason> = {
  COMPLETE: 'stop',
  STOP_SEQUENCE: 'stop',
  MAX_TOKENS: 'length',
  // Cut off by the server's time limit: the answer is incomplete, as at the token limit.
  TIMEOUT: 'length',
  TOOL_CALL: 'tool_calls',
  ERROR: 'content_filter',
}

const ENCODED: Record<FinishReason, string> = {
  stop: 'COMPLETE',
  tool_calls: 'TOOL_CALL',
  length: 'MAX_TOKENS',
  content_filter: 'ERROR',
}

type ContentItem = { kind: 'thinking' } | { kind: 'text'; block: { type: 'text'; text: string } }

class ChatReader {
  id: string | undefined
  ended = false
  private readonly plan: OutputBlock[] = []
  private readonly texts: OutputBlock[] = []
  private readonly calls: OutputBlock[] = []
  private readonly content = new Map<number, ContentItem>()
  private readonly toolCalls = new Map<number, ToolCall>()
  private reasoning = ''
  private finish: unknown
  private usage: unknown

  toolPlan(text: string): void {
    const block = this.plan[0]
    if (block?.type === 'text') block.text += text
    else this.plan.push({ type: 'text', text })
  }

  contentStart(index: number, item: Json): void {
    if (item.type === 'thinking' || (item.type === undefined && typeof item.thinking === 'string')) {
      this.content.set(index, { kind: 'thinking' })
      if (typeof item.thinking === 'string') this.reasoning += item.thinking
      return
    }
    if (item.type !== undefined && item.type !== 'text') return
    const block = { type: 'text' as const, text: typeof item.text === 'string' ? item.text : '' }
    this.texts.push(block)
    this.content.set(index, { kind: 'text', block })
  }

  contentDelta(index: number, delta: Json): void {
    const item = this.content.get(index)
    if (typeof delta.thinking === 'string' && (!item || item.kind === 'thinking')) {
      if (!item) this.content.set(index, { kind: 'thinking' })
      this.reasoning += delta.thinking
    } else if (typeof delta.text === 'string') {
      if (item?.kind === 'text') item.block.text += delta.text
      else this.contentStart(index, { type: 'text', text: delta.text })
    }
  }

  toolCallStart(index: number, raw: unknown): void {
    const fn = isObject(raw) && isObject(raw.function) ? raw.function : undefined
    if (!isObject(raw) || !fn || typeof fn.name !== 'string' || fn.name === '') {
      throw new Error(`Cohere tool call ${index} has no function name`)
    }
    const call: ToolCall = {
      id: typeof raw.id === 'string' ? raw.id : '',
      name: fn.name,
      arguments: typeof fn.arguments === 'string' ? fn.arguments : '',
    }
    this.toolCalls.set(index, call)
    this.calls.push({ type: 'toolCall', call })
  }

  toolCallDelta(index: number, fragment: string): void {
    const call = this.toolCalls.get(index)
    if (!call) throw new Error(`a Cohere tool-call-delta for call ${index}, which never started`)
    call.arguments += fragment
  }

  /** `message-end`'s delta, or the whole JSON response: both hold `finish_reason` and `usage`. */
  end(holder: Json): void {
    this.ended = true
    this.finish = holder.finish_reason
    this.usage = holder.usage
  }

  result(): DecodedChatResult {
    for (const block of this.calls) {
      // A call with no arguments streams none; the canonical form of none is an empty object.
      if (block.type === 'toolCall' && block.call.arguments === '') block.call.arguments = '{}'
    }
    const blocks = [...this.plan, ...this.texts, ...this.calls]
    const hasCalls = this.calls.length > 0
    const native = typeof this.finish === 'string' ? this.finish : undefined
    const finishReason =
      (native !== undefined ? FINISH_REASONS[native] : undefined) ?? (hasCalls ? 'tool_calls' : 'stop')
    const result: DecodedChatResult = { kind: 'chat', blocks, finishReason }
    if (this.id !== undefined) result.id = this.id
    if (this.reasoning !== '') result.reasoning = this.reasoning
    if (native !== undefined && native !== ENCODED[finishReason]) result.nativeFinishReason = native
    const usage = decodeUsage(this.usage)
    if (usage) result.usage = usage
    return result
  }
}

function decodeUsage(raw: unknown): Partial<Usage> | undefined {
  if (!isObject(raw)) return undefined
  const tokens = isObject(raw.tokens) ? raw.tokens : {}
  const billed = isObject(raw.billed_units) ? raw.billed_units : {}
  const count = (name: string): number | undefined => {
    const value = tokens[name] ?? billed[name]
    return typeof value === 'number' ? value : undefined
  }
  const usage: Partial<Usage> = {}
  const input = count('input_tokens')
  const output = count('output_tokens')
  if (input !== undefined) usage.inputTokens = input
  if (output !== undefined) usage.outputTokens = output
  return Object.keys(usage).length > 0 ? usage : undefined
}
