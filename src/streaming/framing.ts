/**
 * Wire framings: one writer per framing, shared by every surface. A surface's stream yields frames; the
 * framer turns them into bytes, with whatever opens and closes the body (a JSON array's brackets).
 * @module
 */
import { encodeEventStreamMessage, type EventStreamMessage } from './aws-event-stream'

export type Framing = 'sse' | 'ndjson' | 'json-array' | 'aws-eventstream'

/** An SSE event: `data` is sent as is when a string, else as JSON. */
export interface SseFrame {
  event?: string
  data: unknown
}

export type Chunk = string | Uint8Array

export interface Framer {
  contentType: string
  open?(): Chunk
  /** Encodes one frame; `index` counts frames from 0. */
  frame(frame: unknown, index: number): Chunk
  close?(): Chunk
}

const FRAMERS: Record<Framing, Framer> = {
  sse: {
    contentType: 'text/event-stream; charset=utf-8',
    frame(frame) {
      const { event, data } = frame as SseFrame
      const payload = typeof data === 'string' ? data : JSON.stringify(data)
      return `${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`
    },
  },
  ndjson: {
    contentType: 'application/x-ndjson',
    frame: (frame) => `${JSON.stringify(frame)}\n`,
  },
  // Gemini's streamGenerateContent without alt=sse: one JSON array, written element by element.
  'json-array': {
    contentType: 'application/json; charset=utf-8',
    open: () => '[',
    frame: (frame, index) => `${index === 0 ? '' : ',\r\n'}${JSON.stringify(frame)}`,
    close: () => ']',
  },
  'aws-eventstream': {
    contentType: 'application/vnd.amazon.eventstream',
    frame: (frame) => encodeEventStreamMessage(frame as EventStreamMessage),
  },
}

export function framer(framing: Framing): Framer {
  return FRAMERS[framing]
}

/** Concatenates chunks into one body (strings stay a string; any binary chunk makes it binary). */
export function joinChunks(chunks: Chunk[]): Chunk {
  if (chunks.every((c) => typeof c === 'string')) return (chunks as string[]).join('')
  return Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)))
}
