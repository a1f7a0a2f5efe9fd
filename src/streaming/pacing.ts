/**
 * Pacing: how long to wait before each streamed chunk. `latency` waits before every chunk; a streaming
 * profile sets time-to-first-token, chunks per second and jitter; `replaySpeed` divides every delay.
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
