/**
 * Cuts a canonical result into canonical stream events: the one place where chunking happens for every
 * surface.
 * @module
 */
import type { ChatResult, StreamEvent } from '../canonical'
import { textChunks } from './chunk'

export const DEFAULT_CHUNK_SIZE = 20

export function* streamEvents(result: ChatResult, chunkSize = DEFAULT_CHUNK_SIZE): Generator<StreamEvent> {
  yield { type: 'start' }
  if (result.reasoning)
    for (const text of textChunks(result.reasoning, chunkSize)) yield { type: 'reasoning-delta', text }
  let toolIndex = 0
  for (const [index, block] of result.blocks.entries()) {
    if (block.type === 'text') {
      yield { type: 'text-start', index }
      for (const text of textChunks(block.text, chunkSize)) yield { type: 'text-delta', index, text }
      yield { type: 'text-end', index }
      continue
    }
    const { id, name, arguments: args } = block.call
    yield { type: 'tool-call-start', index, toolIndex, id, name }
    for (const argumentsDelta of textChunks(args, chunkSize)) {
      yield { type: 'tool-call-delta', index, toolIndex, id, argumentsDelta }
    }
    yield { type: 'tool-call-end', index, toolIndex, id, name, arguments: args }
    toolIndex++
  }
  yield { type: 'finish', result }
}

/** Deltas are the events that carry content: pacing waits before each of them. */
export function isDelta(event: StreamEvent): boolean {
  return event.type === 'text-delta' || event.type === 'reasoning-delta' || event.type === 'tool-call-delta'
}

/** The content a delta carries (text, reasoning or tool-call arguments): its pacing is proportional to it. */
export function deltaText(event: StreamEvent): string {
  if (event.type === 'text-delta' || event.type === 'reasoning-delta') return event.text
  return event.type === 'tool-call-delta' ? event.argumentsDelta : ''
}
