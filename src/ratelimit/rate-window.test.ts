import { expect, test } from 'vitest'
import { RateWindows } from './rate-window'

test("a window's counts start again once it has passed, per key", () => {
  const windows = new RateWindows(500)
  windows.current('a', 1_000).requests = 3
  windows.current('b', 1_000).requests = 1
  expect(windows.current('a', 1_499).requests).toBe(3)
  const fresh = windows.current('a', 1_500)
  expect(fresh).toMatchObject({ requests: 0, inputTokens: 0, outputTokens: 0, end: 2_000 })
  expect(windows.current('b', 1_500).requests).toBe(0)
  windows.current('b', 1_500).requests = 2
  windows.forget('b')
  expect(windows.current('b', 1_500).requests).toBe(0)
})

test('the global scope keeps one window for every session, and forgetting a session keeps it', () => {
  const windows = new RateWindows(500, true)
  windows.current('a', 1_000).requests = 2
  expect(windows.current('b', 1_100).requests).toBe(2)
  windows.forget('a')
  expect(windows.current('c', 1_200).requests).toBe(2)
})
