/**
 * The Response object and its output items, shared by the JSON body, the stream's snapshots and
 * `GET /v1/responses/{id}`. Output items are the reasoning (when there is any), then one item per
 * canonical block in order: a `message` for text, a `function_call` for a tool call.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 * @module
 */
import type { ChatResult, OutputBlock, ToolCall } from '../../canonical'
import type { Json } from '../wire/json-guards'
import type { ResponsesWire } from './responses-decode'

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete'

/** Output index of a block: after the reasoning item when there is one. */
export function outputIndex(result: ChatResult, blockIndex: number): number {
  return blockIndex + (result.reasoning ? 1 : 0)
}

/**
 * Item ids derive from the response id (unique per response, reproducible with a seed), so every item a
 * later request refers to by id is found again.
 */
export function itemId(result: ChatResult, prefix: 'msg' | 'fc' | 'rs', index: number): string {
  const base = result.id.startsWith('resp_') ? result.id.slice('resp_'.length) : result.id
  return `${prefix}_${base}${index}`
}

/** `length` and `content_filter` end a response as `incomplete`, with the reason OpenAI gives. */
export function responseStatus(result: ChatResult): {
  status: 'completed' | 'incomplete'
  incomplete_details: Json | null
} {
  if (result.finishReason === 'length')
    return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } }
  if (result.finishReason === 'content_filter')
    return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } }
  return { status: 'completed', incomplete_details: null }
}

export function reasoningItem(result: ChatResult, wire: ResponsesWire, summary: string | undefined): Json {
  return {
    id: itemId(result, 'rs', 0),
    type: 'reasoning',
    summary: summary === undefined ? [] : [{ type: 'summary_text', text: summary }],
    ...(wire.encryptedReasoning ? { encrypted_content: encryptedReasoning(result) } : {}),
  }
}

export function messageItem(id: string, text: string | undefined, status: ItemStatus): Json {
  return {
    id,
    type: 'message',
    status,
    content: text === undefined ? [] : [outputText(text)],
    role: 'assistant',
  }
}

export function outputText(text: string): Json {
  return { type: 'output_text', annotations: [], logprobs: [], text }
}

export function functionCallItem(id: string, call: ToolCall, args: string, status: ItemStatus): Json {
  return { id, type: 'function_call', status, arguments: args, call_id: call.id, name: call.name }
}

/** One block's finished item. */
export function blockItem(result: ChatResult, block: OutputBlock, index: number, status: ItemStatus): Json {
  const at = outputIndex(result, index)
  return block.type === 'text'
    ? messageItem(itemId(result, 'msg', at), block.text, status)
    : functionCallItem(itemId(result, 'fc', at), block.call, block.call.arguments, status)
}

/** Every finished output item, in order. */
export function outputItems(result: ChatResult, wire: ResponsesWire): Json[] {
  const status = responseStatus(result).status
  const items = result.reasoning ? [reasoningItem(result, wire, result.reasoning)] : []
  result.blocks.forEach((block, index) => items.push(blockItem(result, block, index, status)))
  return items
}

/** Input tokens include cached ones and output tokens include reasoning ones, as OpenAI counts them. */
export function responseUsage(result: ChatResult): Json {
  const { inputTokens, outputTokens, reasoningTokens } = result.usage
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: inputTokens + outputTokens,
  }
}

/** The Response object; `final` false gives the in-progress snapshot of `response.created`. */
export function responseObject(result: ChatResult, wire: ResponsesWire, final: boolean): Json {
  const { status, incomplete_details } = final
    ? responseStatus(result)
    : { status: 'in_progress', incomplete_details: null }
  const echo = wire.echo
  return {
    id: result.id,
    object: 'response',
    created_at: result.created,
    status,
    background: false,
    completed_at: final && status === 'completed' ? result.created : null,
    error: null,
    incomplete_details,
    instructions: echo.instructions,
    max_output_tokens: echo.max_output_tokens,
    model: result.model,
    output: final ? outputItems(result, wire) : [],
    parallel_tool_calls: echo.parallel_tool_calls,
    previous_response_id: echo.previous_response_id,
    reasoning: echo.reasoning,
    service_tier: 'default',
    store: echo.store,
    temperature: echo.temperature,
    text: echo.text,
    tool_choice: echo.tool_choice,
    tools: echo.tools,
    top_p: echo.top_p,
    truncation: echo.truncation,
    usage: final ? responseUsage(result) : null,
    user: echo.user,
    metadata: echo.metadata,
  }
}

/**
 * The reasoning item's `encrypted_content`: the payload a recording kept (the decoders read it as redacted
 * reasoning), else a stand-in.
 */
function encryptedReasoning(result: ChatResult): string {
  return result.redactedReasoning?.[0] ?? opaque(result.reasoning ?? '')
}

/** A stand-in for OpenAI's encrypted reasoning: opaque to the client, stable for the same text. */
function opaque(text: string): string {
  return Buffer.from(`standin-reasoning:${text}`).toString('base64')
}
