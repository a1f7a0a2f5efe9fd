/**
 * Candidate selection that stays fast as fixtures grow. Each fixture is filed under one key of its most
 * selective indexable field (an exact map for toolCallId, toolName, model and context; a substring key of
 * a literal userMessage / inputText); fixtures with nothing indexable go on a scan list. A lookup gathers
 * only the buckets the request can hit and yields candidates in registration order, so first-match-wins
 * stays exact: an indexed fixture that is not yielded cannot match.
 * @see ../../docs/decisions/matching-index.md
 * @module
 */
import type { StoredFixture } from '../fixtures/fixture'
import type { RequestFacts } from './facts'
import { SubstringIndex } from './substring-index'

type Bucket = StoredFixture[]

export class FixtureIndex {
  #scan: StoredFixture[] = []
  #exact = {
    toolCallId: new Map<string, Bucket>(),
    toolName: new Map<string, Bucket>(),
    model: new Map<string, Bucket>(),
    context: new Map<string, Bucket>(),
  }
  #userText = new SubstringIndex<StoredFixture>()
  #inputText = new SubstringIndex<StoredFixture>()

  /**
   * Files a fixture. `loneText`: the text of its lone string userMessage match, when the fixture keeps
   * the match as that text (see StoredFixture): filed by it without making the match.
   */
  add(fixture: StoredFixture, loneText?: string): void {
    if (loneText !== undefined && loneText !== '') return this.#userText.add(loneText, fixture)
    const m = fixture.match
    if (m.toolCallId !== undefined) return file(this.#exact.toolCallId, m.toolCallId, fixture)
    if (m.userMessage?.kind === 'substring' && m.userMessage.value !== '') {
      return this.#userText.add(m.userMessage.value, fixture)
    }
    if (m.inputText?.kind === 'substring' && m.inputText.value !== '') {
      return this.#inputText.add(m.inputText.value, fixture)
    }
    if (m.toolName !== undefined) return file(this.#exact.toolName, m.toolName, fixture)
    if (m.model?.kind === 'model') return file(this.#exact.model, m.model.value, fixture)
    if (m.context !== undefined) return file(this.#exact.context, m.context, fixture)
    this.#scan.push(fixture)
  }

  /**
   * Readies the index for the fixtures from `from` on, filed next in one go (most of them under a
   * userMessage key): sizes its bit set and learns the words their texts share (see SubstringIndex.learn).
   */
  reserve(fixtures: readonly StoredFixture[], from: number): void {
    const more = fixtures.length - from
    this.#userText.reserve(more)
    this.#userText.learn(more, (i) => userTextOf(fixtures[from + i]!))
  }

  /**
   * Candidates for a request, in registration order. A plain array when only one list has any (the usual
   * case: a request reaches a bucket, or the store has only unindexed fixtures): no generator per request.
   */
  candidates(facts: RequestFacts): Iterable<StoredFixture> {
    const hits: StoredFixture[] = []
    const last = facts.lastMessage?.toolResult?.toolCallId
    if (last !== undefined) append(hits, this.#exact.toolCallId.get(last))
    if (facts.lastUserText !== undefined) this.#userText.collect(facts.lastUserText, hits)
    if (facts.kind === 'embedding') this.#inputText.collect(facts.inputText, hits)
    if (this.#exact.toolName.size > 0) {
      const names = facts.toolNames
      // One tool (the usual case) needs no set to look it up once.
      if (names.length === 1) append(hits, this.#exact.toolName.get(names[0]!))
      else if (names.length > 1)
        for (const name of new Set(names)) append(hits, this.#exact.toolName.get(name))
    }
    if (facts.model !== undefined && this.#exact.model.size > 0) {
      for (const key of modelKeys(facts.model)) append(hits, this.#exact.model.get(key))
    }
    if (facts.context !== undefined) append(hits, this.#exact.context.get(facts.context))
    if (hits.length === 0) return this.#scan
    if (hits.length > 1) hits.sort((a, b) => a.order - b.order)
    if (this.#scan.length === 0) return hits.length > 1 ? distinctByOrder(hits) : hits
    return mergeByOrder(hits, this.#scan)
  }
}

function append(hits: StoredFixture[], bucket: Bucket | undefined): void {
  if (bucket !== undefined) for (let i = 0; i < bucket.length; i++) hits.push(bucket[i]!)
}

/** The literal userMessage a fixture may be filed by (its lone text read without making its match). */
function userTextOf(fixture: StoredFixture): string | undefined {
  const lone = fixture.loneText
  if (lone !== undefined) return lone
  const user = fixture.match.userMessage
  return user?.kind === 'substring' ? user.value : undefined
}

function file(map: Map<string, Bucket>, key: string, fixture: StoredFixture): void {
  const bucket = map.get(key)
  if (bucket) bucket.push(fixture)
  else map.set(key, [fixture])
}

/** The model itself and every prefix that `modelMatches` accepts (cut before "-<digit>"). */
function modelKeys(model: string): string[] {
  const keys = [model]
  for (let i = model.indexOf('-'); i > 0; i = model.indexOf('-', i + 1)) {
    const next = model.charCodeAt(i + 1)
    if (next >= 48 && next <= 57) keys.push(model.slice(0, i))
  }
  return keys
}

/** A list sorted by `order` without its repeats (a bucket reached through two keys): itself when it has none. */
function distinctByOrder(sorted: StoredFixture[]): StoredFixture[] {
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.order === sorted[i - 1]!.order)
      return sorted.filter((f, k) => k === 0 || f.order !== sorted[k - 1]!.order)
  }
  return sorted
}

/** Merges two lists sorted by `order`, dropping duplicates (a fixture sits in at most one bucket, but a
 * request can reach the same bucket through two keys). */
function* mergeByOrder(a: StoredFixture[], b: StoredFixture[]): Generator<StoredFixture> {
  let i = 0
  let j = 0
  let lastOrder = -1
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]!.order < b[j]!.order) ? a[i++]! : b[j++]!
    if (next.order === lastOrder) continue
    lastOrder = next.order
    yield next
  }
}
