/**
 * The request journal: every request the mock saw, what answered it and what was sent back. Bounded (a
 * ring buffer: memory stays flat once the cap is reached), queryable and serialisable.
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
  error?: { message: string; type?: string; code?: string }
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

/** Filter by a partial entry (top-level fields compared with ===) or a function. */
export type JournalFilter =
  | ((entry: JournalEntry) => boolean)
  | (Partial<Pick<JournalEntry, 'method' | 'path' | 'session' | 'surface' | 'provider'>> & {
      status?: number
      matched?: boolean
    })

export const DEFAULT_JOURNAL_LIMIT = 1000

/** A read-only view of journal entries (all of them, or one session's). */
export interface JournalView {
  /** Entries oldest first. */
  readonly entries: JournalEntry[]
  readonly size: number
  filter(filter: JournalFilter): JournalEntry[]
  last(filter?: JournalFilter): JournalEntry | undefined
  toJSON(): JournalEntry[]
}

export class Journal implements JournalView {
  readonly limit: number
  #ring: (JournalEntry | undefined)[]
  #start = 0
  #count = 0
  #nextId = 1

  constructor(limit = DEFAULT_JOURNAL_LIMIT) {
    this.limit = Math.max(1, limit)
    this.#ring = new Array(this.limit)
  }

  nextId(): string {
    return `req_${this.#nextId++}`
  }

  add(entry: JournalEntry): void {
    const slot = (this.#start + this.#count) % this.limit
    this.#ring[slot] = entry
    if (this.#count < this.limit) this.#count++
    else this.#start = (this.#start + 1) % this.limit
  }

  get size(): number {
    return this.#count
  }

  get entries(): JournalEntry[] {
    const out: JournalEntry[] = new Array(this.#count)
    for (let i = 0; i < this.#count; i++) out[i] = this.#ring[(this.#start + i) % this.limit]!
    return out
  }

  filter(filter: JournalFilter): JournalEntry[] {
    return this.entries.filter(toPredicate(filter))
  }

  last(filter?: JournalFilter): JournalEntry | undefined {
    const test = filter ? toPredicate(filter) : () => true
    for (let i = this.#count - 1; i >= 0; i--) {
      const entry = this.#ring[(this.#start + i) % this.limit]!
      if (test(entry)) return entry
    }
    return undefined
  }

  /** Removes entries; with a predicate, only those it selects. */
  clear(remove?: (entry: JournalEntry) => boolean): void {
    if (!remove) {
      this.#ring = new Array(this.limit)
      this.#start = 0
      this.#count = 0
      return
    }
    const kept = this.entries.filter((e) => !remove(e))
    this.clear()
    for (const entry of kept) this.add(entry)
  }

  /** A view of the entries one predicate selects (for example one session's). */
  view(select: (entry: JournalEntry) => boolean): JournalView {
    const all = () => this.filter(select)
    return {
      get entries() {
        return all()
      },
      get size() {
        return all().length
      },
      filter: (filter) => all().filter(toPredicate(filter)),
      last: (filter) => this.last(filter ? (e) => select(e) && toPredicate(filter)(e) : select),
      toJSON: all,
    }
  }

  toJSON(): JournalEntry[] {
    return this.entries
  }
}

function toPredicate(filter: JournalFilter): (entry: JournalEntry) => boolean {
  if (typeof filter === 'function') return filter
  const { status, matched, ...fields } = filter
  const pairs = Object.entries(fields) as [keyof JournalEntry, unknown][]
  return (entry) =>
    pairs.every(([key, value]) => entry[key] === value) &&
    (status === undefined || entry.response.status === status) &&
    (matched === undefined || (entry.fixture !== null) === matched)
}
