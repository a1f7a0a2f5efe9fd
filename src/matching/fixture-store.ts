/**
 * An ordered, indexed set of fixtures. A mock has two, searched in this order: its run-time fixtures
 * (`on()`, `add()`, the control API) and its loaded ones (files, config, `loadFixtures()`, recordings);
 * each session has its own, searched before both.
 * @module
 */
import { duplicateIdError } from '../fixtures/duplicate-ids'
import type { Fixture } from '../fixtures/fixture'
import type { RequestFacts } from './facts'
import { FixtureIndex } from './fixture-index'

export class FixtureStore {
  #fixtures: Fixture[] = []
  #byId = new Map<string, Fixture>()
  /** Made with the first fixture: most stores (a session's, the loaded one) stay empty. */
  #index: FixtureIndex | undefined
  #nextOrder = 0
  /** How many fixtures use `turnIndex`; when none do, the first content match wins outright. */
  turnIndexed = 0
  /** Stores whose ids this one's must not repeat (the mock's run-time and loaded stores see each other). */
  #peers: FixtureStore[] = []

  /**
   * @param scope Appended to generated fixture ids (`on()#0@alice`), so ids stay unique across sessions.
   */
  constructor(readonly scope = '') {}

  get fixtures(): readonly Fixture[] {
    return this.#fixtures
  }

  get size(): number {
    return this.#fixtures.length
  }

  /** Makes ids unique across this store and `other` (both ways). */
  link(other: FixtureStore): void {
    this.#peers.push(other)
    other.#peers.push(this)
  }

  /** The fixture with this id, in this store. */
  get(id: string): Fixture | undefined {
    return this.#byId.get(id)
  }

  /**
   * Adds a fixture and returns it with its registration order set; an id already used here or in a linked
   * store is a FixtureError.
   */
  add(fixture: Omit<Fixture, 'order'>): Fixture {
    let existing = this.#byId.get(fixture.id)
    for (let i = 0; existing === undefined && i < this.#peers.length; i++)
      existing = this.#peers[i]!.get(fixture.id)
    if (existing) throw duplicateIdError(fixture, existing)
    // Written out rather than spread: `{ ...fixture, order }` gave every stored fixture a hidden class of
    // its own (~380 bytes each, and most of the time spent here at 100,000 fixtures).
    const stored: Fixture = {
      id: fixture.id,
      source: fixture.source,
      order: this.#nextOrder++,
      kind: fixture.kind,
      match: fixture.match,
      matchSpec: fixture.matchSpec,
      response: fixture.response,
      opts: fixture.opts,
      sequenceGroup: fixture.sequenceGroup,
      persistent: fixture.persistent,
    }
    this.#fixtures.push(stored)
    this.#file(stored)
    return stored
  }

  candidates(facts: RequestFacts): Iterable<Fixture> {
    return this.#index?.candidates(facts) ?? NO_FIXTURES
  }

  /** Keeps only the fixtures for which `keep` is true, in their order (rebuilds the index). */
  retain(keep: (fixture: Fixture) => boolean): void {
    const kept = this.#fixtures.filter(keep)
    // Nothing dropped: the index holds exactly these already (a reset of an empty store costs nothing).
    if (kept.length === this.#fixtures.length) return
    this.#fixtures = kept
    this.#byId = new Map()
    this.#index = undefined
    this.turnIndexed = 0
    for (const fixture of this.#fixtures) this.#file(fixture)
  }

  #file(fixture: Fixture): void {
    this.#byId.set(fixture.id, fixture)
    ;(this.#index ??= new FixtureIndex()).add(fixture)
    if (fixture.match.turnIndex !== undefined) this.turnIndexed++
  }
}

const NO_FIXTURES: readonly Fixture[] = []
