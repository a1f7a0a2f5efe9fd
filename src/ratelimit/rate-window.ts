/**
 * Fixed windows of use, one per scope key (a session id, or one for the whole mock). A window starts at
 * its first request and its counts start again once `windowMs` has passed.
 * @module
 */

export interface RateWindow {
  /** When the window ends (epoch milliseconds). */
  end: number
  requests: number
  inputTokens: number
  outputTokens: number
}

/** `Date.now()` as it is when called (one function for every mock, not a closure each). */
function systemNow(): number {
  return Date.now()
}

export class RateWindows {
  // Made by the first request: a mock per test that is asked nothing never makes it (issue 15).
  #windows: Map<string, RateWindow> | undefined

  constructor(
    readonly windowMs: number,
    // Read at each call, not captured: a test's fake clock (vi.setSystemTime) moves the windows too.
    readonly now: () => number = systemNow,
  ) {}

  /** The key's current window, a fresh one if the last has passed. */
  current(key: string): RateWindow {
    const now = this.now()
    const windows = (this.#windows ??= new Map())
    let window = windows.get(key)
    if (window === undefined || now >= window.end) {
      window = { end: now + this.windowMs, requests: 0, inputTokens: 0, outputTokens: 0 }
      windows.set(key, window)
    }
    return window
  }

  forget(key: string): void {
    this.#windows?.delete(key)
  }

  clear(): void {
    // Map#clear allocates a new table even when empty: a reset() per test with no request between pays it.
    if (this.#windows !== undefined && this.#windows.size > 0) this.#windows.clear()
  }
}
