/**
 * The pacer's arithmetic, measured by the delays it computes (never the wall clock): tokens per second
 * counted in tokens, the named profiles, jitter from the seeded generator, the replay speed.
 */
import { describe, expect, test } from 'vitest'
import { createIdSource } from '../core/ids'
import type { ResolvedOpts } from '../fixtures/fixture'
import { chunkText } from './chunk'
import { createPacer } from './pacing'
import { STREAMING_PROFILE_NAMES, STREAMING_PROFILES, type StreamingProfile } from './profiles'

/** The delay before each chunk of `text` cut at `chunkSize`, as the renderer asks for them. */
function delays(opts: ResolvedOpts, text: string, chunkSize: number, seed: number | string = 1): number[] {
  const pacer = createPacer(opts, createIdSource(seed).random)!
  return chunkText(text, chunkSize).map((chunk, index) => pacer(index, chunk))
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
const TEXT = 'The quick brown fox jumps over the lazy dog. '.repeat(20)

describe('tokens per second', () => {
  test('a chunk waits for the tokens it carries (4 characters a token), not a fixed gap', () => {
    const pacer = createPacer({ streamingProfile: { ttft: 100, tps: 10 } }, Math.random)!
    expect(pacer(0, 'x'.repeat(40))).toBe(100)
    expect(pacer(1, 'abcd')).toBe(100)
    expect(pacer(2, 'x'.repeat(40))).toBe(1000)
    expect(pacer(3, 'ab')).toBe(50)
  })

  test('a stream takes as long whatever its chunk size', () => {
    const profile = { streamingProfile: { ttft: 0, tps: 50 } }
    const total = (TEXT.length / 4 / 50) * 1000
    // The first chunk waits ttft (0 here) instead of its tokens: what it carries is not counted.
    expect(sum(delays(profile, TEXT, 4))).toBeCloseTo(total - (4 / 4 / 50) * 1000, 6)
    expect(sum(delays(profile, TEXT, 40))).toBeCloseTo(total - (40 / 4 / 50) * 1000, 6)
  })

  test('the replay speed divides every delay', () => {
    const pacer = createPacer({ streamingProfile: { ttft: 300, tps: 10 }, replaySpeed: 3 }, Math.random)!
    expect([pacer(0, 'abcd'), pacer(1, 'abcd')]).toEqual([100, 100 / 3])
  })
})

describe('named profiles', () => {
  test('each name paces as its documented numbers: ttft first, then tokens at tps, within ± jitter', () => {
    for (const name of STREAMING_PROFILE_NAMES) {
      const { ttft, tps, jitter } = STREAMING_PROFILES[name]
      const waits = delays({ streamingProfile: name }, TEXT, 20)
      expect(waits[0]).toBeGreaterThanOrEqual(ttft * (1 - jitter))
      expect(waits[0]).toBeLessThanOrEqual(ttft * (1 + jitter))
      for (const wait of waits.slice(1)) {
        const base = (20 / 4 / tps) * 1000
        expect(wait).toBeGreaterThanOrEqual(base * (1 - jitter) - 1e-9)
        expect(wait).toBeLessThanOrEqual(base * (1 + jitter) + 1e-9)
      }
      // Jitter spreads the delays both ways around the base.
      expect(new Set(waits.slice(1)).size).toBeGreaterThan(1)
    }
  })

  test('fast streams sooner than standard, standard than reasoning and overloaded', () => {
    const total = (profile: StreamingProfile) => sum(delays({ streamingProfile: profile }, TEXT, 20))
    expect(total('fast')).toBeLessThan(total('standard'))
    expect(total('standard')).toBeLessThan(total('reasoning'))
    expect(total('standard')).toBeLessThan(total('overloaded'))
  })

  test('a profile wins over recorded timings and latency', () => {
    const pacer = createPacer(
      {
        streamingProfile: { ttft: 7 },
        recordedTimings: { ttftMs: 100 },
        replaySpeed: 1,
        latency: 50,
      },
      Math.random,
    )!
    expect(pacer(0, 'x')).toBe(7)
  })
})

describe('jitter', () => {
  test('the same seed paces the same, another seed differently', () => {
    const opts = { streamingProfile: 'overloaded' as const }
    expect(delays(opts, TEXT, 20, 42)).toEqual(delays(opts, TEXT, 20, 42))
    expect(delays(opts, TEXT, 20, 42)).not.toEqual(delays(opts, TEXT, 20, 43))
  })

  test('each stream draws once from the mock generator: streams side by side do not share a sequence', () => {
    const ids = createIdSource(7)
    const opts = { streamingProfile: { ttft: 10, tps: 10, jitter: 0.5 } }
    const first = createPacer(opts, ids.random)!
    const second = createPacer(opts, ids.random)!
    // Interleaving the two streams' chunks gives each the delays it has when run alone.
    const interleaved = [first(0, 'abcd'), second(0, 'abcd'), first(1, 'abcd'), second(1, 'abcd')]
    const alone = createIdSource(7)
    const a = createPacer(opts, alone.random)!
    const aWaits = [a(0, 'abcd'), a(1, 'abcd')]
    const b = createPacer(opts, alone.random)!
    const bWaits = [b(0, 'abcd'), b(1, 'abcd')]
    expect(interleaved).toEqual([aWaits[0], bWaits[0], aWaits[1], bWaits[1]])
  })

  test('no jitter draws nothing from the mock generator (seeded ids stay as they were)', () => {
    let draws = 0
    const random = () => (draws++, 0.5)
    createPacer({ streamingProfile: { ttft: 10, tps: 10 } }, random)
    expect(draws).toBe(0)
    createPacer({ streamingProfile: 'standard' }, random)
    expect(draws).toBe(1)
  })
})
