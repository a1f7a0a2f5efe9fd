/**
 * The pieces of a Converse response that the JSON body and the stream share: stop reasons, token usage,
 * content blocks and reasoning.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax
 * @module
 */
import type { ChatResult, FinishReason, OutputBlock } from '../../canonical'
import { reasoningSignature } from '../wire/reasoning-signature'
import { argumentsValue } from '../wire/tool-arguments'

/** Per-request state the encoder needs: when decoding finished, for the latency Bedrock reports. */
export interface ConverseWire {
  started: number
}

const STOP_REASONS: Record<FinishReason, string> = {
  stop: 'end_turn',
  tool_calls: 'tool_use',
  length: 'max_tokens',
  content_filter: 'content_filtered',
}

export function stopReason(result: ChatResult): string {
  return converseStopReason(result.finishReason)
}

/** The `stopReason` a canonical finish reason is sent as. */
export function converseStopReason(reason: FinishReason): string {
  return STOP_REASONS[reason]
}

export function converseUsage(result: ChatResult): Record<string, number> {
  const { inputTokens, outputTokens } = result.usage
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens }
}

/** Milliseconds since the request was decoded: the mock's own latency, fixture delays included. */
export function elapsedMs(wire: ConverseWire): number {
  return Math.max(0, Math.round(performance.now() - wire.started))
}

export function converseMetrics(wire: ConverseWire): { latencyMs: number } {
  return { latencyMs: elapsedMs(wire) }
}

/**
 * Redacted reasoning is a blob on this wire (base64 in JSON). Anthropic's `redacted_thinking.data` is
 * already base64 and passes as is; other text is encoded, so the SDK's base64 decoder never fails on it.
 */
export function redactedContent(data: string): string {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(data) && data.length % 4 === 0
    ? data
    : Buffer.from(data).toString('base64')
}

/** How many reasoning blocks (the reasoning text, then redacted reasoning) precede the result's blocks. */
export function leadingBlocks(result: ChatResult): number {
  return (result.reasoning ? 1 : 0) + (result.redactedReasoning?.length ?? 0)
}

/** The Converse response body (also Nova's InvokeModel answer). */
export function converseResponse(result: ChatResult, wire: ConverseWire): Record<string, unknown> {
  return {
    output: { message: { role: 'assistant', content: contentBlocks(result) } },
    stopReason: stopReason(result),
    usage: converseUsage(result),
    metrics: converseMetrics(wire),
  }
}

/** The `content` of the output message: reasoning first, then text and tool uses in order. */
export function contentBlocks(result: ChatResult): unknown[] {
  const blocks: unknown[] = []
  if (result.reasoning) {
    blocks.push({
      reasoningContent: { reasoningText: { text: result.reasoning, signature: reasoningSignature(result) } },
    })
  }
  for (const data of result.redactedReasoning ?? [])
    blocks.push({ reasoningContent: { redactedContent: redactedContent(data) } })
  for (const block of result.blocks) blocks.push(contentBlock(block))
  return blocks
}

function contentBlock(block: OutputBlock): unknown {
  if (block.type === 'text') return { text: block.text }
  const { id, name, arguments: args } = block.call
  // Tool input is a JSON document on this wire; arguments a fixture gave as non-JSON text stay a string.
  return { toolUse: { toolUseId: id, name, input: argumentsValue(args) } }
}
