/**
 * Stage: render a canonical result as the surface's wire reply: JSON, a provider error, or a stream framed
 * by the surface's framing and paced by the fixture's timing (chunk size, latency, ttft, tps, jitter).
 * @module
 */
import type { CanonicalRequest, ChatResult, EmbeddingResult, ErrorResult, ServiceResult } from '../canonical'
import type { IdSource } from '../core/ids'
import { ConnectionCut, jsonReply, type Reply } from '../core/reply'
import type { ResolvedOpts } from '../fixtures/fixture'
import type { ResolvedOptions } from './options'
import type { ChatSurface, ExchangeSurface, StreamEncoding } from '../providers/provider'
import { templatedBody } from './json-template'
import { cutsJson, jsonDelay, streamCutoffs } from '../streaming/cutoffs'
import { deltaText, isDelta, streamEvents } from '../streaming/events'
import { framer, joinChunks, type Chunk } from '../streaming/framing'
import { createPacer, sleep } from '../streaming/pacing'

const NO_OPTS: ResolvedOpts = Object.freeze({})

/** Characters of frames written at a time by an unpaced stream; shorter replies go as one body. */
const BATCH_CHARS = 64 * 1024

export interface RenderInput {
  surface: ExchangeSurface
  wire: unknown
  result: ChatResult | EmbeddingResult | ServiceResult
  stream: boolean
  opts: ResolvedOpts
  chunkSize: number
  ids: IdSource
  /** The client's abort signal, asked for only by replies that wait (making one costs every request). */
  signal: () => AbortSignal | undefined
  /** The fixture response the result was built from: a surface with `jsonTemplate` reuses its body. */
  source?: object | undefined
}

/**
 * A reply's options: the fixture's over the server's `latency` and `replaySpeed`. The server's streaming
 * profile paces only fixtures with no pacing of their own (a latency, a profile, or recorded timings
 * replayed at a set speed).
 */
export function renderOpts(
  server: Pick<ResolvedOptions, 'latency' | 'replaySpeed' | 'streamingProfile'>,
  fixture: ResolvedOpts = NO_OPTS,
): ResolvedOpts {
  // A server with no timing of its own (the default) adds nothing: the fixture's options as they are, with
  // no object per request. Only read from here on.
  if (!server.latency && server.replaySpeed === undefined && !server.streamingProfile) return fixture
  const opts: ResolvedOpts = {
    latency: server.latency || undefined,
    replaySpeed: server.replaySpeed,
    ...fixture,
  }
  const ownPacing =
    fixture.latency !== undefined ||
    fixture.streamingProfile !== undefined ||
    (fixture.recordedTimings !== undefined && opts.replaySpeed !== undefined)
  if (server.streamingProfile && !ownPacing) opts.streamingProfile = server.streamingProfile
  return opts
}

/** True when the answer is streamed: a chat request that asked for it, on a surface that can. */
export function streams(
  surface: ExchangeSurface,
  request: CanonicalRequest,
  result: ChatResult | EmbeddingResult | ServiceResult | ErrorResult,
): boolean {
  return (
    surface.kind === 'chat' &&
    surface.stream !== undefined &&
    request.kind === 'chat' &&
    request.stream &&
    result.kind === 'chat'
  )
}

/**
 * Encodes with the surface of the result's kind. The kinds always agree (a result is built for the request
 * its surface decoded); the last line only guards that invariant.
 */
export function render(input: RenderInput): Reply | Promise<Reply> {
  const { surface, wire, result } = input
  if (surface.kind === 'chat' && result.kind === 'chat') {
    if (input.stream && surface.stream) return renderStream(surface.stream, result, input)
    // The usual reply does not wait: rendered at once, with no closure.
    if (!waits(input.opts)) return chatJson(surface, result, wire, input.source)
    return renderJson(input, () => chatJson(surface, result, wire, input.source))
  }
  if (surface.kind === 'embedding' && result.kind === 'embedding') {
    return renderJson(input, () => jsonReply(200, surface.encode(result, wire)))
  }
  if (surface.kind === 'service' && result.kind !== 'chat' && result.kind !== 'embedding') {
    return renderJson(input, () => jsonReply(200, surface.encode(result, wire)))
  }
  throw new Error(`the ${surface.kind} surface ${surface.id} cannot encode a ${result.kind} result`)
}

/** A reply that waits (a cut, a latency) is a promise; any other is rendered at once, with no promise. */
function renderJson({ opts, signal }: RenderInput, reply: () => Reply): Reply | Promise<Reply> {
  if (cutsJson(opts)) return cutJson(opts, signal)
  // The signal is asked for only when the reply waits: making it costs an AbortController per request.
  const delay = jsonDelay(opts)
  if (delay > 0) return sleep(delay, signal()).then(reply)
  return reply()
}

/** True when a reply that is not streamed waits: cut before its body, or delayed. */
function waits(opts: ResolvedOpts): boolean {
  return cutsJson(opts) || jsonDelay(opts) > 0
}

/** A chat answer's JSON: from the fixture response's serialised template when the surface allows one. */
function chatJson(
  surface: ChatSurface<unknown>,
  result: ChatResult,
  wire: unknown,
  source: object | undefined,
): Reply {
  const key = source === undefined ? undefined : surface.jsonTemplate?.(wire)
  const templated =
    key === undefined
      ? undefined
      : templatedBody(
          source!,
          // The usual key is '': the surface's id as it is, no new string per request (ids hold no NUL).
          key === '' ? surface.id : `${surface.id}\u0000${key}`,
          result,
          (r) => surface.encode(r, wire),
        )
  if (!templated) return jsonReply(200, surface.encode(result, wire))
  const { body, usage } = templated
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body,
    usage: { body, input: usage.input, output: usage.output },
  }
}

async function cutJson(opts: ResolvedOpts, signal: RenderInput['signal']): Promise<Reply> {
  await sleep(opts.disconnectAfterMs! / (opts.replaySpeed ?? 1), signal())
  return { status: 200, headers: {}, body: null, cut: true }
}

function renderStream(encoding: StreamEncoding<unknown>, result: ChatResult, input: RenderInput): Reply {
  const { wire, opts, signal } = input
  const pacer = createPacer(opts, input.ids.random)
  const cut = streamCutoffs(opts)
  const writer = framer(typeof encoding.framing === 'function' ? encoding.framing(wire) : encoding.framing)
  let frameIndex = 0
  const frames = (event: Parameters<typeof encoding.frames>[0]): Chunk[] =>
    encoding.frames(event, result, wire).map((frame) => writer.frame(frame, frameIndex++))
  const events = streamEvents(result, opts.chunkSize ?? input.chunkSize)
  const headers = { 'content-type': writer.contentType, 'cache-control': 'no-cache' }
  if (!pacer && !cut) {
    // A short reply is one body (written with its length, in one go); a long one is written in batches,
    // so a 4 MB answer never exists as one 50 MB string of frames.
    if (streamedLength(result) <= BATCH_CHARS) {
      const chunks: Chunk[] = writer.open ? [writer.open()] : []
      for (const event of events) chunks.push(...frames(event))
      if (writer.close) chunks.push(writer.close())
      return { status: 200, headers, body: joinChunks(chunks) }
    }
    return { status: 200, headers, body: batched() }
  }
  async function* batched(): AsyncGenerator<Chunk> {
    let batch: Chunk[] = writer.open ? [writer.open()] : []
    let size = 0
    for (const event of events) {
      for (const chunk of frames(event)) {
        batch.push(chunk)
        size += chunk.length
      }
      if (size < BATCH_CHARS) continue
      yield joinChunks(batch)
      batch = []
      size = 0
    }
    if (writer.close) batch.push(writer.close())
    if (batch.length > 0) yield joinChunks(batch)
  }
  // Paced, cut, or both: one event's frames at a time. A cut ends the body by throwing ConnectionCut, which
  // each transport turns into a reset after what was written (src/core/reply.ts).
  async function* paced(): AsyncGenerator<Chunk> {
    const aborted = signal()
    const clock = cut?.afterMs === undefined ? undefined : deadline(cut.afterMs)
    let chunk = 0
    let sent = 0
    if (clock?.passed()) throw new ConnectionCut(CUT_AFTER_MS)
    if (writer.open) yield writer.open()
    for (const event of events) {
      const out = frames(event)
      if (out.length === 0) continue
      if (pacer && isDelta(event)) {
        const wait = pacer(chunk++, deltaText(event))
        if (clock && clock.left() <= wait) {
          await sleep(clock.left(), aborted)
          if (aborted?.aborted) return
          throw new ConnectionCut(CUT_AFTER_MS)
        }
        await sleep(wait, aborted)
      }
      if (aborted?.aborted) return
      if (clock?.passed()) throw new ConnectionCut(CUT_AFTER_MS)
      const part = cut?.afterFrames === undefined ? out : out.slice(0, cut.afterFrames - sent)
      sent += part.length
      yield joinChunks(part)
      if (sent === cut?.afterFrames) {
        throw new ConnectionCut(`standin cut the stream after ${sent} chunks (truncateAfterChunks)`)
      }
    }
    // A cut stream never ends cleanly, even when it ran out of frames before its cut-off.
    if (cut) throw new ConnectionCut('standin cut the stream after its last chunk (stream cut-off)')
    if (writer.close) yield writer.close()
  }
  return { status: 200, headers, body: paced() }
}

const CUT_AFTER_MS = 'standin cut the stream (disconnectAfterMs)'

/** A cut-off time, counted from now (when the body starts, right after the status and headers). */
function deadline(ms: number): { left(): number; passed(): boolean } {
  const at = performance.now() + ms
  return { left: () => Math.max(0, at - performance.now()), passed: () => performance.now() >= at }
}

/** The text a stream carries (content, reasoning and tool-call arguments), to choose one body or batches. */
function streamedLength(result: ChatResult): number {
  let length = result.reasoning?.length ?? 0
  for (const block of result.blocks)
    length += block.type === 'text' ? block.text.length : block.call.arguments.length
  return length
}

/** A provider-shaped error reply, with the error's headers and the surface's (AWS `x-amzn-ErrorType`). */
export function renderError(surface: ExchangeSurface, error: ErrorResult, wire: unknown): Reply {
  const headers: Record<string, string> = { ...error.headers, ...surface.errorHeaders?.(error) }
  if (error.retryAfter !== undefined) headers['retry-after'] = String(error.retryAfter)
  return jsonReply(error.status, surface.encodeError(error, wire), headers)
}
