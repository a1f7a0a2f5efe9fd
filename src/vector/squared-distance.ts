/**
 * Pinecone (`euclidean`) and Chroma (`l2`) report the squared euclidean distance. Squaring the store's
 * distance would round (`√2²` is `2.0000000000000004`), so a computed match's is summed from its values.
 * @module
 */
import type { VectorMatch } from './types'

/** The squared distance of `match` from `query`: from its values when it has them, else its score squared. */
export function squaredDistance(query: readonly number[], match: VectorMatch): number {
  const { values } = match
  if (!values || values.length !== query.length) return match.score * match.score
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += (query[i]! - values[i]!) ** 2
  return sum
}
