/**
 * What every matcher reads (journal entries and the fixtures in scope) and gives back.
 * @module
 */
import type { JournalEntry } from '../journal/journal'

export interface MatcherResult {
  pass: boolean
  message: () => string
}

/** What matchers read: journal entries and the fixtures in scope. */
export interface MatcherSubject {
  entries: JournalEntry[]
  fixtures: ReadonlyArray<{ id: string; source: string }>
  /** Names the subject in messages ("the mock", "session t1"). */
  label?: string
}

/** Accepts a mock, a session, a journal view, an array of entries or a subject snapshot. */
export function toSubject(received: unknown): MatcherSubject {
  if (Array.isArray(received)) return { entries: received as JournalEntry[], fixtures: [] }
  const value = received as Record<string, any> | null
  if (value && typeof value === 'object') {
    if (Array.isArray(value.entries)) return value as MatcherSubject
    const journal = value.journal
    if (journal && Array.isArray(journal.entries)) {
      return { entries: journal.entries, fixtures: value.fixtures ?? [], label: value.label }
    }
  }
  throw new TypeError(
    'standin matchers expect a standin mock, a session, its journal, or an array of journal entries',
  )
}
