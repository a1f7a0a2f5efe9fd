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
  #index = new FixtureIndex()
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
    const existing = this.#byId.get(fixture.id) ?? this.#peers.map((p) => p.get(fixture.id)).find(Boolean)
    if (existing) throw duplicateIdError(fixture, existing)
    const stored = { ...fixture, order: this.#nextOrder++ } as Fixture
    this.#fixtures.push(stored)
    this.#file(stored)
    return stored
  }

  candidates(facts: RequestFacts): Iterable<Fixture> {
    return this.#index.candidates(facts)
  }

  /** Keeps only the fixtures for which `keep` is true, in their order (rebuilds the index). */
  retain(keep: (fixture: Fixture) => boolean): void {
    this.#fixtures = this.#fixtures.filter(keep)
    this.#byId = new Map()
    this.#index = new FixtureIndex()
    this.turnIndexed = 0
    for (const fixture of this.#fixtures) this.#file(fixture)
  }

  #file(fixture: Fixture): void {
    this.#byId.set(fixture.id, fixture)
    this.#index.add(fixture)
    if (fixture.match.turnIndex !== undefined) this.turnIndexed++
  }
}
