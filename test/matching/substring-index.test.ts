/**
 * SubstringIndex against a plain `text.includes(pattern)` scan: its bit-set prefilter and rolling hash
 * must never hide a pattern the text contains, at any size the filter grows to.
 */
import { describe, expect, test } from 'vitest'
import { SubstringIndex } from '../../src/matching/substring-index'

function found(index: SubstringIndex<string>, text: string): string[] {
  const out: string[] = []
  index.collect(text, out)
  return out
}

describe('SubstringIndex', () => {
  test('finds every contained pattern, long or short, at any position, each bucket once', () => {
    const index = new SubstringIndex<string>()
    const patterns = ['hello', 'a', 'weather in Paris', 'in Paris', 'Paris', 'xyz', '👋🏽 emoji', 'é']
    for (const p of patterns) index.add(p, p)
    const texts = [
      'hello',
      'what is the weather in Paris today? Paris again, hello hello',
      'no match here',
      'say 👋🏽 emoji please, café',
      '',
      'a',
    ]
    for (const text of texts) {
      expect(new Set(found(index, text)), text).toEqual(new Set(patterns.filter((p) => text.includes(p))))
      expect(found(index, text).length, text).toBe(new Set(found(index, text)).size)
    }
  })

  test('with 50,000 patterns (the bit set grown many times), no contained pattern is missed', () => {
    const index = new SubstringIndex<string>()
    const patterns: string[] = []
    for (let i = 0; i < 50_000; i++) {
      const pattern = `question ${i} about topic ${(i * 7919) % 1000}`
      patterns.push(pattern)
      index.add(pattern, pattern)
    }
    for (const i of [0, 1, 4_999, 25_000, 49_999]) {
      const text = `Tell me: ${patterns[i]}, please`
      const hits = found(index, text)
      // Keys are substrings, so candidates may include patterns the text does not contain; never fewer.
      expect(hits).toContain(patterns[i])
      for (const p of patterns.filter((p) => text.includes(p))) expect(hits).toContain(p)
      expect(hits.length).toBeLessThan(50)
    }
    expect(found(index, 'nothing like the patterns at all')).toEqual([])
  })

  test.each([300, 20_000])(
    'a batch of %i learned before filing keys each pattern by a window few others share',
    (size) => {
      const patterns = Array.from(
        { length: size },
        (_, i) => `question ${i} about topic ${(i * 7919) % 100_003}`,
      )
      const plain = new SubstringIndex<string>()
      const learned = new SubstringIndex<string>()
      learned.learn(patterns.length, (i) => patterns[i])
      for (const p of patterns) {
        plain.add(p, p)
        learned.add(p, p)
      }
      for (const i of [0, 1, size / 2 - 1, size / 2, size - 1]) {
        const text = patterns[i]!
        const hits = found(learned, text)
        for (const p of patterns.filter((p) => text.includes(p))) expect(hits).toContain(p)
        // Filed in order without learning, the first patterns take the shared windows (`question`,
        // `uestion `, `estion 1`, ...) as keys, and every request of this form gathers them.
        expect(hits.length, text).toBeLessThanOrEqual(2)
        if (i >= 100) expect(found(plain, text).length, text).toBeGreaterThan(3)
      }
    },
  )
})
