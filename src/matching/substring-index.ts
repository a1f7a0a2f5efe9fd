/**
 * Finds the patterns that can be substrings of a text without testing every pattern. Each pattern is
 * filed under one key that is itself a substring of it: the whole pattern when it is shorter than
 * {@link KEY}, else its 8-character window whose bucket is smallest so far. A text can only contain a
 * pattern if it contains the pattern's key, so looking up every window of the text (of each key length in
 * use) reaches every pattern it might contain. Eight characters keep buckets short even when thousands of
 * patterns share words (three-character keys left 2,000+ candidates per request at 100,000 fixtures).
 * @see ../../docs/decisions/matching-index.md
 * @module
 */

const KEY = 8

export class SubstringIndex<T> {
  #buckets = new Map<string, T[]>()
  /** Key length → how many keys of that length are filed. */
  #lengths = new Map<number, number>()

  get size(): number {
    return this.#buckets.size
  }

  /** Files `item` under a key of `pattern` (which must not be empty). */
  add(pattern: string, item: T): void {
    const key = pattern.length <= KEY ? pattern : this.#rarestWindow(pattern)
    const bucket = this.#buckets.get(key)
    if (bucket) bucket.push(item)
    else {
      this.#buckets.set(key, [item])
      this.#lengths.set(key.length, (this.#lengths.get(key.length) ?? 0) + 1)
    }
  }

  /** Every bucket whose key occurs in `text` (each bucket once). */
  collect(text: string, into: (bucket: T[]) => void): void {
    if (this.#buckets.size === 0) return
    const seen = new Set<string>()
    for (const length of this.#lengths.keys()) {
      for (let i = 0; i + length <= text.length; i++) {
        const window = text.slice(i, i + length)
        if (seen.has(window)) continue
        seen.add(window)
        const bucket = this.#buckets.get(window)
        if (bucket) into(bucket)
      }
    }
  }

  #rarestWindow(pattern: string): string {
    let best = pattern.slice(0, KEY)
    let bestSize = Infinity
    for (let i = 0; i + KEY <= pattern.length; i++) {
      const window = pattern.slice(i, i + KEY)
      const size = this.#buckets.get(window)?.length ?? 0
      if (size < bestSize) {
        best = window
        bestSize = size
        if (size === 0) break
      }
    }
    return best
  }
}
