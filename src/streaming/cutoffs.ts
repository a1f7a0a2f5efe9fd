/**
 * Stream cut-offs: a fixture's `truncateAfterChunks` (the stream sends that many frames, then the
 * connection is cut) and `disconnectAfterMs` (the connection is cut that long after the response started).
 * Either way the stream never ends cleanly, since SDKs accept a clean end as a complete answer: a stream
 * that runs out of frames first is cut right after its last frame (a JSON array before its `]`). A frame is
 * what a client parses as one unit: an SSE event, an NDJSON line, a JSON-array element, an AWS event-stream
 * message. A reply that is not streamed has no frames: it is cut before its body (no response at all) when
 * the body would come at or after `disconnectAfterMs`, and sent whole otherwise.
 * @module
 */
import type { ResolvedOpts } from '../fixtures/fixture'

/** What the journal records for a cut: `truncate` (a stream cut short) or `disconnect` (no response). */
export type CutKind = 'truncate' | 'disconnect'

export interface Cutoffs {
  /** Frames sent before the cut. */
  afterFrames?: number
  /** Milliseconds after the response started (already divided by the replay speed). */
  afterMs?: number
}

/** The cut-offs of a streamed reply, or undefined when it has none. */
export function streamCutoffs(opts: ResolvedOpts): Cutoffs | undefined {
  const { truncateAfterChunks: afterFrames, disconnectAfterMs } = opts
  if (afterFrames === undefined && disconnectAfterMs === undefined) return undefined
  const cut: Cutoffs = {}
  if (afterFrames !== undefined) cut.afterFrames = afterFrames
  if (disconnectAfterMs !== undefined) cut.afterMs = disconnectAfterMs / (opts.replaySpeed ?? 1)
  return cut
}

/** Milliseconds before a reply that is not streamed: its `latency`, divided by the replay speed. */
export function jsonDelay(opts: ResolvedOpts): number {
  return opts.latency ? opts.latency / (opts.replaySpeed ?? 1) : 0
}

/** True when a reply that is not streamed is cut before its body. */
export function cutsJson(opts: ResolvedOpts): boolean {
  const cut = opts.disconnectAfterMs
  return cut !== undefined && (opts.latency ?? 0) >= cut
}

/** The cut a reply will get, known before it is rendered so the journal can record it. */
export function plannedCut(opts: ResolvedOpts, stream: boolean): CutKind | undefined {
  if (stream) return streamCutoffs(opts) ? 'truncate' : undefined
  return cutsJson(opts) ? 'disconnect' : undefined
}
