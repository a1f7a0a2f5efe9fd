/**
 * Fixture selection: first match wins in registration order, gated by `sequenceIndex` and disambiguated by
 * `turnIndex` as the seed documents it.
 * @module
 */
import { sequenceText, type Fixture, type StoredFixture } from '../fixtures/fixture'
import type { RequestFacts } from './facts'
import type { FixtureStore } from './fixture-store'
import { loopingResult } from './loop-guard'
import { checksFor, type FieldCheck } from './predicates'

/**
 * Per-session match state: how many requests each sequence group (see `sequenceGroup`) has answered. A
 * group whose only criterion is a string `userMessage` (most fixtures) is counted by that text, so serving
 * such a fixture makes no JSON group string (the first request of a mock per test, issue 15).
 */
export class MatchState {
  #byText: Map<string, number> | undefined
  #byGroup: Map<string, number> | undefined

  record(fixture: Fixture): void {
    const text = sequenceText(fixture)
    if (text !== undefined) {
      const byText = (this.#byText ??= new Map())
      byText.set(text, (byText.get(text) ?? 0) + 1)
    } else {
      const byGroup = (this.#byGroup ??= new Map())
      const group = fixture.sequenceGroup
      byGroup.set(group, (byGroup.get(group) ?? 0) + 1)
    }
  }

  /** Requests answered so far by the fixtures of this fixture's sequence group. */
  answered(fixture: Fixture): number {
    const text = sequenceText(fixture)
    return (text !== undefined ? this.#byText?.get(text) : this.#byGroup?.get(fixture.sequenceGroup)) ?? 0
  }

  /** True when no request was answered (a reset need not replace it). */
  get untouched(): boolean {
    return this.#byText === undefined && this.#byGroup === undefined
  }
}

export interface Selection {
  fixture: Fixture | undefined
  /** Fixtures whose content matched but whose sequence position had passed. */
  skippedBySequence: number
}

const checkCache = new WeakMap<Fixture, FieldCheck[]>()

export function fixtureChecks(fixture: Fixture): FieldCheck[] {
  let checks = checkCache.get(fixture)
  if (!checks) {
    checks = checksFor(fixture.match)
    checkCache.set(fixture, checks)
  }
  return checks
}

export function kindFits(fixture: Fixture, facts: RequestFacts): boolean {
  if (fixture.kind === 'any') return facts.kind === 'chat' || facts.kind === 'embedding'
  return fixture.kind === facts.kind
}

/**
 * A lone string userMessage (most fixtures) is tested as its text, as its one check would: its match and
 * check list are not made (a test's fixtures are new per test, so each would be made for one request).
 */
export function contentMatches(fixture: StoredFixture, facts: RequestFacts): boolean {
  if (!kindFits(fixture, facts)) return false
  const lone = fixture.loneText
  if (lone !== undefined) {
    const text = facts.lastUserText
    if (text === undefined || !text.includes(lone)) return false
  } else {
    for (const check of fixtureChecks(fixture)) if (!check.test(fixture.match, facts)) return false
  }
  return loopingResult(fixture, facts) === undefined
}

/** Selects the fixture that answers a request from stores searched in order (a session's own first). */
export function selectFixture(stores: FixtureStore[], facts: RequestFacts, state: MatchState): Selection {
  let skippedBySequence = 0
  for (const store of stores) {
    // Gathered only in a store with scripted turns; elsewhere the first match wins.
    let matches: Fixture[] | undefined
    for (const fixture of store.candidates(facts)) {
      if (!contentMatches(fixture, facts)) continue
      // A lone userMessage has no sequenceIndex (read without making its match).
      const position = fixture.loneText === undefined ? fixture.match.sequenceIndex : undefined
      if (position !== undefined && state.answered(fixture) !== position) {
        skippedBySequence++
        continue
      }
      if (store.turnIndexed === 0) return { fixture, skippedBySequence }
      ;(matches ??= []).push(fixture)
    }
    if (matches === undefined) continue
    const chosen = byTurn(matches, facts.assistantCount)
    if (chosen) return { fixture: chosen, skippedBySequence }
  }
  return { fixture: undefined, skippedBySequence }
}

/**
 * Among content matches: the highest `turnIndex` not past the conversation wins, except that at the exact
 * turn an earlier plain fixture keeps first-match-wins; when every scripted turn is ahead, the first plain
 * fixture wins, else the lowest scripted turn.
 */
function byTurn(matches: Fixture[], assistantCount: number): Fixture | undefined {
  let best: Fixture | undefined
  let firstPlain: Fixture | undefined
  let lowest: Fixture | undefined
  for (const f of matches) {
    const turn = f.match.turnIndex
    if (turn === undefined) {
      firstPlain ??= f
      continue
    }
    if (turn <= assistantCount && (best === undefined || turn > best.match.turnIndex!)) best = f
    if (lowest === undefined || turn < lowest.match.turnIndex!) lowest = f
  }
  if (best) {
    if (best.match.turnIndex === assistantCount && firstPlain && firstPlain.order < best.order)
      return firstPlain
    return best
  }
  return firstPlain ?? lowest
}
