/**
 * What a chaos action does to a reply, whatever the surface: a drop is the error body the caller renders
 * in its provider's shape; malformed keeps the status 200 and the content type (so clients try to parse)
 * and breaks the body: a JSON body is cut short, a stream carries a broken frame after its first one; a
 * disconnect is `Reply.cut` (each transport does its natural thing).
 * @module
 */
import type { ErrorResult } from '../canonical'
import type { Reply } from '../core/reply'
import type { JournalResponse } from '../journal/journal'
import type { ChaosAction } from './rates'

/** The seed's drop: an HTTP 500 with code `chaos_drop`. */
export const DROP_ERROR: ErrorResult = {
  kind: 'error',
  status: 500,
  message: 'Chaos: request dropped',
  type: 'server_error',
  code: 'chaos_drop',
}

type Body = Reply['body']

/**
 * Applies `action` to `reply`; `drop` renders the drop error in the surface's shape. Replies already
 * failing (status >= 400) are still replaced: chaos happens whatever the fixture said.
 */
export function applyChaos(action: ChaosAction | undefined, reply: Reply, drop: () => Reply): Reply {
  switch (action) {
    case 'drop':
      return drop()
    case 'disconnect':
      return { status: 0, headers: {}, body: null, cut: true }
    case 'malformed':
      return malformed(reply)
    default:
      return reply
  }
}

/** The journal's view of a reply chaos changed: what was sent (status 0: nothing), and the action. */
export function journalChaos(response: JournalResponse, action: ChaosAction): JournalResponse {
  switch (action) {
    case 'drop': {
      const { message, type, code } = DROP_ERROR
      return { status: 500, stream: false, error: { message, type, code }, chaos: action }
    }
    case 'disconnect':
      return { status: 0, stream: response.stream, chaos: action }
    case 'malformed':
      return { ...response, status: 200, chaos: action }
    default:
      return { ...response, chaos: action }
  }
}

function malformed(reply: Reply): Reply {
  const headers = { ...reply.headers }
  delete headers['content-length']
  const type = headers['content-type'] ?? ''
  if (!/json|event-stream|eventstream/i.test(type)) headers['content-type'] = 'application/json'
  return { status: 200, headers, body: brokenBody(reply.body, type) }
}

function brokenBody(body: Body, type: string): Body {
  if (/event-stream/i.test(type)) return brokenFrames(chunks(body), '\n\n')
  if (/ndjson/i.test(type)) return brokenFrames(chunks(body), '\n')
  if (/amazon\.eventstream/i.test(type)) return brokenEventStream(raw(body))
  if (body === null || typeof body === 'string' || body instanceof Uint8Array) return cutJson(text(body))
  return cutStream(body)
}

/** The first half of a JSON text: an object or array cut before its end never parses. */
function cutJson(whole: string): string {
  const cut = whole.slice(0, Math.floor(whole.length / 2))
  return isJson(cut) ? `${cut}{` : cut
}

async function* cutStream(body: AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  let whole = ''
  for await (const chunk of body) whole += text(chunk)
  yield cutJson(whole)
}

/**
 * Text frames (SSE events, NDJSON lines): the first frame as sent, then the next frame carrying JSON with
 * its JSON cut in half (an SSE event keeps its `event:` line, so typed clients parse it), then the end.
 */
async function* brokenFrames(source: AsyncIterable<string>, separator: string): AsyncGenerator<string> {
  let buffer = ''
  let sent = 0
  for await (const chunk of source) {
    buffer += chunk
    let end: number
    while ((end = buffer.indexOf(separator)) !== -1) {
      const frame = buffer.slice(0, end + separator.length)
      buffer = buffer.slice(end + separator.length)
      const broken = sent > 0 ? breakFrame(frame) : undefined
      if (broken !== undefined) {
        yield broken
        return
      }
      yield frame
      sent++
    }
  }
  // Fewer than two frames carried JSON: the stream ends with a broken frame of its own.
  yield separator === '\n\n' ? `data: {"chaos":\n\n` : `{"chaos":\n`
}

/** The frame with its JSON payload cut, or undefined when it carries none (`data: [DONE]`, comments). */
function breakFrame(frame: string): string | undefined {
  const lines = frame.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const prefix = line.startsWith('data:') ? line.slice(0, line.startsWith('data: ') ? 6 : 5) : ''
    const payload = line.slice(prefix.length)
    if (!/^\s*[[{]/.test(payload)) continue
    lines[i] = prefix + cutJson(payload)
    return lines.join('\n')
  }
  return undefined
}

/**
 * AWS event stream (binary): the first message as sent, then the next with its message CRC flipped, which
 * the AWS SDKs' decoder rejects.
 */
async function* brokenEventStream(source: AsyncIterable<string | Uint8Array>): AsyncGenerator<Uint8Array> {
  let buffer: Uint8Array = new Uint8Array(0)
  let sent = 0
  for await (const chunk of source) {
    buffer = concat(buffer, typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk)
    while (buffer.length >= 4) {
      const length = new DataView(buffer.buffer, buffer.byteOffset, 4).getUint32(0)
      if (buffer.length < length) break
      const message = buffer.slice(0, length)
      buffer = buffer.slice(length)
      if (sent++ > 0) {
        message[length - 1]! ^= 0xff
        yield message
        return
      }
      yield message
    }
  }
  yield new Uint8Array([0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
}

async function* raw(body: Body): AsyncGenerator<string | Uint8Array> {
  if (body === null) return
  if (typeof body === 'string' || body instanceof Uint8Array) yield body
  else yield* body
}

async function* chunks(body: Body): AsyncGenerator<string> {
  if (body === null) return
  if (typeof body === 'string' || body instanceof Uint8Array) {
    yield text(body)
    return
  }
  for await (const chunk of body) yield text(chunk)
}

function text(chunk: string | Uint8Array | null): string {
  if (chunk === null) return ''
  return typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

function isJson(value: string): boolean {
  try {
    JSON.parse(value)
    return true
  } catch {
    return false
  }
}
