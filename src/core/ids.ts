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
  id: (prefix) => prefix + randomText(24),
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
const ALPHABET_CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0))
/** The characters of one id, made into a string at once (a flat string, not 24 concatenations). */
const chars = new Uint8Array(24)
/** `chars` read as latin1: no argument list per id, as `String.fromCharCode.apply` makes. */
const charsView = Buffer.from(chars.buffer, chars.byteOffset, chars.length)

/** `size` (at most 24) characters of the alphabet, each from the next random byte of the pool. */
function randomText(size: number): string {
  if (poolOffset + size > pool.length) {
    nodeCrypto().randomFillSync(pool)
    poolOffset = 0
  }
  const out = size === chars.length ? chars : new Uint8Array(size)
  for (let i = 0; i < size; i++) out[i] = ALPHABET_CODES[pool[poolOffset + i]! % ALPHABET.length]!
  poolOffset += size
  return out === chars
    ? charsView.toString('latin1')
    : String.fromCharCode.apply(null, out as unknown as number[])
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
