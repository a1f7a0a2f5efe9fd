import { expect, test } from 'vitest'
import { RateWindows } from './rate-window'

test("a window's counts start again once it has passed, per key", () => {
  let now = 1_000
  const windows = new RateWindows(500, () => now)
  windows.current('a').requests = 3
  windows.current('b').requests = 1
  now = 1_499
  expect(windows.current('a').requests).toBe(3)
  now = 1_500
  const fresh = windows.current('a')
  expect(fresh).toMatchObject({ requests: 0, inputTokens: 0, outputTokens: 0, end: 2_000 })
  expect(windows.current('b').requests).toBe(0)
  windows.current('b').requests = 2
  windows.forget('b')
  expect(windows.current('b').requests).toBe(0)
})
