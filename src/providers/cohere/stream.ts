/**
 * Cohere v2 chat as typed SSE events (`event: <type>` plus the same `type` in the JSON): message-start,
 * content-start/delta/end per content item, tool-plan-delta, tool-call-start/delta/end, and message-end with
 * the finish reason and usage. No `[DONE]` terminator.
 * @see https://docs.cohere.com/docs/streaming
 * @module
 */
import type { ChatResult, StreamEvent } from '../../canonical'
import type { SseFrame } from '../../streaming/framing'
import { contentIndex, isToolPlan } from './content'
import { finishReason, usage } from './finish'

export function cohereFrames(event: StreamEvent, result: ChatResult): SseFrame[] {
  switch (event.type) {
    case 'start':
      return [
        frame({ type: 'message-start', id: result.id, delta: { message: { role: 'assistant' } } }),
        ...(result.reasoning ? [contentStart(0, { type: 'thinking', thinking: '' })] : []),
      ]
    case 'reasoning-delta':
      return [contentDelta(0, { thinking: event.text })]
    case 'text-start':
      return [
        ...closeThinking(result, event.index),
        ...(isToolPlan(result)
          ? []
          : [contentStart(contentIndex(result, event.index), { type: 'text', text: '' })]),
      ]
    case 'text-delta':
      if (isToolPlan(result)) {
        return [frame({ type: 'tool-plan-delta', delta: { message: { tool_plan: event.text } } })]
      }
      return [contentDelta(contentIndex(result, event.index), { text: event.text })]
    case 'text-end':
      return isToolPlan(result)
        ? []
        : [frame({ type: 'content-end', index: contentIndex(result, event.index) })]
    case 'tool-call-start': {
      const call = { id: event.id, type: 'function', function: { name: event.name, arguments: '' } }
      return [
        ...closeThinking(result, event.index),
        frame({ type: 'tool-call-start', index: event.toolIndex, delta: { message: { tool_calls: call } } }),
      ]
    }
    case 'tool-call-delta':
      return [
        frame({
          type: 'tool-call-delta',
          index: event.toolIndex,
          delta: { message: { tool_calls: { function: { arguments: event.argumentsDelta } } } },
        }),
      ]
    case 'tool-call-end':
      return [frame({ type: 'tool-call-end', index: event.toolIndex })]
    case 'finish':
      return [
        ...closeThinking(result, result.blocks.length === 0 ? 0 : -1),
        frame({ type: 'message-end', delta: { finish_reason: finishReason(result), usage: usage(result) } }),
      ]
  }
}

/** The thinking item ends where the first block (or, with none, the message) begins. */
function closeThinking(result: ChatResult, blockIndex: number): SseFrame[] {
  return result.reasoning && blockIndex === 0 ? [frame({ type: 'content-end', index: 0 })] : []
}

function contentStart(index: number, content: Record<string, string>): SseFrame {
  return frame({ type: 'content-start', index, delta: { message: { content } } })
}

function contentDelta(index: number, content: Record<string, string>): SseFrame {
  return frame({ type: 'content-delta', index, delta: { message: { content } } })
}

function frame(data: { type: string } & Record<string, unknown>): SseFrame {
  return { event: data.type, data }
}
