/**
 * New journal entries as they are written, for the journal page's live stream
 * (`GET /__standin/journal/events`). Listeners are called synchronously after the entry is journaled; one
 * that throws is dropped, never the request that produced the entry.
 * @module
 */
import type { JournalEntry } from '../journal/journal'

export type JournalListener = (entry: JournalEntry) => void

export class JournalFeed {
  readonly #listeners = new Set<JournalListener>()

  get size(): number {
    return this.#listeners.size
  }

  /** Calls `listener` with every entry journaled from now on; returns the unsubscribe function. */
  subscribe(listener: JournalListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  publish(entry: JournalEntry): void {
    for (const listener of this.#listeners) {
      try {
        listener(entry)
      } catch {
        this.#listeners.delete(listener)
      }
    }
  }
}
