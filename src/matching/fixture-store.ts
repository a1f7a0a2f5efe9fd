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
  #fixtures: StoredFixture[] = []
  /**
   * Fixtures by id, but for generated ids not read at registration (`on()#12`: see {@link add}), which
   * are found by position: such a fixture's id is `<source>#<its position>`. Made by the first id kept in
   * it: most fixtures of on() have none, so most stores (a mock's two, a session's) never make it.
   */
  #byId: Map<string, Fixture> | undefined
  /** How many ids in `#byId` have the form of a generated id that is made when read (see {@link add}). */
  #lazyLike = 0
  /** How many fixtures here have a generated id not in `#byId` (made when read). */
  #lazy = 0
  /** How many ids in `#byId` end in `#<position>` (as a file entry's generated id does; see {@link addFromFile}). */
  #hashLike = 0
  /**
   * The files whose entries were added with their ids made when read (see {@link addFromFile}): the
   * position here of each file's entry 0.
   */
  #fileStarts: Map<string, number> | undefined
  /** Made on the first lookup (an empty one was a fifth of a reset and ten `on()` calls: six maps, two bit sets). */
  #matchIndex: FixtureIndex | undefined
  /** How many of the fixtures, from the first, the index holds: it is filled on the first lookup after adds. */
  #indexed = 0
  #nextOrder = 0
  /** How many fixtures use `turnIndex`; when none do, the first content match wins outright. */
  turnIndexed = 0
  /** Stores whose ids this one's must not repeat (the mock's run-time and loaded stores see each other). */
  #peers: FixtureStore[] = NO_PEERS

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
    // A new array each time (not a push onto the shared empty one): a store has one peer or none.
    this.#peers = this.#peers.length === 0 ? [other] : [...this.#peers, other]
    other.#peers = other.#peers.length === 0 ? [this] : [...other.#peers, this]
  }

  /** The fixture with this id, in this store. */
  get(id: string): Fixture | undefined {
    const found = this.#byId?.get(id)
    if (found !== undefined || this.#lazy === 0) return found
    // A generated id not in the map: `<source>#<position>`, the fixture at that position; or
    // `<file>#<index>`, the fixture at the file's start plus the index.
    const hash = id.lastIndexOf('#')
    if (hash < 0) return undefined
    const at = positionOf(id, hash + 1)
    if (at < 0) return undefined
    let fixture = this.#fixtures[at]
    if (fixture !== undefined && fixture.id === id) return fixture
    const starts = this.#fileStarts
    const start = starts === undefined || starts.size === 0 ? undefined : starts.get(id.slice(0, hash))
    fixture = start === undefined ? undefined : this.#fixtures[start + at]
    return fixture !== undefined && fixture.id === id ? fixture : undefined
  }

  /**
   * Adds a fixture, setting its registration order (and its id when none was given), and returns it; an
   * id already used here or in a linked store is a FixtureError. The match index takes it on the next
   * lookup (see {@link candidates}).
   *
   * A generated id of `on()`, `add()` or the control API, in a store without a scope (a mock's), is made
   * when first read and kept out of `#byId`: no string and no map entry per fixture. It is
   * `<source>#<position>`, unique in this store (positions are; `retain` puts the ids of the fixtures it
   * moves in `#byId`), and checked against the other stores here without the string: only an id of that
   * form in a map, or a fixture of the same source at the same position, could equal it.
   */
  add(fixture: StoredFixture): Fixture {
    const at = this.#fixtures.length
    if (fixture.needsId) {
      const source = fixture.source
      if (this.scope === '' && LAZY_SOURCES.includes(source) && !this.#mayHold(source, at)) {
        fixture.setLazyId(at)
        this.#lazy++
        return this.#push(fixture)
      }
      fixture.setGeneratedId((source.includes('#') ? source : `${source}#${at}`) + this.scope)
    }
    const id = fixture.id
    let existing = this.get(id)
    for (let i = 0; existing === undefined && i < this.#peers.length; i++) existing = this.#peers[i]!.get(id)
    if (existing) throw duplicateIdError(fixture, existing)
    this.#index(fixture)
    return this.#push(fixture)
  }

  /**
   * Adds the entry at `index` of a file, a fixture made with the file as its source (see {@link add}). Its
   * generated id and source, `<file>#<index>`, are made when read while nothing here or in a linked store
   * can equal them (no id in a map ends in `#<position>`, and the file's entries sit in one run, the
   * first made so at `#fileStarts`): at 100,000 entries, a string and a map entry fewer each. Else as
   * {@link add}.
   */
  addFromFile(fixture: StoredFixture, file: string, index: number): Fixture {
    const at = this.#fixtures.length
    if (fixture.needsId && this.scope === '' && this.#fileRun(file, index, at)) {
      const starts = (this.#fileStarts ??= new Map())
      if (!starts.has(file)) starts.set(file, at - index)
      fixture.setFileId(index)
      this.#lazy++
      return this.#push(fixture)
    }
    fixture.source = `${file}#${index}`
    return this.add(fixture)
  }

  /** True when the id of entry `index` of `file`, added at `at`, can be made when read (see addFromFile). */
  #fileRun(file: string, index: number, at: number): boolean {
    if (this.#hashLike > 0 || LAZY_SOURCES.includes(file)) return false
    // A run of this file started here: this entry continues it (else the file is loaded again).
    const start = this.#fileStarts?.get(file)
    if (start !== undefined) return start === at - index
    // A run starts (the entries before it, if any, have given ids that end in no position).
    const peers = this.#peers
    for (let i = 0; i < peers.length; i++) {
      const peer = peers[i]!
      if (peer.#hashLike > 0 || peer.#fileStarts?.has(file)) return false
    }
    return true
  }

  #push(fixture: StoredFixture): Fixture {
    fixture.order = this.#nextOrder++
    this.#fixtures.push(fixture)
    if (hasTurnIndex(fixture)) this.turnIndexed++
    return fixture
  }

  /** Puts the fixture's id in `#byId` (and counts it when it has the form of a generated one). */
  #index(fixture: Fixture): void {
    const id = fixture.id
    ;(this.#byId ??= new Map()).set(id, fixture)
    const hash = id.lastIndexOf('#')
    if (hash >= 0 && positionOf(id, hash + 1) >= 0) {
      this.#hashLike++
      if (lazyLike(id)) this.#lazyLike++
    }
  }

  /** True when this store or a linked one may hold the id `<source>#<at>` (false: it surely does not). */
  #mayHold(source: string, at: number): boolean {
    if (this.#lazyLike > 0) return true
    const peers = this.#peers
    for (let i = 0; i < peers.length; i++) {
      const peer = peers[i]!
      if (peer.#lazyLike > 0 || (at < peer.#fixtures.length && peer.#fixtures[at]!.source === source))
        return true
    }
    return false
  }

  /**
   * The fixtures that can match a request, in registration order. Fixtures added since the last lookup are
   * filed first, in one pass: registering (100,000 `on()` calls, a reset and ten fixtures per test) does not
   * pay for an index no request has read yet.
   */
  candidates(facts: RequestFacts): Iterable<StoredFixture> {
    const fixtures = this.#fixtures
    // A few fixtures (a test's own, made fresh per test) are all tried: filing them costs more than the
    // index saves until a store has been asked dozens of times (~4 µs a fixture against ~0.1 µs a check).
    if (fixtures.length <= SCAN_MAX) return fixtures
    if (this.#matchIndex === undefined || this.#indexed < fixtures.length) this.#fileNew()
    return this.#matchIndex!.candidates(facts)
  }

  /** Keeps only the fixtures for which `keep` is true, in their order (the index is rebuilt on next lookup). */
  retain(keep: (fixture: Fixture) => boolean): void {
    const kept = this.#fixtures.filter(keep)
    // Nothing dropped: the index holds exactly these already (a reset of an empty store costs nothing).
    if (kept.length === this.#fixtures.length) return
    this.#fixtures = kept
    // An empty map is kept (most fixtures of on() have no entry in it): a reset per test made one.
    if (this.#byId !== undefined && this.#byId.size > 0) this.#byId = undefined
    this.#lazyLike = 0
    this.#hashLike = 0
    this.#fileStarts = undefined
    this.#lazy = 0
    this.#matchIndex = undefined
    this.#indexed = 0
    this.turnIndexed = 0
    // Fixtures kept move to new positions: every id goes in the map (a generated one is made now).
    for (const fixture of this.#fixtures) {
      this.#index(fixture)
      if (hasTurnIndex(fixture)) this.turnIndexed++
    }
  }

  #fileNew(): void {
    const fixtures = this.#fixtures
    const index = (this.#matchIndex ??= new FixtureIndex())
    index.reserve(fixtures, this.#indexed)
    for (let i = this.#indexed; i < fixtures.length; i++) {
      const fixture = fixtures[i]!
      index.add(fixture, fixture.loneText)
    }
    this.#indexed = fixtures.length
  }
}

/** The peers of a store linked to none (never pushed onto: link() makes a new array). */
// Frozen: a push onto it by mistake throws instead of linking every store.
const NO_PEERS = Object.freeze([]) as unknown as FixtureStore[]
/** Stores of at most this many fixtures are searched in order, with no index (see {@link candidates}). */
export const SCAN_MAX = 32

/** Whether a fixture uses `turnIndex`, without making the match of a lone userMessage (which has none). */
function hasTurnIndex(fixture: StoredFixture): boolean {
  return fixture.loneText === undefined && fixture.match.turnIndex !== undefined
}

/** The sources whose generated ids are made when read (see FixtureStore.add). */
const LAZY_SOURCES: readonly string[] = ['on()', 'add()', 'control API']

/** True when `id` is `<one of LAZY_SOURCES>#<position>`. */
function lazyLike(id: string): boolean {
  const hash = id.lastIndexOf('#')
  if (hash !== 4 && hash !== 5 && hash !== 11) return false
  return LAZY_SOURCES.includes(id.slice(0, hash)) && positionOf(id, hash + 1) >= 0
}

/** The number `id` ends with from `start` (digits only, no leading zero), else -1. */
function positionOf(id: string, start: number): number {
  const end = id.length
  if (start >= end || end - start > 15) return -1
  if (id.charCodeAt(start) === 48 && end - start > 1) return -1
  let n = 0
  for (let i = start; i < end; i++) {
    const c = id.charCodeAt(i) - 48
    if (c < 0 || c > 9) return -1
    n = n * 10 + c
  }
  return n
}
