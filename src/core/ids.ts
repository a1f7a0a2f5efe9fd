/**
 * Ids, timestamps and randomness. Random by default; with a `seed`, every id, `created` timestamp and
 * jitter value is a pure function of the seed and the order of requests, so runs are reproducible.
 * @module
 */
import { lazyRequire } from './lazy-require'

// node:crypto (and the streams it loads) costs ~4 ms at import: loaded on first use (issue 15).
const nodeCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto')

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
/** 2025-01-01T00:00:00Z: the clock of a seeded mock. */
const SEEDED_EPOCH = 1_735_689_600

export interface IdSource {
  /** `prefix` + 24 characters, e.g. `chatcmpl-…`, `call_…`. */
  id(prefix: string): string
  /** Unix seconds. */
  now(): number
  /** A number in [0, 1). */
  random(): number
  reset(): void
}

/** Without a seed there is no state: every mock shares one source. */
const UNSEEDED: IdSource = {
  id: (prefix) => prefix + randomText(),
  now: () => Math.floor(Date.now() / 1000),
  random: Math.random,
  reset: () => {},
}

export function createIdSource(seed?: string | number): IdSource {
  if (seed === undefined) return UNSEEDED
  let next = mulberry32(hash(String(seed)))
  let ticks = 0
  return {
    id: (prefix) => {
      let out = prefix
      for (let i = 0; i < 24; i++) out += ALPHABET[Math.floor(next() * ALPHABET.length)]
      return out
    },
    now: () => SEEDED_EPOCH + ticks++,
    random: () => next(),
    reset: () => {
      next = mulberry32(hash(String(seed)))
      ticks = 0
    },
  }
}

/** A seeded stream of numbers in [0, 1): the same `key` always gives the same sequence. */
export function seededRandom(key: string): () => number {
  return mulberry32(hash(key))
}

/** One 4 KiB fill serves ~170 ids: a crypto call per id was the largest cost of a small request. */
const pool = new Uint8Array(4096)
let poolOffset = pool.length
/** The alphabet's character code for each byte value (`byte % 62`, as before: the same distribution). */
const CODE_OF = Uint16Array.from({ length: 256 }, (_, byte) => ALPHABET.charCodeAt(byte % ALPHABET.length))

/**
 * 24 characters of the alphabet, each from the next random byte of the pool: one `String.fromCharCode`
 * call with the codes as arguments, a flat string with no argument array nor Buffer decode per id (about
 * 0.2 µs less each; every chat reply makes one or more).
 */
function randomText(): string {
  if (poolOffset + 24 > pool.length) {
    nodeCrypto().randomFillSync(pool)
    poolOffset = 0
  }
  const p = pool
  const o = poolOffset
  poolOffset += 24
  const c = CODE_OF
  // prettier-ignore
  return String.fromCharCode(
    c[p[o]!]!, c[p[o + 1]!]!, c[p[o + 2]!]!, c[p[o + 3]!]!, c[p[o + 4]!]!, c[p[o + 5]!]!,
    c[p[o + 6]!]!, c[p[o + 7]!]!, c[p[o + 8]!]!, c[p[o + 9]!]!, c[p[o + 10]!]!, c[p[o + 11]!]!,
    c[p[o + 12]!]!, c[p[o + 13]!]!, c[p[o + 14]!]!, c[p[o + 15]!]!, c[p[o + 16]!]!, c[p[o + 17]!]!,
    c[p[o + 18]!]!, c[p[o + 19]!]!, c[p[o + 20]!]!, c[p[o + 21]!]!, c[p[o + 22]!]!, c[p[o + 23]!]!,
  )
}

/** FNV-1a, 32 bits. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** A small, well-known 32-bit PRNG; plenty for ids and jitter. */
function mulberry32(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
