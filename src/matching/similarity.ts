/**
 * How alike a request's text is to a fixture's literal text patterns, for ranking the miss diagnostic's
 * "Closest" fixtures (so `what is the wether in Paris` lists `weather in Paris` before `hello`).
 *
 * The measure is bigram containment: the share of a pattern's character bigrams (lowercased, runs of
 * white space as one space, counted with multiplicity) that the text also holds. A fixture matches a
 * pattern as a substring, so a pattern is judged by how much of it the text carries, whatever else the text
 * says; one typo costs a pattern only the two or three bigrams around it. A fixture's similarity is the mean
 * over its text fields (userMessage, systemMessage, inputText): 1 for a field that matched, the containment
 * for a literal that did not, 0 for a regex that did not. A fixture without text fields scores 0. It is
 * deterministic and needs no dictionary.
 * @module
 */
import type { Fixture } from '../fixtures/fixture'
import type { RequestFacts } from './facts'
import { checkByField } from './predicates'

const TEXT_FIELDS = ['userMessage', 'systemMessage', 'inputText'] as const
/** Only the start of a long text is compared: the diagnostic may score every fixture. */
const MAX_TEXT = 4096

export function textSimilarity(fixture: Fixture, facts: RequestFacts): number {
  let sum = 0
  let fields = 0
  for (const field of TEXT_FIELDS) {
    const pattern = fixture.match[field]
    if (pattern === undefined) continue
    fields++
    if (checkByField(field)!.test(fixture.match, facts)) {
      sum += 1
      continue
    }
    const text =
      field === 'userMessage'
        ? facts.lastUserText
        : field === 'inputText'
          ? facts.inputText
          : facts.systemText
    if (text === undefined) continue
    const literals =
      pattern.kind === 'substring' ? [pattern.value] : pattern.kind === 'all' ? pattern.values : []
    if (literals.length === 0) continue
    const have = bigrams(text.slice(0, MAX_TEXT))
    sum += literals.reduce((total, literal) => total + containment(literal, have), 0) / literals.length
  }
  return fields === 0 ? 0 : sum / fields
}

/** The share of `pattern`'s bigrams found in `have` (each bigram of the text used once). */
export function containment(pattern: string, have: ReadonlyMap<string, number>): number {
  const wanted = bigrams(pattern)
  let total = 0
  let found = 0
  for (const [gram, count] of wanted) {
    total += count
    found += Math.min(count, have.get(gram) ?? 0)
  }
  return total === 0 ? 0 : found / total
}

export function bigrams(text: string): Map<string, number> {
  const normal = text.toLowerCase().replace(/\s+/g, ' ')
  const grams = new Map<string, number>()
  for (let i = 0; i + 2 <= normal.length; i++) {
    const gram = normal.slice(i, i + 2)
    grams.set(gram, (grams.get(gram) ?? 0) + 1)
  }
  return grams
}
