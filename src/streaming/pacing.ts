/**
 * Pacing: how long to wait before each streamed chunk. `latency` waits before every chunk; a streaming
 * profile sets time-to-first-token, chunks per second and jitter; a recording's `recordedTimings` replay
 * its cadence when a replay speed is set (extra chunks wait the average gap); `replaySpeed` divides every
 * delay. Precedence: streaming profile, then recorded timings, then latency.
 * @module
 */
import type { ResolvedOpts } from '../fixtures/fixture'

export type Pacer = (chunkIndex: number) => number

export function createPacer(opts: ResolvedOpts, random: () => number): Pacer | undefined {
  const speed = opts.replaySpeed ?? 1
  const profile = opts.streamingProfile
  if (profile && (profile.ttft !== undefined || profile.tps !== undefined)) {
    const jitter = profile.jitter ?? 0
    return (index) => {
      const base = index === 0 ? (profile.ttft ?? 0) : profile.tps ? 1000 / profile.tps : 0
      const wobble = jitter ? 1 + (random() * 2 - 1) * jitter : 1
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
