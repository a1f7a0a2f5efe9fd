import { expect, test } from 'vitest'
import { createIdSource } from './ids'

test('unseeded ids are the prefix and 24 alphabet characters, each one new, across pool refills', () => {
  const ids = createIdSource()
  const seen = new Set<string>()
  // 4 KiB of random bytes serve ~170 ids: 1,000 ids refill the pool several times.
  for (let i = 0; i < 1000; i++) {
    const id = ids.id('chatcmpl-')
    expect(id).toMatch(/^chatcmpl-[A-Za-z0-9]{24}$/)
    seen.add(id)
  }
  expect(seen.size).toBe(1000)
})

test('seeded ids repeat after reset', () => {
  const ids = createIdSource(7)
  const first = [ids.id('call_'), ids.id('call_')]
  ids.reset()
  expect([ids.id('call_'), ids.id('call_')]).toEqual(first)
  expect(first[0]).toMatch(/^call_[A-Za-z0-9]{24}$/)
})
