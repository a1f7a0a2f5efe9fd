/**
 * The Responses API stream: typed SSE events (`event:` equals the payload's `type`), each with a
 * `sequence_number` counting from 0. Lifecycle: `response.created`, `response.in_progress`; per output item
 * `response.output_item.added` ... `response.output_item.done` around its parts and deltas; then
 * `response.completed` (or `response.incomplete`) carrying the whole response and its usage.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 * @module
 */
import type { ChatResult, StreamEvent } from '../../canonical'
import type { SseFrame } from '../../streaming/framing'
import type { Json } from '../wire/json-guards'
import type { ResponsesWire } from './responses-decode'
import {
  blockItem,
  functionCallItem,
  itemId,
  messageItem,
  outputIndex,
  outputText,
  reasoningItem,
  responseObject,
  responseStatus,
} from './responses-output'
import { saveResponse } from './responses-save'

export function responsesFrames(event: StreamEvent, result: ChatResult, wire: ResponsesWire): SseFrame[] {
  const emit = (type: string, fields: Json): SseFrame => ({
    event: type,
    data: { type, sequence_number: wire.sequence++, ...fields },
  })
  switch (event.type) {
    case 'start':
      return [
        emit('response.created', { response: responseObject(result, wire, false) }),
        emit('response.in_progress', { response: responseObject(result, wire, false) }),
        ...(result.reasoning ? openReasoning(result, wire, emit) : []),
      ]
    case 'reasoning-delta':
      return [
        emit('response.reasoning_summary_text.delta', {
          ...reasoningAt(result),
          summary_index: 0,
          delta: event.text,
        }),
      ]
    case 'text-start':
      return [
        ...(event.index === 0 ? closeReasoning(result, wire, emit) : []),
        ...openMessage(event.index, result, emit),
      ]
    case 'text-delta':
      return [
        emit('response.output_text.delta', {
          ...textAt(result, event.index),
          delta: event.text,
          logprobs: [],
        }),
      ]
    case 'text-end':
      return closeMessage(event.index, result, emit)
    case 'tool-call-start':
      return [
        ...(event.index === 0 ? closeReasoning(result, wire, emit) : []),
        openFunctionCall(event, result, emit),
      ]
    case 'tool-call-delta':
      return [
        emit('response.function_call_arguments.delta', {
          ...itemAt(result, 'fc', event.index),
          delta: event.argumentsDelta,
        }),
      ]
    case 'tool-call-end':
      return [
        emit('response.function_call_arguments.done', {
          ...itemAt(result, 'fc', event.index),
          name: event.name,
          arguments: event.arguments,
        }),
        emit('response.output_item.done', {
          output_index: outputIndex(result, event.index),
          item: finishedBlock(result, event.index),
        }),
      ]
    case 'finish':
      return [
        ...(result.blocks.length === 0 ? closeReasoning(result, wire, emit) : []),
        finish(result, wire, emit),
      ]
  }
}

type Emit = (type: string, fields: Json) => SseFrame
type ToolCallStart = Extract<StreamEvent, { type: 'tool-call-start' }>

function reasoningAt(result: ChatResult): Json {
  return { item_id: itemId(result, 'rs', 0), output_index: 0 }
}

function itemAt(result: ChatResult, prefix: 'msg' | 'fc', blockIndex: number): Json {
  const at = outputIndex(result, blockIndex)
  return { item_id: itemId(result, prefix, at), output_index: at }
}

function textAt(result: ChatResult, blockIndex: number): Json {
  return { ...itemAt(result, 'msg', blockIndex), content_index: 0 }
}

function openReasoning(result: ChatResult, wire: ResponsesWire, emit: Emit): SseFrame[] {
  return [
    emit('response.output_item.added', { output_index: 0, item: reasoningItem(result, wire, undefined) }),
    emit('response.reasoning_summary_part.added', {
      ...reasoningAt(result),
      summary_index: 0,
      part: summaryPart(''),
    }),
  ]
}

/** The reasoning item closes before the first block starts (or at the end when there is no block). */
function closeReasoning(result: ChatResult, wire: ResponsesWire, emit: Emit): SseFrame[] {
  if (!result.reasoning) return []
  const text = result.reasoning
  return [
    emit('response.reasoning_summary_text.done', { ...reasoningAt(result), summary_index: 0, text }),
    emit('response.reasoning_summary_part.done', {
      ...reasoningAt(result),
      summary_index: 0,
      part: summaryPart(text),
    }),
    emit('response.output_item.done', { output_index: 0, item: reasoningItem(result, wire, text) }),
  ]
}

function summaryPart(text: string): Json {
  return { type: 'summary_text', text }
}

function openMessage(blockIndex: number, result: ChatResult, emit: Emit): SseFrame[] {
  const { item_id, output_index } = itemAt(result, 'msg', blockIndex)
  return [
    emit('response.output_item.added', {
      output_index,
      item: messageItem(item_id as string, undefined, 'in_progress'),
    }),
    emit('response.content_part.added', { ...textAt(result, blockIndex), part: outputText('') }),
  ]
}

function closeMessage(blockIndex: number, result: ChatResult, emit: Emit): SseFrame[] {
  const block = result.blocks[blockIndex]
  const text = block?.type === 'text' ? block.text : ''
  return [
    emit('response.output_text.done', { ...textAt(result, blockIndex), text, logprobs: [] }),
    emit('response.content_part.done', { ...textAt(result, blockIndex), part: outputText(text) }),
    emit('response.output_item.done', {
      output_index: outputIndex(result, blockIndex),
      item: finishedBlock(result, blockIndex),
    }),
  ]
}

function openFunctionCall(event: ToolCallStart, result: ChatResult, emit: Emit): SseFrame {
  const { item_id, output_index } = itemAt(result, 'fc', event.index)
  const call = { id: event.id, name: event.name, arguments: '' }
  return emit('response.output_item.added', {
    output_index,
    item: functionCallItem(item_id as string, call, '', 'in_progress'),
  })
}

function finishedBlock(result: ChatResult, blockIndex: number): Json {
  return blockItem(result, result.blocks[blockIndex]!, blockIndex, responseStatus(result).status)
}

/** `response.completed`, or `response.incomplete` when the output was cut short; the response is kept. */
function finish(result: ChatResult, wire: ResponsesWire, emit: Emit): SseFrame {
  const response = saveResponse(result, wire)
  const type = response.status === 'incomplete' ? 'response.incomplete' : 'response.completed'
  return emit(type, { response })
}
