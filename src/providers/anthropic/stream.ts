/**
 * Anthropic's stream events for one canonical stream event. The events are plain `{type, ...}` objects so
 * every framing can carry them: SSE here (`event: <type>`), AWS event-stream chunks on Bedrock.
 *
 * Sequence: `message_start`, then per block `content_block_start`, `content_block_delta`s,
 * `content_block_stop`, then `message_delta` (stop reason, usage) and `message_stop`. A `ping` follows the
 * first block's start, as on the real API. Reasoning is block 0 (`thinking_delta`s, then a
 * `signature_delta`), redacted thinking blocks follow it, and canonical block `i` becomes `i + offset`.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 * @module
 */
import type { ChatResult, StreamEvent } from '../../canonical'
import { reasoningSignature } from '../wire/reasoning-signature'
import { anthropicStopDetails, anthropicStopReason, anthropicUsage, messageHead } from './encode'

export interface AnthropicStreamEvent {
  type: string
  [field: string]: unknown
}

/**
 * The Anthropic events for one canonical event; stateless (block indices are derived from the result).
 * @example
 * // Bedrock's invoke-with-response-stream wraps each event in its own framing:
 * anthropicStreamFrames(event, result).map((e) => chunkFrame(JSON.stringify(e)))
 */
export function anthropicStreamFrames(event: StreamEvent, result: ChatResult): AnthropicStreamEvent[] {
  const offset = leadingBlocks(result)
  switch (event.type) {
    case 'start':
      return [messageStart(result), ...(result.reasoning ? [thinkingStart(), ping()] : [])]
    case 'reasoning-delta':
      return [delta(0, { type: 'thinking_delta', thinking: event.text })]
    case 'text-start':
      return [
        ...beforeFirst(event.index, result),
        blockStart(event.index + offset, { type: 'text', text: '' }),
        ...pingAfter(event.index + offset),
      ]
    case 'text-delta':
      return [delta(event.index + offset, { type: 'text_delta', text: event.text })]
    case 'tool-call-start': {
      const block = { type: 'tool_use', id: event.id, name: event.name, input: {} }
      return [
        ...beforeFirst(event.index, result),
        blockStart(event.index + offset, block),
        ...pingAfter(event.index + offset),
      ]
    }
    case 'tool-call-delta':
      return [delta(event.index + offset, { type: 'input_json_delta', partial_json: event.argumentsDelta })]
    case 'text-end':
    case 'tool-call-end':
      return [blockStop(event.index + offset)]
    case 'finish':
      return [
        ...(result.blocks.length === 0 ? closeThinking(result) : []),
        messageDelta(result),
        { type: 'message_stop' },
      ]
  }
}

/** How many thinking and redacted thinking blocks precede the canonical blocks. */
function leadingBlocks(result: ChatResult): number {
  return (result.reasoning ? 1 : 0) + (result.redactedReasoning?.length ?? 0)
}

function messageStart(result: ChatResult): AnthropicStreamEvent {
  return {
    type: 'message_start',
    message: {
      ...messageHead(result),
      content: [],
      stop_reason: null,
      stop_sequence: null,
      stop_details: null,
      // The real API reports the prompt here and a first output token; message_delta has the final count.
      usage: { ...anthropicUsage(result), output_tokens: Math.min(1, result.usage.outputTokens) },
    },
  }
}

function thinkingStart(): AnthropicStreamEvent {
  return blockStart(0, { type: 'thinking', thinking: '', signature: '' })
}

/** Before the first canonical block: the thinking block closes and redacted thinking blocks pass. */
function beforeFirst(index: number, result: ChatResult): AnthropicStreamEvent[] {
  return index === 0 ? closeThinking(result) : []
}

function closeThinking(result: ChatResult): AnthropicStreamEvent[] {
  const events: AnthropicStreamEvent[] = []
  if (result.reasoning) {
    events.push(delta(0, { type: 'signature_delta', signature: reasoningSignature(result) }), blockStop(0))
  }
  let index = result.reasoning ? 1 : 0
  for (const data of result.redactedReasoning ?? []) {
    events.push(blockStart(index, { type: 'redacted_thinking', data }), ...pingAfter(index), blockStop(index))
    index++
  }
  return events
}

function pingAfter(index: number): AnthropicStreamEvent[] {
  return index === 0 ? [ping()] : []
}

function ping(): AnthropicStreamEvent {
  return { type: 'ping' }
}

function blockStart(index: number, block: Record<string, unknown>): AnthropicStreamEvent {
  return { type: 'content_block_start', index, content_block: block }
}

function delta(index: number, payload: Record<string, unknown>): AnthropicStreamEvent {
  return { type: 'content_block_delta', index, delta: payload }
}

function blockStop(index: number): AnthropicStreamEvent {
  return { type: 'content_block_stop', index }
}

function messageDelta(result: ChatResult): AnthropicStreamEvent {
  return {
    type: 'message_delta',
    delta: {
      stop_reason: anthropicStopReason(result.finishReason),
      stop_sequence: null,
      stop_details: anthropicStopDetails(result),
    },
    usage: {
      input_tokens: result.usage.inputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: result.usage.outputTokens,
    },
  }
}
