/**
 * Finds the patterns that can be substrings of a text without testing every pattern. Each pattern is
 * filed under one key that is itself a substring of it: the whole pattern when it is shorter than
 * {@link KEY}, else its first 8-character window that is no key yet and that few other patterns share
 * (failing that, the first that is no key yet, then the one with the smallest bucket). A text can only
 * contain a pattern if it contains the pattern's key, so looking up
 * every window of the text (of each key length in use) reaches every pattern it might contain. Eight characters keep buckets short even when thousands of
 * patterns share words (three-character keys left 2,000+ candidates per request at 100,000 fixtures).
 *
 * A lookup in a map of 100,000 keys misses the CPU cache, and most windows of a text are no key. A bit set
 * of the keys' hashes (about 16 bits per key, so a few hundred kilobytes at 100,000) is checked first,
 * with each window's hash rolled along the text, so only windows whose bit is set are cut and looked up.
 * A set bit may be a collision; a clear bit is never a key, so no pattern is missed.
 * @see ../../docs/decisions/matching-index.md
 * @module
 */

const KEY = 8

/** Multiplier of the rolling hash (an odd 32-bit constant), and the mixing constant of the bit index. */
const BASE = 0x01000193
const MIX = 0x9e3779b1
const MIN_BITS = 10
const MAX_BITS = 24
/** A batch of at least this many patterns is sampled for the windows they share (see {@link SubstringIndex.learn}). */
const LEARN_MIN = 256
/** Patterns sampled from a batch, and windows counted from the start of each. */
const SAMPLE = 4096
const SAMPLE_WINDOWS = 64
/**
 * Counters of the sample's windows, by hash: about 128 per sampled pattern (at most 512 KB, while a batch
 * is learned), so few windows share one; and bits of the shared windows (8 KB, kept).
 */
const MAX_COUNT_BITS = 19
const COMMON_BITS = 16

export class SubstringIndex<T extends object | string> {
  /** A key's items: one item as it is (most keys have one; an array each cost ~70 bytes at 100,000), or a list. */
  #buckets = new Map<string, T | T[]>()
  /** Key length to how many keys of that length are filed. */
  #lengths = new Map<number, number>()
  #bits = MIN_BITS
  #filter = new Uint32Array((1 << MIN_BITS) >>> 5)
  /**
   * Windows many patterns of a batch share (`question`, `What is `), as bits of their hashes (a collision
   * only marks a rare window shared too): never chosen as a key while another window can be. A shared
   * window is in most requests for those patterns, so the one pattern keyed by it was gathered by them
   * all: filed in order, the first patterns took `question`, `uestion `, `estion 9`, ... and a request for
   * the last of 100,000 gathered six fixtures it could not match (a cache-cold look-up and check each).
   */
  #common: Uint32Array | undefined

  get size(): number {
    return this.#buckets.size
  }

  /** Files `item` under a key of `pattern` (which must not be empty). */
  add(pattern: string, item: T): void {
    const key = pattern.length <= KEY ? pattern : this.#rarestWindow(pattern)
    const bucket = this.#buckets.get(key)
    if (bucket !== undefined) {
      if (Array.isArray(bucket)) bucket.push(item)
      else this.#buckets.set(key, [bucket, item])
      return
    }
    this.#buckets.set(key, item)
    this.#lengths.set(key.length, (this.#lengths.get(key.length) ?? 0) + 1)
    if (this.#buckets.size << 4 > 1 << this.#bits && this.#bits < MAX_BITS) this.#grow()
    else this.#mark(hashOf(key, 0, key.length))
  }

  /**
   * Sizes the bit set for `more` keys to come, so filing many patterns at once (a store's first lookup
   * after 100,000 registrations) does not grow and refill it a dozen times on the way.
   */
  reserve(more: number): void {
    if ((this.#buckets.size + more) << 4 > 1 << this.#bits && this.#bits < MAX_BITS)
      this.#grow(this.#buckets.size + more)
  }

  /**
   * Notes the windows that several of the `count` patterns about to be filed share, counted in a sample
   * of them (`textAt(i)`: the i-th pattern, or undefined when it has none), so {@link add} keys each
   * pattern by a window few others have. A small batch is not sampled: its few spare candidates are cheap.
   */
  learn(count: number, textAt: (i: number) => string | undefined): void {
    if (count < LEARN_MIN) return
    const step = Math.ceil(count / SAMPLE)
    let countBits = 12
    while (countBits < MAX_COUNT_BITS && 1 << countBits < Math.min(count, SAMPLE) * 128) countBits++
    const counts = new Uint8Array(1 << countBits)
    const common = (this.#common ??= new Uint32Array((1 << COMMON_BITS) >>> 5))
    let top = 1
    for (let k = 1; k < KEY; k++) top = Math.imul(top, BASE)
    for (let i = 0; i < count; i += step) {
      const text = textAt(i)
      if (text === undefined || text.length <= KEY) continue
      const last = Math.min(text.length - KEY, SAMPLE_WINDOWS)
      let hash = hashOf(text, 0, KEY)
      for (let j = 0; ; j++) {
        const mixed = Math.imul(hash, MIX)
        const at = mixed >>> (32 - countBits)
        // The second pattern with this window (or one pattern with it twice) marks it shared.
        if (counts[at] === 0) counts[at] = 1
        else {
          const bit = mixed >>> (32 - COMMON_BITS)
          common[bit >>> 5]! |= 1 << (bit & 31)
        }
        if (j >= last) break
        hash = (Math.imul(hash - Math.imul(text.charCodeAt(j), top), BASE) + text.charCodeAt(j + KEY)) | 0
      }
    }
  }

  /**
   * Appends to `into` the items of every bucket whose key occurs in `text` (each bucket once): a list the
   * caller owns, not a callback and a one-item array per bucket (most keys hold one item).
   */
  collect(text: string, into: T[]): void {
    if (this.#buckets.size === 0) return
    const filter = this.#filter
    const shift = 32 - this.#bits
    // The keys found so far: the first as a string, a set only from the second on (most requests hit one).
    let first: string | undefined
    let seen: Set<string> | undefined
    for (const length of this.#lengths.keys()) {
      if (length > text.length) continue
      // BASE^(length-1): what the character leaving the window contributed to its hash.
      let top = 1
      for (let k = 1; k < length; k++) top = Math.imul(top, BASE)
      let hash = hashOf(text, 0, length)
      for (let i = 0; ; i++) {
        const bit = Math.imul(hash, MIX) >>> shift
        if ((filter[bit >>> 5]! & (1 << (bit & 31))) !== 0) {
          const window = text.slice(i, i + length)
          const bucket = this.#buckets.get(window)
          if (bucket !== undefined) {
            let fresh = true
            if (first === undefined) first = window
            else if (window === first) fresh = false
            else if ((seen ??= new Set()).has(window)) fresh = false
            else seen.add(window)
            if (fresh) {
              if (Array.isArray(bucket)) for (let b = 0; b < bucket.length; b++) into.push(bucket[b]!)
              else into.push(bucket)
            }
          }
        }
        if (i + length >= text.length) break
        hash = (Math.imul(hash - Math.imul(text.charCodeAt(i), top), BASE) + text.charCodeAt(i + length)) | 0
      }
    }
  }

  #mark(hash: number): void {
    const bit = Math.imul(hash, MIX) >>> (32 - this.#bits)
    this.#filter[bit >>> 5]! |= 1 << (bit & 31)
  }

  /** Doubles the bit set until it has about 16 bits per key (of `keys`), and files every key's bit again. */
  #grow(keys = this.#buckets.size): void {
    while (keys << 4 > 1 << this.#bits && this.#bits < MAX_BITS) this.#bits++
    this.#filter = new Uint32Array(Math.max(1, (1 << this.#bits) >>> 5))
    for (const key of this.#buckets.keys()) this.#mark(hashOf(key, 0, key.length))
  }

  #rarestWindow(pattern: string): string {
    const filter = this.#filter
    const shift = 32 - this.#bits
    let top = 1
    for (let k = 1; k < KEY; k++) top = Math.imul(top, BASE)
    const common = this.#common
    // A clear bit is no key yet: an empty bucket, the best there is, found without cutting a window or a
    // lookup (most patterns have one; cutting and looking up every window before it was most of the cost
    // of filing 100,000 patterns). The first such window that few patterns share, else the first.
    let firstFree = -1
    let hash = hashOf(pattern, 0, KEY)
    for (let i = 0; ; i++) {
      const mixed = Math.imul(hash, MIX)
      const bit = mixed >>> shift
      if ((filter[bit >>> 5]! & (1 << (bit & 31))) === 0) {
        if (common === undefined) return pattern.slice(i, i + KEY)
        const shared = mixed >>> (32 - COMMON_BITS)
        if ((common[shared >>> 5]! & (1 << (shared & 31))) === 0) return pattern.slice(i, i + KEY)
        if (firstFree < 0) firstFree = i
      }
      if (i + KEY >= pattern.length) break
      hash = (Math.imul(hash - Math.imul(pattern.charCodeAt(i), top), BASE) + pattern.charCodeAt(i + KEY)) | 0
    }
    if (firstFree >= 0) return pattern.slice(firstFree, firstFree + KEY)
    // Every window's bit is set: the window with the smallest bucket (none, when a bit was a collision).
    let best = pattern.slice(0, KEY)
    let bestSize = Infinity
    for (let i = 0; i + KEY <= pattern.length; i++) {
      const window = pattern.slice(i, i + KEY)
      const bucket = this.#buckets.get(window)
      const size = bucket === undefined ? 0 : Array.isArray(bucket) ? bucket.length : 1
      if (size < bestSize) {
        best = window
        bestSize = size
        if (size === 0) break
      }
    }
    return best
  }
}

/** The polynomial hash of `text[from, from + length)`, as `collect` rolls it along a text. */
function hashOf(text: string, from: number, length: number): number {
  let hash = 0
  for (let k = from; k < from + length; k++) hash = (Math.imul(hash, BASE) + text.charCodeAt(k)) | 0
  return hash
}
