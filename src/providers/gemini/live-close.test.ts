import { describe, expect, test } from 'vitest'
import { closeCode, closeReason } from './live-close'

describe('closeReason', () => {
  test('a message that fits in 123 bytes is kept whole', () => {
    const message = 'x'.repeat(123)
    expect(closeReason(message)).toBe(message)
  })

  test('a longer one is cut on a character boundary to at most 123 bytes, ending with ...', () => {
    const reason = closeReason('é'.repeat(100))
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123)
    expect(reason).toMatch(/^é+\.\.\.$/)
    expect(Buffer.byteLength(reason)).toBeGreaterThan(118)
  })
})

test('closeCode: 1007 for a 400, 1011 for 5xx and a spent quota (429), 1008 for the other refusals', () => {
  expect([400, 401, 403, 404, 429, 500, 503].map(closeCode)).toEqual([
    1007, 1008, 1008, 1008, 1011, 1011, 1011,
  ])
})
