/**
 * What `on()` and its shorthands (`onMessage`, `onSearch`, ...) do, apart from the object they hang on: the
 * mock keeps them on a shared prototype, sessions as closures. And {@link boundOnRead}, which lets methods on
 * a prototype still work detached (`afterAll(mock.stop)`, `const { on } = mock`).
 * @module
 */
import { registerChatText, registerEntry, registerFixture } from './register'
import { FixtureError, type FixtureIssue } from '../errors'
import { parseEntry } from '../fixtures/load'
import { isStringMatch, quickContent, quickResponse } from '../fixtures/quick-check'
import {
  type ExtractInput,
  type FixtureEntry,
  type FixtureMatch,
  type FixtureOpts,
  type FixtureResponse,
  type ModerationInput,
  type RerankInput,
  type ResponseFactory,
  type SearchHitInput,
  type SearchInput,
  fixtureSchemas,
} from '../fixtures/schema'
import { toFixtureIssues } from '../fixtures/issues'
import type { FixtureStore } from '../matching/fixture-store'
import type { RerankRequest } from '../canonical'

type Opts = (FixtureOpts & { id?: string }) | undefined

/** `on(match, response, opts)`: validates (eagerly, with the schemas' messages) and adds one fixture. */
export function addFixture(
  store: FixtureStore,
  match: FixtureMatch,
  response: FixtureResponse | ResponseFactory,
  opts: Opts,
): void {
  // The usual `on({ userMessage: 'hi' }, { content: 'Hello' })`: the shortcut checks accept only what the
  // schemas accept, so a bad call still goes the long way and fails there with the same message. The
  // fixture keeps the content (a copy of the response, made when read).
  if (opts === undefined && typeof response !== 'function') {
    const text = loneText(match)
    if (text !== undefined || isStringMatch(match, false)) {
      const content = quickContent(response)
      if (content !== undefined) {
        if (text !== undefined) registerChatText(store, text, content, 'on()')
        else registerFixture(store, match, content, undefined, undefined, undefined, 'on()', false)
        return
      }
    }
  }
  // Without options (most calls), no copy of them: two objects fewer per call.
  let id: string | undefined
  let rest: FixtureOpts | undefined
  if (opts !== undefined) ({ id, ...rest } = opts)
  const source = 'on()'
  const parsed = typeof response === 'function' ? response : validateResponse(response, source)
  validateMatch(match, source)
  registerFixture(store, match, parsed, rest, undefined, id, source, false)
}

/**
 * The text of a match that is a plain object holding only a string `userMessage` (what isStringMatch and
 * loneUserMessage both accept), else undefined: one pass instead of their two.
 */
function loneText(match: unknown): string | undefined {
  if (typeof match !== 'object' || match === null) return undefined
  const proto = Object.getPrototypeOf(match) as unknown
  if (proto !== Object.prototype && proto !== null) return undefined
  let text: unknown
  for (const key in match) {
    if (key !== 'userMessage' || text !== undefined || !Object.hasOwn(match, key)) return undefined
    text = (match as { userMessage: unknown }).userMessage
  }
  return typeof text === 'string' ? text : undefined
}

/** `add(entries)`: validates every entry before adding any, so a bad list adds nothing and reports every problem. */
export function addEntries(
  store: FixtureStore,
  entries: FixtureEntry[] | { fixtures: FixtureEntry[] },
): void {
  const list = Array.isArray(entries) ? entries : entries.fixtures
  const issues: FixtureIssue[] = []
  const parsed = list.flatMap((entry, index) => {
    try {
      return [parseEntry(entry, `add()[${index}]`)]
    } catch (error) {
      if (!(error instanceof FixtureError)) throw error
      issues.push(...error.issues)
      return []
    }
  })
  if (issues.length > 0) throw new FixtureError(issues)
  for (const entry of parsed) registerEntry(store, entry, 'add()', false)
}

/** The shorthands' translations to `on()`'s match and response (one place for the mock and sessions). */
export const shorthand = {
  message: (text: string | RegExp): FixtureMatch => ({ userMessage: text }),
  toolCall: (name: string): FixtureMatch => ({ toolName: name }),
  toolResult: (toolCallId: string): FixtureMatch => ({ toolCallId }),
  embedding: (text: string | RegExp): FixtureMatch => ({ inputText: text, endpoint: 'embedding' }),
  embeddingResponse: (vector: number[] | FixtureResponse): FixtureResponse =>
    Array.isArray(vector) ? { embedding: vector } : vector,
  search: (query: string | RegExp): FixtureMatch => ({ searchQuery: query }),
  searchResponse: (results: SearchHitInput[] | SearchInput): FixtureResponse => ({
    search: Array.isArray(results) ? { results } : results,
  }),
  extract: (url: string | RegExp): FixtureMatch => ({ extractUrl: url }),
  extractResponse: (pages: ExtractInput['results'] | ExtractInput): FixtureResponse => ({
    extract: Array.isArray(pages) ? { results: pages } : pages,
  }),
  rerank: (query: string | RegExp): FixtureMatch => ({ rerankQuery: query }),
  rerankResponse: (
    ranking: RerankInput | ((request: RerankRequest) => RerankInput | Promise<RerankInput>),
  ): FixtureResponse | ResponseFactory =>
    typeof ranking === 'function'
      ? async (request) => ({ rerank: await ranking(request as RerankRequest) })
      : { rerank: ranking },
  moderate: (input: string | RegExp): FixtureMatch => ({ moderationInput: input }),
  moderateResponse: (verdict: ModerationInput): FixtureResponse => ({ moderation: verdict }),
}

function validateResponse(response: FixtureResponse, source: string) {
  const quick = quickResponse(response)
  if (quick) return quick
  const parsed = fixtureSchemas().responseSchema.safeParse(response)
  if (!parsed.success) throw new FixtureError(toFixtureIssues(source, parsed.error, 'response'))
  return parsed.data
}

/** Checks a match given in code against the file schema, so a misspelt field fails instead of matching everything. */
function validateMatch(match: FixtureMatch, source: string): void {
  if (typeof match !== 'object' || match === null) {
    throw new FixtureError([{ file: source, path: 'match', message: 'expected an object' }])
  }
  if (isStringMatch(match, true)) return
  const { predicate, ...fields } = match
  if (predicate !== undefined && typeof predicate !== 'function') {
    throw new FixtureError([{ file: source, path: 'match.predicate', message: 'expected a function' }])
  }
  // A RegExp is valid as it is; the file schema only knows the `{regex}` form, so stand in a string.
  const json = Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, value instanceof RegExp ? '' : value]),
  )
  const parsed = fixtureSchemas().matchSchema.safeParse(json)
  if (!parsed.success) throw new FixtureError(toFixtureIssues(source, parsed.error, 'match'))
}

/**
 * Puts `methods` on `proto` as getters that bind the method to the object read from, once: the bound copy
 * is kept on that object (an own property, as a closure assigned in a constructor would be), so calls after
 * the first read are plain property calls (a bound-method cache read through the getter on every call
 * made `reset()` + 10 `on()` ~50% slower), and a detached method (`const { stop } = mock`) works. An
 * object whose methods are never read pays for none. Assigning the property (a spy, a stub) replaces it
 * on that object.
 *
 * With `keptIn`, the bound copy is kept in the record it returns for the object instead: no own property
 * is defined, and every read goes through the getter. For methods read once or twice per object (a mock's
 * `listen`, `start`, `stop`): defining the own property cost ~2 µs per read in a mock per test (issue 15).
 */
export function boundOnRead<T extends object>(
  proto: T,
  methods: Record<string, (this: never, ...args: never[]) => unknown>,
  keptIn?: (self: object) => Record<string, unknown>,
): T {
  for (const name of Object.keys(methods)) {
    const method = methods[name]!
    Object.defineProperty(proto, name, {
      configurable: true,
      enumerable: false,
      get(this: object | undefined) {
        // Read without an object (a spy library calling the getter on its own, as Vitest's `vi.spyOn`
        // does) or on the prototype itself: the plain method, which a spy then calls with its object.
        if (typeof this !== 'object' || this === null || this === proto) return method
        if (keptIn) {
          const kept = keptIn(this)
          return (kept[name] ??= method.bind(this as never))
        }
        const bound = method.bind(this as never)
        Object.defineProperty(this, name, {
          value: bound,
          writable: true,
          enumerable: true,
          configurable: true,
        })
        return bound
      },
      set(this: object, value: unknown) {
        Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true })
      },
    })
  }
  return proto
}
