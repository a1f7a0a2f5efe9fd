/**
 * An ordered, indexed set of fixtures: the shared one (files, `on()`) and one per session.
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

  /** Adds a fixture and returns it with its registration order set; a duplicate id is a FixtureError. */
  add(fixture: Omit<Fixture, 'order'>): Fixture {
    const existing = this.#byId.get(fixture.id)
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
