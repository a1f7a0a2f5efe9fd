/**
 * Encoding a canonical result as an Anthropic `Message`: thinking and redacted thinking first, then text
 * and `tool_use` blocks in order, the stop reason and usage.
 * @see https://docs.anthropic.com/en/api/messages
 * @module
 */
import type { ChatResult, FinishReason, ToolCall } from '../../canonical'
import { reasoningSignature } from '../wire/reasoning-signature'
import { argumentsObject } from '../wire/tool-arguments'

const STOP_REASONS: Record<FinishReason, string> = {
  stop: 'end_turn',
  tool_calls: 'tool_use',
  length: 'max_tokens',
  content_filter: 'refusal',
}

export function anthropicStopReason(reason: FinishReason): string {
  return STOP_REASONS[reason]
}

/** Why output stopped, beyond the reason: set for refusals only (the category is not modelled). */
export function anthropicStopDetails(result: ChatResult): Record<string, unknown> | null {
  return result.finishReason === 'content_filter'
    ? { type: 'refusal', category: null, explanation: null }
    : null
}

/** The non-streamed `Message` body (also Bedrock's invoke and Vertex's rawPredict answer). */
export function encodeAnthropicMessage(result: ChatResult): Record<string, unknown> {
  const content: unknown[] = [...thinkingBlocks(result)]
  for (const block of result.blocks) {
    content.push(
      block.type === 'text'
        ? { type: 'text', text: block.text }
        : toolUseBlock(block.call, argumentsObject(block.call, 'Anthropic')),
    )
  }
  return {
    ...messageHead(result),
    content,
    stop_reason: anthropicStopReason(result.finishReason),
    stop_sequence: null,
    stop_details: anthropicStopDetails(result),
    usage: anthropicUsage(result),
  }
}

/** The fields a `Message` shares with the one in `message_start`. */
export function messageHead(result: ChatResult): Record<string, unknown> {
  return { id: result.id, type: 'message', role: 'assistant', model: result.model }
}

/** `thinking` (with its signature) and `redacted_thinking` blocks, which precede the answer. */
export function thinkingBlocks(result: ChatResult): Array<Record<string, unknown>> {
  const blocks: Array<Record<string, unknown>> = []
  if (result.reasoning) {
    blocks.push({ type: 'thinking', thinking: result.reasoning, signature: reasoningSignature(result) })
  }
  for (const data of result.redactedReasoning ?? []) blocks.push({ type: 'redacted_thinking', data })
  return blocks
}

export function toolUseBlock(call: ToolCall, input: unknown): Record<string, unknown> {
  return { type: 'tool_use', id: call.id, name: call.name, input }
}

/** Usage as the API reports it; standin models no prompt caching, so the cache counters are 0. */
export function anthropicUsage(result: ChatResult): Record<string, unknown> {
  return {
    input_tokens: result.usage.inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: result.usage.outputTokens,
    service_tier: 'standard',
  }
}
