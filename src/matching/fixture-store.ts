/**
 * An ordered, indexed set of fixtures. A mock has two, searched in this order: its run-time fixtures
 * (`on()`, `add()`, the control API) and its loaded ones (files, config, `loadFixtures()`, recordings);
 * each session has its own, searched before both.
 * @module
 */
import { duplicateIdError } from '../fixtures/duplicate-ids'
import type { Fixture, StoredFixture } from '../fixtures/fixture'
import type { RequestFacts } from './facts'
import { FixtureIndex } from './fixture-index'

export class FixtureStore {
  #fixtures: Fixture[] = []
  #byId = new Map<string, Fixture>()
  /** Made on the first lookup (an empty one was a fifth of a reset and ten `on()` calls: six maps, two bit sets). */
  #index: FixtureIndex | undefined
  /** How many of the fixtures, from the first, the index holds: it is filled on the first lookup after adds. */
  #indexed = 0
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
   * Adds a fixture, setting its registration order, and returns it; an id already used here or in a linked
   * store is a FixtureError. The match index takes it on the next lookup (see {@link candidates}).
   */
  add(fixture: StoredFixture): Fixture {
    let existing = this.#byId.get(fixture.id)
    for (let i = 0; existing === undefined && i < this.#peers.length; i++)
      existing = this.#peers[i]!.get(fixture.id)
    if (existing) throw duplicateIdError(fixture, existing)
    fixture.order = this.#nextOrder++
    this.#fixtures.push(fixture)
    this.#byId.set(fixture.id, fixture)
    if (fixture.match.turnIndex !== undefined) this.turnIndexed++
    return fixture
  }

  /**
   * The fixtures that can match a request, in registration order. Fixtures added since the last lookup are
   * filed first, in one pass: registering (100,000 `on()` calls, a reset and ten fixtures per test) does not
   * pay for an index no request has read yet.
   */
  candidates(facts: RequestFacts): Iterable<Fixture> {
    if (this.#fixtures.length === 0) return NO_FIXTURES
    if (this.#index === undefined || this.#indexed < this.#fixtures.length) this.#fileNew()
    return this.#index!.candidates(facts)
  }

  /** Keeps only the fixtures for which `keep` is true, in their order (the index is rebuilt on next lookup). */
  retain(keep: (fixture: Fixture) => boolean): void {
    const kept = this.#fixtures.filter(keep)
    // Nothing dropped: the index holds exactly these already (a reset of an empty store costs nothing).
    if (kept.length === this.#fixtures.length) return
    this.#fixtures = kept
    this.#byId = new Map()
    this.#index = undefined
    this.#indexed = 0
    this.turnIndexed = 0
    for (const fixture of this.#fixtures) {
      this.#byId.set(fixture.id, fixture)
      if (fixture.match.turnIndex !== undefined) this.turnIndexed++
    }
  }

  #fileNew(): void {
    const fixtures = this.#fixtures
    const index = (this.#index ??= new FixtureIndex())
    index.reserve(fixtures.length - this.#indexed)
    for (let i = this.#indexed; i < fixtures.length; i++) index.add(fixtures[i]!)
    this.#indexed = fixtures.length
  }
}

const NO_FIXTURES: readonly Fixture[] = []
