import { describe, expect, test } from 'vitest'
import { nestsBelow } from './bounded-copy'

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)

describe('nestsBelow', () => {
  test('counts levels of objects and arrays up to the limit', () => {
    expect(nestsBelow(nested(9), 10)).toBe(true)
    expect(nestsBelow(nested(10), 10)).toBe(false)
    expect(nestsBelow('{"a":{"b":[{"c":1}]}}', 4)).toBe(false)
    expect(nestsBelow('{"a":{"b":[{"c":1}]}}', 5)).toBe(true)
  })

  test('many brackets side by side are shallow', () => {
    const wide = JSON.stringify(Array.from({ length: 100 }, () => ({ a: [1] })))
    expect(nestsBelow(wide, 10)).toBe(true)
    expect(nestsBelow(`[${wide}]`, 4)).toBe(false)
  })

  test('brackets inside strings, escaped quotes included, do not count', () => {
    const text = JSON.stringify({ a: `"${'['.repeat(50)}`, b: '\\' })
    expect(nestsBelow(text, 3)).toBe(true)
    expect(nestsBelow(`[[${text}]]`, 3)).toBe(false)
  })
})
