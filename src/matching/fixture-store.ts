/**
 * An ordered, indexed set of fixtures: the shared one (files, `on()`) and one per session.
 * @module
 */
import type { Fixture } from '../fixtures/fixture'
import type { RequestFacts } from './facts'
import { FixtureIndex } from './fixture-index'

export class FixtureStore {
  #fixtures: Fixture[] = []
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

  /** Adds a fixture and returns it with its registration order set. */
  add(fixture: Omit<Fixture, 'order'>): Fixture {
    const stored = { ...fixture, order: this.#nextOrder++ } as Fixture
    this.#fixtures.push(stored)
    this.#index.add(stored)
    if (stored.match.turnIndex !== undefined) this.turnIndexed++
    return stored
  }

  candidates(facts: RequestFacts): Iterable<Fixture> {
    return this.#index.candidates(facts)
  }

  /** Keeps only the fixtures for which `keep` is true, in their order (rebuilds the index). */
  retain(keep: (fixture: Fixture) => boolean): void {
    const kept = this.#fixtures.filter(keep)
    this.#fixtures = []
    this.#index = new FixtureIndex()
    this.turnIndexed = 0
    for (const fixture of kept) {
      this.#fixtures.push(fixture)
      this.#index.add(fixture)
      if (fixture.match.turnIndex !== undefined) this.turnIndexed++
    }
  }
}
