/**
 * A server-push channel: messages pushed while a client listens on a long-lived stream (MCP's GET SSE
 * stream; A2A's task resubscription). It ends when closed or when the client goes away.
 * @module
 */

export class PushChannel<T> implements AsyncIterable<T> {
  #queue: T[] = []
  #wake: (() => void) | undefined
  #closed = false

  /** Ends the channel when `signal` aborts (the client disconnected). */
  constructor(signal?: AbortSignal) {
    if (signal?.aborted) this.#closed = true
    signal?.addEventListener('abort', () => this.close(), { once: true })
  }

  get closed(): boolean {
    return this.#closed
  }

  /** Queues a message for the listener; false when the channel has ended. */
  push(message: T): boolean {
    if (this.#closed) return false
    this.#queue.push(message)
    this.#wakeUp()
    return true
  }

  /** Ends the stream once what is queued has been read. */
  close(): void {
    this.#closed = true
    this.#wakeUp()
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    try {
      for (;;) {
        const next = this.#queue.shift()
        if (next !== undefined) {
          yield next
          continue
        }
        if (this.#closed) return
        await new Promise<void>((resolve) => (this.#wake = resolve))
      }
    } finally {
      this.#closed = true
    }
  }

  #wakeUp(): void {
    const wake = this.#wake
    this.#wake = undefined
    wake?.()
  }
}
