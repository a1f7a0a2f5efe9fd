/**
 * One timer for every deadline a server owns. A deadline is a number changed per request (no timer object
 * made and cleared per request, which would cost the hot path); the sweep checks them all a few times per
 * shortest timeout, so a deadline is enforced at most one interval late.
 * @module
 */

/** Something that must reach its next phase by `at` (milliseconds on the sweep's clock), or be ended. */
export interface Deadline {
  at: number
  /** Called by a sweep at or after `at`; may move `at` on (the phase turned out complete) or end its owner. */
  expire(now: number): void
}

/**
 * One interval per period, shared by the sweeps of that period that have deadlines: every server with the
 * default timeouts is swept by the same timer, so a server per test makes and clears none. A ticker left
 * with no sweep clears itself on its next tick (a server started right after the last one stopped reuses it).
 */
interface Ticker {
  timer: ReturnType<typeof setInterval>
  sweeps: Set<DeadlineSweep>
}
const tickers = new Map<number, Ticker>()

function tickerFor(every: number): Ticker {
  let ticker = tickers.get(every)
  if (ticker) return ticker
  const sweeps = new Set<DeadlineSweep>()
  const timer = setInterval(() => {
    if (sweeps.size === 0) {
      clearInterval(timer)
      tickers.delete(every)
      return
    }
    for (const sweep of sweeps) sweep.sweep()
  }, every)
  // The timer does not keep the process alive.
  timer.unref()
  ticker = { timer, sweeps }
  tickers.set(every, ticker)
  return ticker
}

/** How many shared timers exist (for tests). */
export function sweepTimerCount(): number {
  return tickers.size
}

/** The default clock, one function for every sweep (a server per test made a closure per listen). */
const performanceNow = (): number => performance.now()

export class DeadlineSweep {
  // Made by the first deadline: a server started and stopped without a connection never makes it.
  #deadlines: Set<Deadline> | undefined
  /** The shared timer sweeping this one, once it has had a deadline since start(). */
  #ticker: Ticker | undefined
  #started = false

  constructor(
    /** Milliseconds between sweeps. */
    readonly every: number,
    readonly clock: () => number = performanceNow,
  ) {}

  add(deadline: Deadline): void {
    ;(this.#deadlines ??= new Set()).add(deadline)
    if (this.#started) this.#arm()
  }

  delete(deadline: Deadline): void {
    this.#deadlines?.delete(deadline)
  }

  get size(): number {
    return this.#deadlines?.size ?? 0
  }

  /** Expires every deadline due at `now`. */
  sweep(now = this.clock()): void {
    const deadlines = this.#deadlines
    if (deadlines) for (const deadline of deadlines) if (deadline.at <= now) deadline.expire(now)
  }

  /**
   * Sweeps every `every` ms, on a timer shared with the other sweeps of that period; it does not keep the
   * process alive. The sweep joins it with its first deadline: a server that is started and stopped without
   * a connection never does.
   */
  start(): void {
    this.#started = true
    if (this.size > 0) this.#arm()
  }

  stop(): void {
    this.#started = false
    this.#ticker?.sweeps.delete(this)
    this.#ticker = undefined
    this.#deadlines?.clear()
  }

  #arm(): void {
    if (this.#ticker) return
    this.#ticker = tickerFor(this.every)
    this.#ticker.sweeps.add(this)
  }
}
