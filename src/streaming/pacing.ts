/**
 * Pacing: how long to wait before each streamed content chunk. `latency` waits before every chunk; a
 * streaming profile waits `ttft` before the first chunk and then, for each later chunk, the time its
 * tokens take at `tps` tokens per second (tokens estimated at {@link CHARS_PER_TOKEN} characters each, as
 * for usage, so a stream takes as long whatever its chunk size), each delay scaled by a jitter drawn from
 * the mock's seeded generator; a recording's `recordedTimings` replay its cadence when a replay speed is set
 * (extra chunks wait the average gap); `replaySpeed` divides every delay. Precedence: streaming profile,
 * then recorded timings, then latency.
 * @module
 */
import { seededRandom } from '../core/ids'
import { CHARS_PER_TOKEN } from '../core/tokens'
import type { ResolvedOpts } from '../fixtures/fixture'
import { profileTiming } from './profiles'

/** Milliseconds to wait before content chunk `index` (from 0), which carries `text`. */
export type Pacer = (index: number, text: string) => number

/**
 * The pacer for a stream, or undefined when it is not paced. With jitter it draws once from `random` (the
 * mock's generator, seeded by `createStandin({ seed })`) to seed its own sequence, so streams running side
 * by side do not take turns on one sequence, and the same seed paces the same requests alike.
 */
export function createPacer(opts: ResolvedOpts, random: () => number): Pacer | undefined {
  const speed = opts.replaySpeed ?? 1
  const timing = opts.streamingProfile === undefined ? undefined : profileTiming(opts.streamingProfile)
  if (timing && (timing.ttft !== undefined || timing.tps !== undefined)) {
    const { ttft = 0, tps, jitter = 0 } = timing
    const draw = jitter ? seededRandom(String(random())) : undefined
    return (index, text) => {
      const base = index === 0 ? ttft : tps ? ((text.length / CHARS_PER_TOKEN) * 1000) / tps : 0
      const wobble = draw ? 1 + (draw() * 2 - 1) * jitter : 1
      return (base * wobble) / speed
    }
  }
  const timings = opts.recordedTimings
  if (timings && opts.replaySpeed !== undefined) {
    const gaps = timings.interChunkDelaysMs ?? []
    const average = gaps.length > 0 ? gaps.reduce((a, b) => a + b, 0) / gaps.length : 0
    return (index) => (index === 0 ? (timings.ttftMs ?? 0) : (gaps[index - 1] ?? average)) / speed
  }
  if (opts.latency) {
    const delay = opts.latency / speed
    return () => delay
  }
  return undefined
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      signal?.removeEventListener('abort', done)
      clearTimeout(timer)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}
