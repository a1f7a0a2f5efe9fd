/**
 * The indexed selection must pick exactly what a plain in-order scan of every fixture picks. Random fixtures
 * with mixed fields and random requests are run through both; the scan uses the same field predicates but
 * none of the index, and its turnIndex rule is written out here from the documented semantics.
 * This is the one test that reaches into internals (there is no public way to bypass the index).
 */
import { describe, expect, test } from 'vitest'
import type { ChatMessage, ChatRequest, EmbeddingRequest } from '../../src'
import { register } from '../../src/core/register'
import type { Fixture, StoredFixture } from '../../src/fixtures/fixture'
import type { FixtureMatch } from '../../src/fixtures/schema'
import { requestFacts, type RequestFacts } from '../../src/matching/facts'
import { FixtureStore, SCAN_MAX } from '../../src/matching/fixture-store'
import { checksFor } from '../../src/matching/predicates'
import { MatchState, selectFixture } from '../../src/matching/select'

/** A small seeded PRNG (mulberry32) so a failure can be replayed from its seed. */
function prng(seed: number) {
  let state = seed
  const next = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  const chance = (p: number) => next() < p
  return { next, pick, chance }
}
type Random = ReturnType<typeof prng>

// Vocabularies overlap on purpose: requests should match fixtures deep in the order, through every route.
const WORDS = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'weather',
  'Weather',
  'book',
  'flight',
  'paris',
  'rome',
  'tokyo',
  'price',
  'stock',
  'news',
  'joke',
  'order',
  'refund',
  'ok',
  'hi',
  'a',
]
const PATTERNS = ['ta ga', 'eat', 'ph', 'ather in', 'ok', 'hi', 'Weather']
const FIXTURE_MODELS = ['gpt-4', 'gpt-4o', 'gpt-4o-mini', 'claude-opus-4', 'o3']
const REQUEST_MODELS = [
  'mistral-large',
  'gpt-4',
  'gpt-4-0613',
  'gpt-4o',
  'gpt-4o-2024-08-06',
  'gpt-4o-mini',
  'claude-opus-4-20250514',
  'o3-mini',
  'o3',
]
const TOOLS = ['search', 'fetch', 'calc', 'book', 'send_email', 'translate', 'weather', 'sql']
const CALL_IDS = ['call_1', 'call_2', 'call_3', 'call_4', 'call_5', 'call_6']
const CONTEXTS = ['checkout', 'support']
const SYSTEMS = ['You are terse.', 'You are a pirate. Be terse.', 'Answer in French.', '']
const FORMATS = ['json_object', 'json_schema', 'text']

/** Mostly a rare two-word phrase; sometimes a short, broad or regex pattern. */
function randomPattern(r: Random): string | RegExp {
  if (r.chance(0.05)) return r.pick([/^alpha/, /weather/i, /\bok\b/, /fli?ght/, /^$/])
  if (r.chance(0.08)) return r.pick(PATTERNS)
  return `${r.pick(WORDS)} ${r.pick(WORDS)}`
}

type FieldSetter = (match: FixtureMatch, r: Random) => void
/** Fields that narrow a fixture to a small share of requests on their own. */
const SELECTIVE: FieldSetter[] = [
  (m, r) => (m.userMessage = randomPattern(r)),
  (m, r) => (m.toolCallId = r.pick(CALL_IDS)),
  (m, r) => (m.toolResultContains = r.pick(['42', 'sunny', 'error'])),
  (m, r) => (m.toolName = r.pick(TOOLS)),
]
/** Fields that each hold for many requests: combined with others so few fixtures catch everything. */
const BROAD: FieldSetter[] = [
  (m, r) =>
    (m.systemMessage = r.pick<string | string[] | RegExp>([
      'terse',
      ['pirate', 'terse'],
      /French/,
      'nobody',
    ])),
  (m, r) => (m.model = r.chance(0.2) ? /^gpt-4o/ : r.pick(FIXTURE_MODELS)),
  (m, r) => (m.hasToolResult = r.chance(0.5)),
  (m, r) => (m.responseFormat = r.pick(FORMATS)),
  (m, r) => (m.context = r.pick(CONTEXTS)),
  (m) => (m.endpoint = 'chat'),
  (m) => (m.predicate = (request) => request.kind === 'chat' && request.messages.length % 3 === 0),
]

function randomMatch(r: Random): FixtureMatch {
  const match: FixtureMatch = {}
  if (r.chance(0.12)) {
    match.inputText = randomPattern(r)
    if (r.chance(0.3)) match.endpoint = 'embedding'
    if (r.chance(0.2)) match.model = r.pick(['text-embedding-3-small', 'text-embedding-3'])
    return match
  }
  if (r.chance(0.7)) r.pick(SELECTIVE)(match, r)
  else for (const set of [...BROAD].sort(() => r.next() - 0.5).slice(0, 3)) set(match, r)
  if (r.chance(0.4)) r.pick([...SELECTIVE, ...BROAD])(match, r)
  if (r.chance(0.1)) match.sequenceIndex = r.pick([0, 1, 2])
  if (r.chance(0.1)) match.turnIndex = r.pick([0, 1, 2])
  return match
}

function addRandomFixture(r: Random, store: FixtureStore, n: number): void {
  const match = randomMatch(r)
  const response =
    match.inputText !== undefined
      ? { embedding: [n] }
      : r.chance(0.05)
        ? { error: { message: `error ${n}` }, status: 500 }
        : { content: `fixture ${n}` }
  register(store, { match, response, opts: {}, source: 'differential', id: `f${n}`, persistent: false })
}

function randomText(r: Random): string {
  const count = 1 + Math.floor(r.next() * 4)
  return Array.from({ length: count }, () => r.pick(WORDS)).join(r.pick([' ', ' ', ', ', ' in ']))
}

/** A request unlike any fixture's vocabulary: what is left for it is broad fixtures, or a miss. */
function novelChat(r: Random): ChatRequest {
  return {
    kind: 'chat',
    surface: 'openai.chat',
    provider: 'openai',
    model: 'no-such-model',
    system: '',
    messages: [{ role: 'user', text: r.pick(['xyzzy plugh', 'qux', 'zorkmid']) }],
    tools: [],
    stream: false,
  }
}

function randomChat(r: Random): ChatRequest {
  if (r.chance(0.1)) return novelChat(r)
  const messages: ChatMessage[] = []
  const system = r.pick(SYSTEMS)
  if (system) messages.push({ role: 'system', text: system })
  const turns = Math.floor(r.next() * 4)
  for (let i = 0; i < turns; i++) {
    messages.push({ role: 'user', text: randomText(r) })
    if (r.chance(0.3)) {
      const id = r.pick(CALL_IDS)
      messages.push({
        role: 'assistant',
        text: '',
        toolCalls: [{ id, name: r.pick(TOOLS), arguments: '{}' }],
      })
      messages.push({
        role: 'tool',
        text: 'x',
        toolResult: { toolCallId: id, content: r.pick(['42', 'sunny day', 'error: none']) },
      })
    }
    messages.push({ role: 'assistant', text: randomText(r) })
  }
  if (r.chance(0.9)) messages.push({ role: 'user', text: r.chance(0.05) ? '' : randomText(r) })
  if (r.chance(0.25)) {
    const id = r.pick(CALL_IDS)
    const content = r.pick(['42', 'sunny day', 'error: none'])
    messages.push({ role: 'assistant', text: '', toolCalls: [{ id, name: r.pick(TOOLS), arguments: '{}' }] })
    messages.push({ role: 'tool', text: content, toolResult: { toolCallId: id, content } })
  }
  const toolCount = Math.floor(r.next() * 3)
  const request: ChatRequest = {
    kind: 'chat',
    surface: 'openai.chat',
    provider: 'openai',
    model: r.pick(REQUEST_MODELS),
    system: messages
      .filter((m) => m.role === 'system')
      .map((m) => m.text)
      .join('\n'),
    messages,
    tools: Array.from({ length: toolCount }, () => ({ name: r.pick(TOOLS) })),
    stream: false,
  }
  if (r.chance(0.2)) request.responseFormat = { type: r.pick(FORMATS) }
  return request
}

function randomEmbedding(r: Random): EmbeddingRequest {
  const count = 1 + Math.floor(r.next() * 3)
  return {
    kind: 'embedding',
    surface: 'openai.embeddings',
    provider: 'openai',
    model: r.pick(['text-embedding-3-small', 'text-embedding-3-large']),
    inputs: Array.from({ length: count }, () => randomText(r)),
  }
}

const checks = new WeakMap<Fixture, ReturnType<typeof checksFor>>()
function checksOf(fixture: Fixture) {
  let list = checks.get(fixture)
  if (!list) checks.set(fixture, (list = checksFor(fixture.match)))
  return list
}

/** The reference: every fixture of every store, in order, through the same field predicates. */
/** `answered`: requests answered per sequence group, counted by the group's JSON string. */
function naiveSelect(
  stores: FixtureStore[],
  facts: RequestFacts,
  answered: Map<string, number>,
): Fixture | undefined {
  for (const store of stores) {
    const matches = store.fixtures.filter((fixture) => {
      if (fixture.kind !== 'any' && fixture.kind !== facts.kind) return false
      if (!checksOf(fixture).every((check) => check.test(fixture.match, facts))) return false
      const position = fixture.match.sequenceIndex
      return position === undefined || (answered.get(fixture.sequenceGroup) ?? 0) === position
    })
    const chosen = byTurnReference(matches, facts.assistantCount)
    if (chosen) return chosen
  }
  return undefined
}

/**
 * The documented turnIndex rule: (1) the highest turnIndex not past the conversation, first registered
 * on ties, except (2) at the exact turn a plain fixture registered earlier wins; (3) when every scripted
 * turn is ahead, the first plain fixture; (4) else the lowest turnIndex. With no scripted turns, the first.
 */
function byTurnReference(matches: Fixture[], turn: number): Fixture | undefined {
  const plain = matches.filter((f) => f.match.turnIndex === undefined)
  const scripted = matches.filter((f) => f.match.turnIndex !== undefined)
  const reached = scripted.filter((f) => f.match.turnIndex! <= turn)
  if (reached.length > 0) {
    const highest = Math.max(...reached.map((f) => f.match.turnIndex!))
    const best = reached.find((f) => f.match.turnIndex === highest)!
    if (highest === turn && plain[0] && plain[0].order < best.order) return plain[0]
    return best
  }
  if (plain[0]) return plain[0]
  if (scripted.length === 0) return undefined
  const lowest = Math.min(...scripted.map((f) => f.match.turnIndex!))
  return scripted.find((f) => f.match.turnIndex === lowest)
}

function runDifferential(seed: number, fixtureCount: number, requestCount: number) {
  const r = prng(seed)
  const session = new FixtureStore()
  const shared = new FixtureStore()
  for (let i = 0; i < fixtureCount; i++) addRandomFixture(r, r.chance(0.1) ? session : shared, i)
  const stores = [session, shared]
  const indexedState = new MatchState()
  const naiveAnswered = new Map<string, number>()
  const stats = { matched: 0, missed: 0, sequenced: 0, turned: 0, deepest: 0, distinct: 0 }
  const chosen = new Set<Fixture>()
  for (let i = 0; i < requestCount; i++) {
    const request = r.chance(0.1) ? randomEmbedding(r) : randomChat(r)
    const facts = requestFacts(request, r.chance(0.2) ? r.pick(CONTEXTS) : undefined)
    const indexed = selectFixture(stores, facts, indexedState).fixture
    const naive = naiveSelect(stores, facts, naiveAnswered)
    if (indexed?.id !== naive?.id) {
      throw new Error(
        `seed ${seed}, request ${i}: index chose ${indexed?.id} (${JSON.stringify(indexed?.matchSpec)}), ` +
          `scan chose ${naive?.id} (${JSON.stringify(naive?.matchSpec)}) for ${JSON.stringify(request)}`,
      )
    }
    if (indexed) {
      indexedState.record(indexed)
      naiveAnswered.set(naive!.sequenceGroup, (naiveAnswered.get(naive!.sequenceGroup) ?? 0) + 1)
      stats.matched++
      if (indexed.match.sequenceIndex !== undefined) stats.sequenced++
      if (indexed.match.turnIndex !== undefined) stats.turned++
      stats.deepest = Math.max(stats.deepest, indexed.order)
      chosen.add(indexed)
    } else stats.missed++
  }
  stats.distinct = chosen.size
  return stats
}

describe('indexed selection equals an in-order scan', () => {
  test.each([1, 2, 3, 4, 5])('seed %i: 3000 fixtures, 1500 requests', (seed) => {
    const stats = runDifferential(seed, 3000, 1500)
    // The generator must exercise both outcomes and the sequence and turn gates, or the test proves little.
    expect(stats.matched).toBeGreaterThan(300)
    expect(stats.missed).toBeGreaterThan(10)
    expect(stats.deepest).toBeGreaterThan(1000)
    expect(stats.distinct).toBeGreaterThan(50)
    expect(stats.sequenced).toBeGreaterThan(0)
    expect(stats.turned).toBeGreaterThan(0)
  })

  test.each([11, 12, 13, 14, 15, 16, 17, 18])(
    'seed %i: 40 fixtures (sparse, many misses), 800 requests',
    (seed) => {
      const stats = runDifferential(seed, 40, 800)
      expect(stats.matched + stats.missed).toBe(800)
    },
  )

  // Stores this small are searched in order without the index, lone userMessage fixtures by their text.
  test.each([21, 22, 23, 24, 25, 26, 27, 28])(
    `seed %i: ${SCAN_MAX} fixtures, no index, 600 requests`,
    (seed) => {
      const stats = runDifferential(seed, SCAN_MAX, 600)
      expect(stats.matched).toBeGreaterThan(0)
      expect(stats.missed).toBeGreaterThan(0)
    },
  )
})

describe('small stores are searched in order, with no index', () => {
  const request = (text: string): ChatRequest => ({
    ...novelChat(prng(1)),
    messages: [{ role: 'user', text }],
  })
  const fill = (store: FixtureStore, count: number) => {
    for (let i = 0; i < count; i++) {
      const match = { userMessage: `question ${i}` }
      register(store, {
        match,
        response: { content: `answer ${i}` },
        opts: {},
        source: 'on()',
        persistent: false,
      })
    }
  }

  test(`up to ${SCAN_MAX} fixtures: every one is a candidate, in order, and none has its match made`, () => {
    const store = new FixtureStore()
    fill(store, SCAN_MAX)
    const facts = requestFacts(request('question 7?'), undefined)
    expect([...store.candidates(facts)].map((f) => f.order)).toEqual(store.fixtures.map((f) => f.order))
    const state = new MatchState()
    const chosen = selectFixture([store], facts, state).fixture as StoredFixture
    expect(chosen.id).toBe('on()#7')
    state.record(chosen)
    expect(state.answered(chosen)).toBe(1)
    // Another text is another group: nothing answered it.
    expect(state.answered(store.fixtures[6]!)).toBe(0)
    // Selection read the lone text: the compiled match of no fixture was made.
    expect(store.fixtures.every((f) => (f as StoredFixture).loneText !== undefined)).toBe(true)
  })

  test('past that, the index narrows the candidates', () => {
    const store = new FixtureStore()
    fill(store, SCAN_MAX + 1)
    const candidates = [...store.candidates(requestFacts(request('question 7?'), undefined))]
    expect(candidates.map((f) => f.id)).toContain('on()#7')
    expect(candidates.length).toBeLessThan(SCAN_MAX / 2)
  })
})
