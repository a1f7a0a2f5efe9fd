/**
 * What the journal page's live stream (`GET /__standin/journal/events`) reports: each journal entry as it
 * is written, and each clear of a session's journal (a reset, `journal.clear()`), so the page drops those
 * rows. Listeners are called synchronously; one that throws is dropped, never the request that produced
 * the event.
 * @module
 */
import type { JournalEntry } from '../journal/journal'

/** A session's journal was cleared: all of it, or the entries `removed` names (a predicate's clear). */
export interface JournalClear {
  session: string
  removed?: string[]
}

export type JournalFeedEvent = { kind: 'entry'; entry: JournalEntry } | { kind: 'clear'; clear: JournalClear }

export type JournalListener = (event: JournalFeedEvent) => void

export class JournalFeed {
  readonly #listeners = new Set<JournalListener>()

  get size(): number {
    return this.#listeners.size
  }

  /** Calls `listener` with every entry journaled and every clear from now on; returns the unsubscribe function. */
  subscribe(listener: JournalListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  publish(entry: JournalEntry): void {
    // Called for every request: no event object when no page is listening.
    if (this.#listeners.size > 0) this.#emit({ kind: 'entry', entry })
  }

  publishClear(clear: JournalClear): void {
    this.#emit({ kind: 'clear', clear })
  }

  #emit(event: JournalFeedEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch {
        this.#listeners.delete(listener)
      }
    }
  }
}
