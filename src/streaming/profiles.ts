/**
 * Streaming profiles: the timing of a stream as time to first token (`ttft`, ms), tokens per second
 * (`tps`) and `jitter` (a ± fraction of each delay). Four named ones stand for kinds of model; their
 * numbers are illustrative, in the range public leaderboards (Artificial Analysis, 2025) report for such
 * models, not a measurement of any one of them.
 * @module
 */

export interface StreamingTiming {
  /** Milliseconds before the first chunk. */
  ttft?: number
  /** Tokens per second after the first chunk (a chunk waits for the tokens it carries). */
  tps?: number
  /** Each delay is multiplied by a seeded draw from `1 - jitter` to `1 + jitter` (0–1). */
  jitter?: number
}

/** The named profiles: see {@link STREAMING_PROFILES} for their numbers. */
export type StreamingProfileName = 'fast' | 'standard' | 'reasoning' | 'overloaded'

export const STREAMING_PROFILE_NAMES = [
  'fast',
  'standard',
  'reasoning',
  'overloaded',
] as const satisfies readonly StreamingProfileName[]

/** A named profile, or the timing itself. */
export type StreamingProfile = StreamingProfileName | StreamingTiming

export const STREAMING_PROFILES: Readonly<Record<StreamingProfileName, Required<StreamingTiming>>> = {
  /** A small model (a "mini", "flash" or "haiku" tier): answers at once, streams quickly. */
  fast: { ttft: 250, tps: 150, jitter: 0.1 },
  /** A frontier chat model on a normal day. */
  standard: { ttft: 600, tps: 60, jitter: 0.2 },
  /** A reasoning model: seconds of thinking before the first token, then a steady stream. */
  reasoning: { ttft: 3000, tps: 80, jitter: 0.15 },
  /** A provider under load: a long wait, a slow and uneven stream. */
  overloaded: { ttft: 4000, tps: 10, jitter: 0.5 },
}

export function profileTiming(profile: StreamingProfile): StreamingTiming {
  return typeof profile === 'string' ? STREAMING_PROFILES[profile] : profile
}
