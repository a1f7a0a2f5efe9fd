/**
 * The request journal: every request the mock saw, what answered it and what was sent back. One journal per
 * session, bounded in entries and bytes within a budget all sessions share; queryable and serialisable.
 * @module
 */
import type { JournaledRequest, ToolCall } from '../canonical'
import type { NoMatchDiagnostic } from '../matching/diagnose'

export interface JournalResponse {
  status: number
  stream: boolean
  text?: string
  reasoning?: string
  toolCalls?: ToolCall[]
  vectors?: number
  /** A service's answer: how many search results, pages, ranked documents or moderation verdicts. */
  results?: number
  error?: { message: string; type?: string; code?: string }
  /** Set when record mode forwarded the request: where to, and what was written (or why not). */
  upstream?: UpstreamNote
  /** What chaos did to this request (`status` is what was sent: 0 when nothing was). */
  chaos?: 'drop' | 'malformed' | 'disconnect' | 'truncate'
  /** Set when a `rateLimits` quota refused the request before any fixture was selected: the quota spent. */
  rateLimited?: 'requests' | 'tokens'
}

/** What record mode did with a miss (see `src/record/`). */
export interface UpstreamNote {
  /** The mode that forwarded it: `missing`, `all` or `live`. */
  mode: string
  /** The upstream URL, credentials redacted. */
  url: string
  /** The upstream's status (0 when it could not be reached). */
  status: number
  /** The recording file written, relative to the working folder. */
  file?: string
  /** Why nothing was written, when something should have been. */
  error?: string
}

export interface JournalEntry {
  /** Sequential id, `req_1`, `req_2`, ... per mock. */
  id: string
  /** Milliseconds since the epoch. */
  time: number
  method: string
  /** Path and query, after any `/_s/<session>` prefix. */
  path: string
  session: string
  /** The surface that decoded the request (`openai.chat`), or null for control and unknown routes. */
  surface: string | null
  provider: string | null
  headers: Record<string, string>
  /** The raw request body (cut at the body cap; see `bodyTruncated`). */
  body: string
  bodyTruncated?: boolean
  request: JournaledRequest | null
  fixture: { id: string; source: string } | null
  miss?: NoMatchDiagnostic
  response: JournalResponse
  durationMs: number
}

/**
 * What a journal holds of one request: its entry, or the function that builds it, called once on the first
 * read (issue 15: most tests never read most entries). Either way the reader sees the same entry.
 */
export type JournalSlot = JournalEntry | (() => JournalEntry)

/** Filter by a partial entry (top-level fields compared with ===) or a function. */
export type JournalFilter =
  | ((entry: JournalEntry) => boolean)
  | (Partial<Pick<JournalEntry, 'method' | 'path' | 'session' | 'surface' | 'provider'>> & {
      status?: number
      matched?: boolean
    })

/** Entries kept per session (the oldest go first). */
export const DEFAULT_JOURNAL_LIMIT = 1000
/** Bytes kept per session's journal. */
export const DEFAULT_JOURNAL_BYTES = 16 * 1024 * 1024
/** Bytes kept by all sessions' journals together. */
export const DEFAULT_JOURNAL_BUDGET = 64 * 1024 * 1024

/** A read-only view of journal entries (all of them, or one session's). */
export interface JournalView {
  /** Entries oldest first. */
  readonly entries: JournalEntry[]
  readonly size: number
  filter(filter: JournalFilter): JournalEntry[]
  last(filter?: JournalFilter): JournalEntry | undefined
  toJSON(): JournalEntry[]
}

/** A journal that can be cleared: the mock's (every session) and each session's. */
export interface ClearableJournal extends JournalView {
  /** Removes entries; with a predicate, only those it selects. */
  clear(remove?: (entry: JournalEntry) => boolean): void
  /** A view of the entries one predicate selects. */
  view(select: (entry: JournalEntry) => boolean): JournalView
}

export interface JournalLimits {
  /** Entries kept (default 1000). */
  entries: number
  /** Bytes kept (default 16 MiB). */
  bytes: number
}

/**
 * The bytes all journals may keep together (the session registry keeps the count). When the sum passes its
 * limit, the journal holding the most gives up its oldest entries (see {@link settleBudget}).
 */
export interface JournalBudget {
  /** Bytes the journals hold together. */
  used: number
  /** Called after a journal grew: evicts until the sum fits again. */
  settle(): void
}

/**
 * Evicts from the largest of `journals` until `budget` fits its `limit`: a session with a few entries keeps
 * them while another floods the server.
 */
export function settleBudget(budget: JournalBudget, limit: number, journals: () => Iterable<Journal>): void {
  while (budget.used > limit) {
    let largest: Journal | undefined
    for (const journal of journals()) if (!largest || journal.bytes > largest.bytes) largest = journal
    if (!largest || largest.size === 0) return
    largest.dropOldest()
  }
}

/** The limits of a journal given none: shared by every such journal (a session per test, issue 15). */
const DEFAULT_LIMITS: JournalLimits = Object.freeze({
  entries: DEFAULT_JOURNAL_LIMIT,
  bytes: DEFAULT_JOURNAL_BYTES,
})

/** Limits with the defaults for what is not given, each at least 1. */
export function journalLimits(limits: Partial<JournalLimits> = {}): JournalLimits {
  if (limits.entries === undefined && limits.bytes === undefined) return DEFAULT_LIMITS
  return {
    entries: Math.max(1, limits.entries ?? DEFAULT_JOURNAL_LIMIT),
    bytes: Math.max(1, limits.bytes ?? DEFAULT_JOURNAL_BYTES),
  }
}

/**
 * Told when a journal is cleared: `removed` holds the ids a predicate took out, or is undefined when the
 * whole journal went (a reset). Bounded eviction of the oldest entries is not a clear.
 */
export type JournalClearListener = (removed: string[] | undefined) => void

/** One session's journal: bounded in entries and in bytes, within a shared budget. */
export class Journal implements ClearableJournal {
  readonly limits: JournalLimits
  /** Something was added since the last full clear (so a reset of an empty journal says nothing). */
  #dirty = false
  /** Entries, each built on first read (see {@link JournalSlot}). */
  #entries: JournalSlot[] = []
  #sizes: number[] = []
  #order: number[] = []
  #head = 0
  #bytes = 0

  /** `limits` as {@link journalLimits} resolves them (the session registry resolves them once for all). */
  constructor(
    limits: Partial<JournalLimits> = DEFAULT_LIMITS,
    private readonly budget?: JournalBudget,
    private readonly onClear?: JournalClearListener,
  ) {
    this.limits = limits === DEFAULT_LIMITS ? DEFAULT_LIMITS : journalLimits(limits)
  }

  get bytes(): number {
    return this.#bytes
  }

  /** Adds an entry of about `bytes` bytes; `order` sorts entries across journals (the mock's counter). */
  add(entry: JournalSlot, bytes: number, order: number): void {
    this.#dirty = true
    this.#entries.push(entry)
    this.#sizes.push(bytes)
    this.#order.push(order)
    this.#bytes += bytes
    if (this.budget) this.budget.used += bytes
    while (this.size > this.limits.entries || (this.#bytes > this.limits.bytes && this.size > 1))
      this.dropOldest()
    this.budget?.settle()
  }

  dropOldest(): void {
    if (this.size === 0) return
    const bytes = this.#sizes[this.#head]!
    this.#bytes -= bytes
    if (this.budget) this.budget.used -= bytes
    this.#head++
    // Compact now and then, so dropping stays O(1) amortised and the arrays do not grow without end.
    if (this.#head > 64 && this.#head * 2 > this.#entries.length) this.#compact()
  }

  get size(): number {
    return this.#entries.length - this.#head
  }

  get entries(): JournalEntry[] {
    const out = this.#entries.slice(this.#head)
    for (let i = 0; i < out.length; i++)
      if (typeof out[i] === 'function') out[i] = this.#entry(this.#head + i)
    return out as JournalEntry[]
  }

  /** The entry at `i`, built now if it was not yet (and kept built). */
  #entry(i: number): JournalEntry {
    const slot = this.#entries[i]!
    return typeof slot === 'function' ? (this.#entries[i] = slot()) : slot
  }

  /** Entries with their order, for views that merge several journals. */
  ordered(): { order: number; entry: JournalEntry }[] {
    const out = new Array(this.size)
    for (let i = this.#head; i < this.#entries.length; i++)
      out[i - this.#head] = { order: this.#order[i]!, entry: this.#entry(i) }
    return out
  }

  filter(filter: JournalFilter): JournalEntry[] {
    return this.entries.filter(toPredicate(filter))
  }

  last(filter?: JournalFilter): JournalEntry | undefined {
    const test = filter ? toPredicate(filter) : () => true
    for (let i = this.#entries.length - 1; i >= this.#head; i--) {
      const entry = this.#entry(i)
      if (test(entry)) return entry
    }
    return undefined
  }

  clear(remove?: (entry: JournalEntry) => boolean): void {
    // Nothing journaled since the last clear (most resets): nothing to copy or give back.
    if (this.#entries.length === 0 && !this.#dirty) return
    const keep = remove ? (i: number) => !remove(this.#entry(i)) : () => false
    const entries: JournalSlot[] = []
    const sizes: number[] = []
    const order: number[] = []
    const removed: string[] = []
    let bytes = 0
    for (let i = this.#head; i < this.#entries.length; i++) {
      if (!keep(i)) {
        if (remove) removed.push(this.#entry(i).id)
        continue
      }
      entries.push(this.#entries[i]!)
      sizes.push(this.#sizes[i]!)
      order.push(this.#order[i]!)
      bytes += this.#sizes[i]!
    }
    if (this.budget) this.budget.used -= this.#bytes - bytes
    this.#entries = entries
    this.#sizes = sizes
    this.#order = order
    this.#head = 0
    this.#bytes = bytes
    if (remove) {
      if (removed.length > 0) this.onClear?.(removed)
    } else if (this.#dirty) {
      this.#dirty = false
      this.onClear?.(undefined)
    }
  }

  /** Gives the journal's bytes back to the budget (the session is gone). */
  dispose(): void {
    this.clear()
  }

  view(select: (entry: JournalEntry) => boolean): JournalView {
    return filteredView(() => this.entries, select)
  }

  toJSON(): JournalEntry[] {
    return this.entries
  }

  #compact(): void {
    this.#entries = this.#entries.slice(this.#head)
    this.#sizes = this.#sizes.slice(this.#head)
    this.#order = this.#order.slice(this.#head)
    this.#head = 0
  }
}

/** A read-only view over entries a function lists, narrowed by `select`. */
export function filteredView(
  list: () => JournalEntry[],
  select: (entry: JournalEntry) => boolean = () => true,
): JournalView {
  const all = () => list().filter(select)
  return {
    get entries() {
      return all()
    },
    get size() {
      return all().length
    },
    filter: (filter) => all().filter(toPredicate(filter)),
    last: (filter) => {
      const entries = all()
      const test = filter ? toPredicate(filter) : () => true
      for (let i = entries.length - 1; i >= 0; i--) if (test(entries[i]!)) return entries[i]
      return undefined
    },
    toJSON: all,
  }
}

export function toPredicate(filter: JournalFilter): (entry: JournalEntry) => boolean {
  if (typeof filter === 'function') return filter
  const { status, matched, ...fields } = filter
  const pairs = Object.entries(fields) as [keyof JournalEntry, unknown][]
  return (entry) =>
    pairs.every(([key, value]) => entry[key] === value) &&
    (status === undefined || entry.response.status === status) &&
    (matched === undefined || (entry.fixture !== null) === matched)
}
