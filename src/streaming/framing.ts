/**
 * Wire framings. One writer per framing, shared by every surface: SSE (`event:`/`data:` lines) and
 * NDJSON (one JSON value per line).
 * @module
 */
export type Framing = 'sse' | 'ndjson'

/** An SSE event: `data` is sent as is when a string, else as JSON. */
export interface SseFrame {
  event?: string
  data: unknown
}

export const CONTENT_TYPES: Record<Framing, string> = {
  sse: 'text/event-stream; charset=utf-8',
  ndjson: 'application/x-ndjson',
}

export function encodeFrame(framing: Framing, frame: unknown): string {
  if (framing === 'ndjson') return `${JSON.stringify(frame)}\n`
  const { event, data } = frame as SseFrame
  const payload = typeof data === 'string' ? data : JSON.stringify(data)
  return `${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`
}
