/**
 * Reading a stream's frames back from bytes, for each framing standin writes: the inverse of
 * `streaming/framing.ts`. SSE is parsed by `eventsource-parser` and AWS event streams by
 * `@smithy/eventstream-codec` (CRC-checked), as the providers' own SDKs do; NDJSON is split on newlines and
 * Gemini's JSON-array stream is parsed as one JSON value when it ends.
 *
 * The reader is incremental: record mode pushes each chunk as it arrives from the upstream (while relaying
 * it to the client) and notes when each frame completed, which is the cadence replay reproduces.
 * @module
 */
import type { EventSourceParser } from 'eventsource-parser'
import { lazyRequire } from '../core/lazy-require'
import type { Framing } from '../streaming/framing'

// Loaded when a recorded stream is first read back, not at import.
const eventSourceParser = lazyRequire<typeof import('eventsource-parser')>('eventsource-parser')
const eventStreamCodec = lazyRequire<typeof import('@smithy/eventstream-codec')>('@smithy/eventstream-codec')

/** An SSE event read back: `data` parsed as JSON when it is JSON, else the raw text (`[DONE]`). */
export interface ReadSseFrame {
  event?: string
  data: unknown
}

/** An AWS event stream message read back: string headers (others stringified) and the payload bytes. */
export interface ReadEventMessage {
  headers: Record<string, string>
  payload: Uint8Array
}

export interface FrameReader {
  /** Feeds bytes as they arrive; returns the frames they completed. Throws on a corrupt frame. */
  push(chunk: Uint8Array | string): unknown[]
  /** The stream ended: returns frames still buffered (the whole array for `json-array`). */
  end(): unknown[]
}

export function frameReader(framing: Framing): FrameReader {
  switch (framing) {
    case 'sse':
      return sseReader()
    case 'ndjson':
      return ndjsonReader()
    case 'json-array':
      return jsonArrayReader()
    case 'aws-eventstream':
      return eventStreamReader()
  }
}

/** Every frame of a whole body. */
export function readFrames(framing: Framing, body: Uint8Array | string): unknown[] {
  const reader = frameReader(framing)
  return [...reader.push(body), ...reader.end()]
}

function parseData(data: string): unknown {
  try {
    return JSON.parse(data)
  } catch {
    return data
  }
}

function sseReader(): FrameReader {
  const decoder = new TextDecoder()
  let out: unknown[] = []
  const parser: EventSourceParser = eventSourceParser().createParser({
    onEvent(message) {
      const frame: ReadSseFrame = { data: parseData(message.data) }
      if (message.event) frame.event = message.event
      out.push(frame)
    },
  })
  const take = (): unknown[] => {
    const done = out
    out = []
    return done
  }
  return {
    push(chunk) {
      parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }))
      return take()
    },
    end() {
      const rest = decoder.decode()
      // A last event without its blank line still counts, as browsers' EventSource does not but SDKs do.
      parser.feed(rest + '\n\n')
      return take()
    },
  }
}

function ndjsonReader(): FrameReader {
  const decoder = new TextDecoder()
  let buffered = ''
  const lines = (text: string): unknown[] =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as unknown)
  return {
    push(chunk) {
      buffered += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
      const cut = buffered.lastIndexOf('\n')
      if (cut < 0) return []
      const complete = buffered.slice(0, cut)
      buffered = buffered.slice(cut + 1)
      return lines(complete)
    },
    end() {
      const rest = buffered + decoder.decode()
      buffered = ''
      return lines(rest)
    },
  }
}

function jsonArrayReader(): FrameReader {
  const decoder = new TextDecoder()
  let text = ''
  return {
    push(chunk) {
      text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
      return []
    },
    end() {
      text += decoder.decode()
      const value = JSON.parse(text) as unknown
      if (!Array.isArray(value)) throw new Error('expected a JSON array stream')
      return value
    },
  }
}

interface SmithyHeaderValue {
  type: string
  value: unknown
}

function eventStreamReader(): FrameReader {
  const encoder = new TextEncoder()
  const decoder = new TextDecoder()
  const { EventStreamCodec } = eventStreamCodec()
  const codec = new EventStreamCodec(
    (bytes: Uint8Array) => decoder.decode(bytes),
    (text: string) => encoder.encode(text),
  )
  let pending: Uint8Array = new Uint8Array(0)
  const toFrame = (message: {
    headers: Record<string, SmithyHeaderValue>
    body: Uint8Array
  }): ReadEventMessage => {
    const headers: Record<string, string> = {}
    for (const [name, header] of Object.entries(message.headers)) headers[name] = String(header.value)
    return { headers, payload: message.body }
  }
  return {
    push(chunk) {
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk
      const joined = new Uint8Array(pending.length + bytes.length)
      joined.set(pending)
      joined.set(bytes, pending.length)
      const frames: unknown[] = []
      let offset = 0
      while (joined.length - offset >= 4) {
        const view = new DataView(joined.buffer, joined.byteOffset + offset)
        const total = view.getUint32(0)
        if (joined.length - offset < total) break
        frames.push(toFrame(codec.decode(joined.subarray(offset, offset + total))))
        offset += total
      }
      pending = joined.slice(offset)
      return frames
    },
    end() {
      if (pending.length > 0) throw new Error(`event stream ended inside a message (${pending.length} bytes)`)
      return []
    },
  }
}
