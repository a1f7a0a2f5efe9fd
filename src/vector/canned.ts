/**
 * Canned query results (`onQuery(collection, results | fn)`): set in code or config, they answer a query on
 * their collection instead of the similarity search.
 * @module
 */
import { StandinError } from '../errors'
import type { CannedQuery, CannedResults, VectorMatch } from './types'

export class CannedQueries {
  // Made on first use: every mock and every session's store has one, few tests can results.
  #byCollection: Map<string, CannedResults> | undefined

  /** Sets (or replaces) the canned results of `collection`. */
  set(collection: string, results: CannedResults): void {
    if (typeof results !== 'function' && !Array.isArray(results)) {
      throw new StandinError(
        'STANDIN_BAD_CANNED_RESULTS',
        `onQuery(${JSON.stringify(collection)}): expected an array of matches or a function returning one.`,
      )
    }
    ;(this.#byCollection ??= new Map()).set(collection, results)
  }

  get(collection: string): CannedResults | undefined {
    return this.#byCollection?.get(collection)
  }

  has(collection: string): boolean {
    return this.#byCollection?.has(collection) ?? false
  }

  delete(collection: string): boolean {
    return this.#byCollection?.delete(collection) ?? false
  }

  /** The collections with canned results. */
  names(): string[] {
    return this.#byCollection ? [...this.#byCollection.keys()] : []
  }

  clear(): void {
    this.#byCollection?.clear()
  }
}

/**
 * The matches canned `results` give for `query`: a list is cut to `topK` (as a database never returns more),
 * a function's answer is used as it is. Copies, so a test's array is never shared with a reply.
 */
export async function cannedMatches(results: CannedResults, query: CannedQuery): Promise<VectorMatch[]> {
  const matches = typeof results === 'function' ? await results(query) : results.slice(0, query.topK)
  if (!Array.isArray(matches)) {
    throw new StandinError(
      'STANDIN_BAD_CANNED_RESULTS',
      `The canned results of collection ${JSON.stringify(query.collection)} returned ${typeof matches}, not an array of matches.`,
    )
  }
  return matches.map((m: VectorMatch) => ({
    id: String(m.id),
    score: m.score,
    ...(m.values && { values: [...m.values] }),
    ...(m.metadata && { metadata: structuredClone(m.metadata) }),
    ...(m.document !== undefined && { document: m.document }),
  }))
}
