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

export class DeadlineSweep {
  readonly #deadlines = new Set<Deadline>()
  #timer: ReturnType<typeof setInterval> | undefined
  #started = false

  constructor(
    /** Milliseconds between sweeps. */
    readonly every: number,
    readonly clock: () => number = () => performance.now(),
  ) {}

  add(deadline: Deadline): void {
    this.#deadlines.add(deadline)
    if (this.#started) this.#arm()
  }

  delete(deadline: Deadline): void {
    this.#deadlines.delete(deadline)
  }

  get size(): number {
    return this.#deadlines.size
  }

  /** Expires every deadline due at `now`. */
  sweep(now = this.clock()): void {
    for (const deadline of this.#deadlines) if (deadline.at <= now) deadline.expire(now)
  }

  /**
   * Sweeps every `every` ms; the timer does not keep the process alive. It is made with the first
   * deadline: a server that is started and stopped without a connection never makes one.
   */
  start(): void {
    this.#started = true
    if (this.#deadlines.size > 0) this.#arm()
  }

  stop(): void {
    this.#started = false
    clearInterval(this.#timer)
    this.#timer = undefined
    this.#deadlines.clear()
  }

  #arm(): void {
    if (this.#timer) return
    this.#timer = setInterval(() => this.sweep(), this.every)
    this.#timer.unref()
  }
}
