/**
 * Every session of one mock, bounded: idle sessions expire after `idleTimeout`, and past `maxSessions` the
 * least recently used unpinned one goes. The default session (requests that name none) always exists.
 * Journals are per session, each bounded, within one byte budget for all of them.
 * @module
 */
import {
  DEFAULT_JOURNAL_BUDGET,
  filteredView,
  journalLimits,
  settleBudget,
  type ClearableJournal,
  type Journal,
  type JournalBudget,
  type JournalEntry,
  type JournalLimits,
  type JournalView,
} from '../journal/journal'
import { Session } from './session'

/** The session of requests that name none. */
export const DEFAULT_SESSION = 'default'

export interface SessionLimits {
  /** Sessions kept at most (default 10,000); past it the least recently used unpinned one is forgotten. */
  maxSessions?: number
  /** Milliseconds a session may stay unused before it is forgotten (default 30 minutes; 0: never). */
  idleTimeout?: number
  /** Each session's journal: entries and bytes kept. */
  journal?: Partial<JournalLimits>
  /** Bytes all journals keep together (default 64 MiB). */
  journalBudget?: number
}

/**
 * The registry is also its journals' byte budget (see JournalBudget): the sessions it holds are the journals
 * to evict from, so no budget object and set of journals are made beside it (a mock per test, issue 15).
 */
export class SessionRegistry implements JournalBudget {
  /** Bytes all sessions' journals hold together. */
  used = 0
  readonly #budgetLimit: number
  /** Insertion order is use order: a used session is moved to the end, so the first is the least recent. */
  readonly #sessions = new Map<string, Session>()
  /** The session last in `#sessions` (the most recently used): a request to it need not move it. */
  #newest: Session | undefined
  readonly #maxSessions: number
  readonly #idleTimeout: number
  readonly #journalLimits: JournalLimits
  #journal: ClearableJournal | undefined

  /** `onJournalClear` hears every session's journal clears (the journal page drops those rows). */
  constructor(
    limits: SessionLimits = {},
    readonly onJournalClear?: (session: string, removed: string[] | undefined) => void,
  ) {
    this.#budgetLimit = limits.journalBudget ?? DEFAULT_JOURNAL_BUDGET
    this.#maxSessions = Math.max(1, limits.maxSessions ?? 10_000)
    this.#idleTimeout = limits.idleTimeout ?? 30 * 60 * 1000
    this.#journalLimits = journalLimits(limits.journal)
    this.#sessions.set(DEFAULT_SESSION, this.#create(DEFAULT_SESSION))
  }

  /** Called after a journal grew: the journal holding the most gives up its oldest entries until all fit. */
  settle(): void {
    if (this.used > this.#budgetLimit) settleBudget(this, this.#budgetLimit, () => this.#journals())
  }

  *#journals(): Iterable<Journal> {
    for (const session of this.#sessions.values()) yield session.journal
  }

  /** Every session's entries in the order the mock saw them (made on first read: most mocks never ask). */
  get journal(): ClearableJournal {
    return (this.#journal ??= this.#allJournal())
  }

  /** The session `id`, created if needed, marked as just used. */
  get(id: string): Session {
    let session = this.#sessions.get(id)
    if (session !== undefined && session === this.#newest) {
      // Already last in the map: most requests come from the session before them (issue 15, hot path).
      session.lastUsed = Date.now()
      return session
    }
    if (session) {
      this.#sessions.delete(id)
    } else {
      this.#expire()
      session = this.#create(id)
    }
    session.lastUsed = Date.now()
    this.#sessions.set(id, session)
    this.#newest = session
    return session
  }

  /** The session `id` if it exists; does not create it or count as a use. */
  peek(id: string): Session | undefined {
    return this.#sessions.get(id)
  }

  get default(): Session {
    return this.#sessions.get(DEFAULT_SESSION)!
  }

  /** Session ids other than the default one. */
  ids(): string[] {
    return [...this.#sessions.keys()].filter((id) => id !== DEFAULT_SESSION)
  }

  all(): Session[] {
    return [...this.#sessions.values()]
  }

  /** Sessions other than the default one. */
  get size(): number {
    return this.#sessions.size - 1
  }

  /** Forgets a session; the default one is reset instead (it always exists). */
  delete(id: string): void {
    const session = this.#sessions.get(id)
    if (!session) return
    if (id === DEFAULT_SESSION) {
      session.reset()
      return
    }
    session.dispose()
    if (session === this.#newest) this.#newest = undefined
    this.#sessions.delete(id)
  }

  /** Forgets every session but the default one, and resets that. */
  clear(): void {
    for (const id of this.ids()) this.delete(id)
    this.default.reset()
  }

  #create(id: string): Session {
    const onClear = this.onJournalClear
    return new Session(id, this.#journalLimits, this, onClear && ((removed) => onClear(id, removed)))
  }

  /** Before a new session: forget idle ones, then the least recently used while at the cap. */
  #expire(): void {
    const now = Date.now()
    for (const session of this.#sessions.values()) {
      // Oldest first: stop at the first one still fresh.
      if (this.#idleTimeout <= 0 || now - session.lastUsed < this.#idleTimeout) break
      if (session.pinned || session.id === DEFAULT_SESSION) continue
      this.delete(session.id)
    }
    if (this.#sessions.size - 1 < this.#maxSessions) return
    for (const session of this.#sessions.values()) {
      if (session.pinned || session.id === DEFAULT_SESSION) continue
      this.delete(session.id)
      if (this.#sessions.size - 1 < this.#maxSessions) return
    }
  }

  /** Every session's entries in the order the mock saw them. */
  #allJournal(): ClearableJournal {
    const sessions = () => this.all()
    const entries = (): JournalEntry[] => {
      const all = this.all().flatMap((s) => s.journal.ordered())
      all.sort((a, b) => a.order - b.order)
      return all.map((o) => o.entry)
    }
    const view = filteredView(entries)
    return {
      get entries() {
        return view.entries
      },
      get size() {
        let size = 0
        for (const session of sessions()) size += session.journal.size
        return size
      },
      filter: view.filter,
      last: view.last,
      toJSON: view.toJSON,
      clear: (remove) => {
        for (const session of this.all()) session.journal.clear(remove)
      },
      view: (select): JournalView => filteredView(entries, select),
    }
  }
}
