/**
 * Anthropic's SSE framing of its stream events.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 * @module
 */
import type { ChatResult, StreamEvent } from '../../canonical'
import type { SseFrame } from '../../streaming/framing'
import { anthropicStreamFrames } from './stream'

/** Anthropic's SSE: each event named by its `type`, the event object as data. */
export function anthropicSseFrames(event: StreamEvent, result: ChatResult): SseFrame[] {
  return anthropicStreamFrames(event, result).map((data) => ({ event: data.type, data }))
}
