/**
 * ConverseStream's events: messageStart, contentBlockStart (tool uses only; text blocks start with their
 * first delta), contentBlockDelta, contentBlockStop, messageStop and metadata. ConverseStream sends each
 * as an event-stream message named by its type; Nova's InvokeModel stream as a chunk `{[type]: body}`.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html
 * @module
 */
import type { ChatResult, StreamEvent } from '../../canonical'
import { reasoningSignature } from '../wire/reasoning-signature'
import {
  converseMetrics,
  converseUsage,
  leadingBlocks,
  redactedContent,
  stopReason,
  type ConverseWire,
} from './converse-output'

/** One ConverseStream event: its type (`contentBlockDelta`) and its JSON body. */
export interface ConverseEvent {
  type: string
  body: unknown
}

export function converseEvents(
  streamEvent: StreamEvent,
  result: ChatResult,
  wire: ConverseWire,
): ConverseEvent[] {
  // Reasoning, when present, is content block 0, then redacted reasoning: they shift the result's blocks.
  const offset = leadingBlocks(result)
  switch (streamEvent.type) {
    case 'start':
      return [event('messageStart', { role: 'assistant' })]
    case 'reasoning-delta':
      return [delta(0, { reasoningContent: { text: streamEvent.text } })]
    case 'text-start':
      return streamEvent.index === 0 ? reasoningEnd(result) : []
    case 'text-delta':
      return [delta(streamEvent.index + offset, { text: streamEvent.text })]
    case 'tool-call-start': {
      const start = event('contentBlockStart', {
        start: { toolUse: { toolUseId: streamEvent.id, name: streamEvent.name } },
        contentBlockIndex: streamEvent.index + offset,
      })
      return [...(streamEvent.index === 0 ? reasoningEnd(result) : []), start]
    }
    case 'tool-call-delta':
      return [delta(streamEvent.index + offset, { toolUse: { input: streamEvent.argumentsDelta } })]
    case 'text-end':
    case 'tool-call-end':
      return [stop(streamEvent.index + offset)]
    case 'finish':
      return [
        ...(result.blocks.length === 0 ? reasoningEnd(result) : []),
        event('messageStop', { stopReason: stopReason(result) }),
        event('metadata', { usage: converseUsage(result), metrics: converseMetrics(wire) }),
      ]
  }
}

function event(type: string, body: unknown): ConverseEvent {
  return { type, body }
}

function delta(contentBlockIndex: number, body: unknown): ConverseEvent {
  return event('contentBlockDelta', { delta: body, contentBlockIndex })
}

/**
 * Before the first text or tool block: the reasoning block ends with its signature, and each redacted
 * reasoning block passes as one delta.
 */
function reasoningEnd(result: ChatResult): ConverseEvent[] {
  const events: ConverseEvent[] = []
  if (result.reasoning) {
    events.push(delta(0, { reasoningContent: { signature: reasoningSignature(result) } }), stop(0))
  }
  let index = result.reasoning ? 1 : 0
  for (const data of result.redactedReasoning ?? []) {
    events.push(delta(index, { reasoningContent: { redactedContent: redactedContent(data) } }), stop(index))
    index++
  }
  return events
}

function stop(contentBlockIndex: number): ConverseEvent {
  return event('contentBlockStop', { contentBlockIndex })
}
