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
  type FixtureKind,
  type ResolvedOpts,
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
  return registerFixture(
    store,
    reg.match,
    reg.response,
    reg.opts,
    reg.entry,
    reg.id,
    reg.source,
    reg.persistent,
  )
}

/**
 * {@link register} with its fields as arguments: `on()` calls it once per fixture, without a
 * `Registration` object. `response`: the parsed response, or a string: the content of a `{ content }`
 * response (the fixture makes the object when read). `entry`: the parsed entry the fixture comes from (a
 * file, `add()`, the control API), warned about when parsed; without one (`on()`) its warnings are
 * emitted here.
 */
export function registerFixture(
  store: FixtureStore,
  match: FixtureMatch,
  response: ParsedEntry['response'] | ResponseFactory | string,
  opts: ParsedEntry['opts'],
  entry: ParsedEntry | undefined,
  id: string | undefined,
  source: string,
  persistent: boolean,
): Fixture {
  const lone = loneUserMessage(match)
  const kind = kindOf(match, response, lone)
  const fixture = store.add(
    newFixture(
      match,
      lone,
      kind,
      response,
      resolveEntryOpts(entry, opts),
      entry !== undefined,
      id,
      source,
      persistent,
    ),
  )
  // Entries (files, add(), the control API) were warned about when parsed; on() has no other place. A
  // lone string pattern with a chat response has nothing to warn about (no regex, no service).
  if (!entry && !(kind === 'chat' && lone !== undefined && !hasToolArguments(response)))
    emitWarnings(source, contentWarnings(match, fixture.response, kind))
  return fixture
}

/**
 * {@link registerFixture} of a lone string `userMessage` match with a `{ content }` response given as its
 * text and no options or entry (most `on()` calls): the same fixture, without the checks that find it so.
 */
export function registerChatText(
  store: FixtureStore,
  text: string,
  content: string,
  source: string,
): Fixture {
  // Nothing to warn about (see registerFixture): no regex, no service, no tool arguments.
  return store.add(
    new StoredFixture(
      undefined,
      source,
      'chat',
      text,
      undefined,
      content,
      resolveEntryOpts(undefined, undefined),
      false,
    ),
  )
}

/** A lone userMessage with a `{ content }` response is a chat fixture (as fixtureKind finds it). */
function kindOf(
  match: FixtureMatch,
  response: ParsedEntry['response'] | ResponseFactory | string,
  lone: string | undefined,
): FixtureKind {
  if (typeof response !== 'string') return fixtureKind(match, response)
  return lone !== undefined ? 'chat' : fixtureKind(match, CONTENT_ONLY)
}

/**
 * The stored fixture. A lone string userMessage (`lone`, most fixtures) is kept as its text: the fixture
 * makes its compiled match and its written copy when read. Else an entry's match is already its own copy
 * (`ownMatch`: parsed from a file, add() or the control API): when it holds nothing describeMatch rewrites,
 * it is the spec as it is. A plain match given in code is copied (the caller may reuse the object) by a
 * spread, which keeps its compact shape (describeMatch's object, grown from `{}`, has room for four fields).
 */
function newFixture(
  match: FixtureMatch,
  lone: string | undefined,
  kind: FixtureKind,
  response: ParsedEntry['response'] | ResponseFactory | string,
  opts: ResolvedOpts,
  ownMatch: boolean,
  id: string | undefined,
  source: string,
  persistent: boolean,
): StoredFixture {
  if (lone !== undefined)
    return new StoredFixture(id, source, kind, lone, undefined, response, opts, persistent)
  return new StoredFixture(
    id,
    source,
    kind,
    compileMatch(match),
    isPlainSpec(match)
      ? ownMatch
        ? (match as Record<string, unknown>)
        : { ...(match as Record<string, unknown>) }
      : describeMatch(match),
    response,
    opts,
    persistent,
  )
}

/** What fixtureKind reads of a `{ content }` response given as its text (it looks at keys, not values). */
const CONTENT_ONLY: ParsedFixtureResponse = Object.freeze({ content: '' })

/** True when a response may carry tool-call arguments (which can have warnings). */
function hasToolArguments(response: ParsedEntry['response'] | ResponseFactory | string): boolean {
  return typeof response === 'object' && (response.toolCalls !== undefined || response.blocks !== undefined)
}

/**
 * Registers the entry at `index` of a loaded file (see FixtureStore.addFromFile: its source and generated
 * id are made when read). `plain`: the entry took the checked shortcut (quick-check.ts: only `id`, a match
 * of string fields and a `{ content }` response), so it has no options, and its response is kept as its
 * text, as `on()` keeps it.
 */
export function registerFileEntry(
  store: FixtureStore,
  entry: ParsedEntry,
  file: string,
  index: number,
  plain: boolean,
  persistent: boolean,
): Fixture {
  const match = entry.match as FixtureMatch
  const lone = loneUserMessage(match)
  // A plain entry has no options, and its response is kept as its content's text.
  const response = plain ? (entry.response as { content: string }).content : entry.response
  const opts = plain ? resolveEntryOpts(undefined, undefined) : resolveEntryOpts(entry, entry.opts)
  const fixture = newFixture(
    match,
    lone,
    kindOf(match, response, lone),
    response,
    opts,
    true,
    entry.id,
    file,
    persistent,
  )
  return store.addFromFile(fixture, file, index)
}

export function registerEntry(
  store: FixtureStore,
  entry: ParsedEntry,
  source: string,
  persistent: boolean,
): Fixture {
  return registerFixture(
    store,
    entry.match as FixtureMatch,
    entry.response,
    entry.opts,
    entry,
    entry.id,
    source,
    persistent,
  )
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
