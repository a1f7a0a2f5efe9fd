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

export class RateWindows {
  // Made by the first request: a mock per test that is asked nothing never makes it (issue 15).
  #windows: Map<string, RateWindow> | undefined

  constructor(
    readonly windowMs: number,
    /** One window for every session (`scope: 'global'`), else one per session. */
    readonly global = false,
  ) {}

  /**
   * A session's current window at `now` (epoch milliseconds), a fresh one if the last has passed. The caller
   * reads the clock, once for its window and its headers (`Date.now()` at each call, never captured: a
   * test's fake clock, vi.setSystemTime, moves the windows too).
   */
  current(session: string, now: number): RateWindow {
    const key = this.global ? '' : session
    const windows = (this.#windows ??= new Map())
    let window = windows.get(key)
    if (window === undefined || now >= window.end) {
      window = { end: now + this.windowMs, requests: 0, inputTokens: 0, outputTokens: 0 }
      windows.set(key, window)
    }
    return window
  }

  /** Forgets a session's window (the one window of the global scope stays). */
  forget(session: string): void {
    if (!this.global) this.#windows?.delete(session)
  }

  clear(): void {
    // Map#clear allocates a new table even when empty: a reset() per test with no request between pays it.
    if (this.#windows !== undefined && this.#windows.size > 0) this.#windows.clear()
  }
}
