import { expect, test } from 'vitest'
import { goDuration } from './go-duration'

test("durations read as Go's time.Duration writes them, as OpenAI's reset headers do", () => {
  expect(goDuration(0)).toBe('0s')
  expect(goDuration(20)).toBe('20ms')
  expect(goDuration(0.2)).toBe('1ms')
  expect(goDuration(1000)).toBe('1s')
  expect(goDuration(1500)).toBe('1.5s')
  expect(goDuration(360_000)).toBe('6m0s')
  expect(goDuration(3_723_000)).toBe('1h2m3s')
})
