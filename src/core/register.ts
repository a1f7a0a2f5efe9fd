/**
 * Turning validated entries (from files, code or the control API) into stored fixtures.
 * @module
 */
import {
  compileMatch,
  describeMatch,
  fixtureKind,
  loneUserMessage,
  resolveEntryOpts,
  StoredFixture,
  type Fixture,
} from '../fixtures/fixture'
import { contentWarnings, emitWarnings } from '../fixtures/entry-warnings'
import type { FixtureMatch, ParsedEntry, ParsedFixtureResponse, ResponseFactory } from '../fixtures/schema'
import type { FixtureStore } from '../matching/fixture-store'

export interface Registration {
  match: FixtureMatch
  response: ParsedEntry['response'] | ResponseFactory
  opts: ParsedEntry['opts']
  entry?: ParsedEntry
  id?: string | undefined
  source: string
  persistent: boolean
}

export function register(store: FixtureStore, reg: Registration): Fixture {
  // A lone string userMessage (most fixtures) keeps no written copy of its match: the fixture makes one
  // from the compiled pattern when read. Else an entry's match is already its own copy (parsed from a
  // file, add() or the control API): when it holds nothing describeMatch rewrites, it is the spec as it
  // is. A plain match given in code is copied (the caller may reuse the object) by a spread, which keeps
  // its compact shape (describeMatch's object, grown from `{}`, has room for four fields).
  const lone = loneUserMessage(reg.match)
  const spec =
    lone !== undefined
      ? undefined
      : isPlainSpec(reg.match)
        ? reg.entry
          ? (reg.match as Record<string, unknown>)
          : { ...(reg.match as Record<string, unknown>) }
        : describeMatch(reg.match)
  // The id, when none is given, is the store's to make (from the source, position and scope).
  const fixture = store.add(
    new StoredFixture({
      id: reg.id,
      source: reg.source,
      kind: fixtureKind(reg.match, reg.response),
      match:
        lone !== undefined ? { userMessage: { kind: 'substring', value: lone } } : compileMatch(reg.match),
      matchSpec: spec,
      response: reg.response,
      opts: resolveEntryOpts(reg.entry, reg.opts),
      persistent: reg.persistent,
    }),
  )
  // Entries (files, add(), the control API) were warned about when parsed; on() has no other place.
  if (!reg.entry) emitWarnings(reg.source, contentWarnings(reg.match, reg.response, fixture.kind))
  return fixture
}

/**
 * `on(match, { content })` without options, the usual fixture given in code, past the general path: a
 * match of string fields (checked by isStringMatch) and a response from quickResponse. It stores what
 * {@link register} would; only a service fixture can have a warning (its response is no service's).
 */
export function registerQuick(
  store: FixtureStore,
  match: FixtureMatch,
  response: ParsedFixtureResponse,
  source: string,
): Fixture {
  const lone = loneUserMessage(match)
  const kind = lone !== undefined ? 'chat' : fixtureKind(match, response)
  const fixture = store.add(
    new StoredFixture({
      id: undefined,
      source,
      kind,
      match: lone !== undefined ? { userMessage: { kind: 'substring', value: lone } } : compileMatch(match),
      matchSpec: lone !== undefined ? undefined : { ...(match as Record<string, unknown>) },
      response,
      opts: resolveEntryOpts(undefined, undefined),
      persistent: false,
    }),
  )
  if (kind !== 'chat') emitWarnings(source, contentWarnings(match, response, kind))
  return fixture
}

export function registerEntry(
  store: FixtureStore,
  entry: ParsedEntry,
  source: string,
  persistent: boolean,
): Fixture {
  return register(store, {
    match: entry.match as FixtureMatch,
    response: entry.response,
    opts: entry.opts,
    entry,
    id: entry.id,
    source,
    persistent,
  })
}

/** True when `describeMatch(match)` would copy every value unchanged (no RegExp, function or `{regex}`). */
function isPlainSpec(match: FixtureMatch): boolean {
  for (const key in match) {
    const value: unknown = match[key as keyof FixtureMatch]
    if (typeof value === 'function' || value instanceof RegExp) return false
    if (value !== null && typeof value === 'object' && 'regex' in value) return false
  }
  return true
}
