/**
 * How often each loaded fixture (files, config, `loadFixtures`) was served, across every session and
 * surviving `reset()`: what the runners' fixture-usage report is built from.
 * @module
 */
import type { Fixture } from '../fixtures/fixture'

/** One loaded fixture and how many requests it answered. */
export interface FixtureUsage {
  /** The fixture's id: the given `id`, else `<file>#<index>`. */
  id: string
  /** The file it was loaded from, as loaded (relative to the working folder). */
  file: string
  /** Its position in that file's list, from 0. */
  index: number
  /** How many requests it answered (each fallback model tried counts). */
  served: number
}

/**
 * Served counts of persistent fixtures, kept apart from sessions (which are dropped per test). Keyed by
 * the fixture object, weakly: fixtures cleared or reloaded take their counts with them.
 */
export class ServedCounts {
  // Made by the first loaded fixture served: a mock per test answering from on() fixtures never makes it.
  #counts: WeakMap<Fixture, number> | undefined

  /** Called for every fixture picked; counts only loaded (persistent) ones. */
  count(fixture: Fixture): void {
    if (!fixture.persistent) return
    const counts = (this.#counts ??= new WeakMap())
    counts.set(fixture, (counts.get(fixture) ?? 0) + 1)
  }

  of(fixture: Fixture): number {
    return this.#counts?.get(fixture) ?? 0
  }
}

/** The usage of `fixtures` that were loaded from files (run-time ones are never listed). */
export function fixtureUsage(fixtures: Iterable<Fixture>, counts: ServedCounts): FixtureUsage[] {
  const out: FixtureUsage[] = []
  for (const fixture of fixtures) {
    if (!fixture.persistent) continue
    const at = /^(.*)#(\d+)$/.exec(fixture.source)
    if (!at) continue
    out.push({ id: fixture.id, file: at[1]!, index: Number(at[2]), served: counts.of(fixture) })
  }
  return out
}
