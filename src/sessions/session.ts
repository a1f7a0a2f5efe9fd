/**
 * A session: everything one test (or worker, or client) owns on a shared mock. Its run-time fixtures
 * (searched before the shared ones), match state, journal and the state protocols keep for it (stored
 * Responses, A2A tasks, MCP sessions). Nothing here is visible to another session.
 * @module
 */
import {
  Journal,
  type JournalBudget,
  type JournalClearListener,
  type JournalLimits,
} from '../journal/journal'
import { FixtureStore } from '../matching/fixture-store'
import { MatchState } from '../matching/select'

export class Session {
  // Made on first use: the default session's requests search the mock's stores, never this one.
  #store: FixtureStore | undefined
  state = new MatchState()
  readonly journal: Journal
  /** Per-provider state (see DecodeContext.memory): stored Responses, A2A tasks, MCP sessions. */
  // Made on first use: most sessions never serve a stateful protocol.
  #memory: Map<string, Map<string, unknown>> | undefined
  /** Last request or handle use (ms since the epoch), for idle expiry. */
  lastUsed = Date.now()
  /** Held by a handle in code (`mock.session()`): kept until the handle closes it, never expired. */
  pinned = false

  /** The journal's limits, budget and clear listener positionally: no object of them per session. */
  constructor(
    readonly id: string,
    limits?: Partial<JournalLimits>,
    budget?: JournalBudget,
    onClear?: JournalClearListener,
  ) {
    this.journal = new Journal(limits, budget, onClear)
  }

  /** This session's own fixtures (searched before the mock's). */
  get store(): FixtureStore {
    return (this.#store ??= new FixtureStore(`@${this.id}`))
  }

  memory(provider: string): Map<string, unknown> {
    const memories = (this.#memory ??= new Map<string, Map<string, unknown>>())
    let memory = memories.get(provider)
    if (!memory) {
      memory = new Map()
      memories.set(provider, memory)
    }
    return memory
  }

  /** Forgets run-time fixtures (recordings stay), match state, journal and protocol state. */
  reset(): void {
    this.#store?.retain((fixture) => fixture.persistent)
    // A new state, not a cleared one; an untouched one is already as new (reset is per test: keep it cheap).
    if (!this.state.untouched) this.state = new MatchState()
    this.journal.clear()
    this.#memory?.clear()
  }

  /** Gives everything back (the journal's bytes to the shared budget). */
  dispose(): void {
    this.reset()
    this.#store?.retain(() => false)
    this.journal.dispose()
  }
}
