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
  // A lone string userMessage (most fixtures) is kept as its text: the fixture makes its compiled match
  // and its written copy when read. Else an entry's match is already its own copy (parsed from a file,
  // add() or the control API): when it holds nothing describeMatch rewrites, it is the spec as it is. A
  // plain match given in code is copied (the caller may reuse the object) by a spread, which keeps its
  // compact shape (describeMatch's object, grown from `{}`, has room for four fields).
  const lone = loneUserMessage(match)
  // A lone userMessage with a `{ content }` response is a chat fixture (as fixtureKind finds it).
  const kind =
    typeof response === 'string'
      ? lone !== undefined
        ? 'chat'
        : fixtureKind(match, CONTENT_ONLY)
      : fixtureKind(match, response)
  const fixture = store.add(
    lone !== undefined
      ? new StoredFixture(
          id,
          source,
          kind,
          lone,
          undefined,
          response,
          resolveEntryOpts(entry, opts),
          persistent,
        )
      : new StoredFixture(
          id,
          source,
          kind,
          compileMatch(match),
          isPlainSpec(match)
            ? entry
              ? (match as Record<string, unknown>)
              : { ...(match as Record<string, unknown>) }
            : describeMatch(match),
          response,
          resolveEntryOpts(entry, opts),
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

/**
 * The fixture {@link registerFileEntry} stores, made as {@link registerFixture} makes it. registerFixture
 * keeps its own copy of this: `on()` registers through it (100,000 calls in the bench), and it stays as it
 * was measured. `ownMatch`: the match is the fixture's to keep (an entry's).
 */
function makeFixture(
  match: FixtureMatch,
  response: ParsedEntry['response'] | ResponseFactory | string,
  opts: ResolvedOpts,
  ownMatch: boolean,
  id: string | undefined,
  source: string,
  persistent: boolean,
): StoredFixture {
  // A lone string userMessage (most fixtures) is kept as its text: the fixture makes its compiled match
  // and its written copy when read. Else an entry's match is already its own copy (parsed from a file,
  // add() or the control API): when it holds nothing describeMatch rewrites, it is the spec as it is. A
  // plain match given in code is copied (the caller may reuse the object) by a spread, which keeps its
  // compact shape (describeMatch's object, grown from `{}`, has room for four fields).
  const lone = loneUserMessage(match)
  // A lone userMessage with a `{ content }` response is a chat fixture (as fixtureKind finds it).
  const kind =
    typeof response === 'string'
      ? lone !== undefined
        ? 'chat'
        : fixtureKind(match, CONTENT_ONLY)
      : fixtureKind(match, response)
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
  if (!plain)
    return store.addFromFile(
      makeFixture(
        match,
        entry.response,
        resolveEntryOpts(entry, entry.opts),
        true,
        entry.id,
        file,
        persistent,
      ),
      file,
      index,
    )
  const content = (entry.response as { content: string }).content
  return store.addFromFile(
    makeFixture(match, content, resolveEntryOpts(undefined, undefined), true, entry.id, file, persistent),
    file,
    index,
  )
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
