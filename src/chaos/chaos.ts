/**
 * The engine's chaos: the server-level rates, and one decision per request drawn from its session's own
 * random stream. With a seed the stream is derived from the seed and the session id, so a session's
 * decisions are the same in every run and do not depend on other sessions' requests.
 * @module
 */
import { seededRandom } from '../core/ids'
import type { Session } from '../sessions/session'
import { checkRates, decide, mergeRates, type ChaosAction, type ChaosRates } from './rates'

/** Where a session keeps its chaos state (its memory is cleared with the session). */
const MEMORY = 'standin.chaos'

interface SessionChaos {
  random: () => number
  rates?: ChaosRates
}

export class Chaos {
  #rates: ChaosRates | undefined
  // Made by the first action, or the first read: most mocks never meet chaos (issue 15, a mock per test).
  #counts: { drop: number; malformed: number; disconnect: number } | undefined
  /** Set once any session is given rates (never cleared: it only turns the fast path in decide off). */
  #sessionRates = false

  constructor(
    rates: ChaosRates | undefined,
    readonly seed: string | number | undefined,
  ) {
    // Most mocks have no rates: #rates is undefined already.
    if (rates !== undefined) this.set(rates)
  }

  /** How many requests each action hit, since the mock was created. */
  get counts(): { drop: number; malformed: number; disconnect: number } {
    return (this.#counts ??= { drop: 0, malformed: 0, disconnect: 0 })
  }

  /** Server-level rates (undefined: none). */
  get rates(): ChaosRates | undefined {
    return this.#rates
  }

  set(rates: ChaosRates | undefined): void {
    this.#rates = rates === undefined ? undefined : { ...checkRates(rates, 'chaos') }
  }

  /** Rates for one session's requests, between the server's and a fixture's. */
  setForSession(session: Session, rates: ChaosRates | undefined): void {
    if (rates !== undefined) this.#sessionRates = true
    this.#state(session).rates = rates === undefined ? undefined : { ...checkRates(rates, 'session chaos') }
  }

  /**
   * One decision, with the rates of the request's headers and the fixture's: every request served draws
   * exactly one number from its session's stream (whether or not any rate is set), so the n-th request of a
   * session always gets the n-th number. Positional: one call per request, no object for its input.
   */
  decide(session: Session, request?: ChaosRates, fixture?: ChaosRates): ChaosAction | undefined {
    // Unseeded, a draw is Math.random's and nobody can replay it: with no rate anywhere (the usual request),
    // the session's chaos state is neither made nor read.
    if (this.seed === undefined && !this.#sessionRates && !this.#rates && !request && !fixture)
      return undefined
    const state = this.#state(session)
    const u = state.random()
    // No rate at any level (the usual case): no action, without merging four levels per request.
    if (!request && !fixture && !state.rates && !this.#rates) return undefined
    const action = decide(mergeRates([request, fixture, state.rates, this.#rates]), u)
    if (action === 'drop' || action === 'malformed' || action === 'disconnect') this.counts[action]++
    return action
  }

  #state(session: Session): SessionChaos {
    const memory = session.memory(MEMORY)
    let state = memory.get('state') as SessionChaos | undefined
    if (!state) {
      const random =
        this.seed === undefined ? Math.random : seededRandom(`${this.seed}\u0000chaos\u0000${session.id}`)
      state = { random }
      memory.set('state', state)
    }
    return state
  }
}
