/**
 * Maximal marginal relevance, as Qdrant's `{nearest, mmr: {diversity, candidates_limit}}` picks: the
 * `candidates_limit` nearest points (default: the limit) are re-picked one at a time, first the most relevant,
 * then the one maximising `λ·relevance − (1 − λ)·(highest similarity to a point already picked)` with
 * `λ = 1 − diversity` (default diversity 0.5). Points keep their query scores, in the order picked.
 * @see https://qdrant.tech/documentation/concepts/hybrid-queries/#maximal-marginal-relevance-mmr
 * @module
 */
import { score } from '../similarity'
import type { VectorMatch, VectorMetric } from '../types'

/** A similarity, higher is nearer, for every metric (a euclidean distance counts negatively). */
function similarity(metric: VectorMetric, a: number[], b: number[]): number {
  const value = score(metric, a, b)
  return metric === 'euclidean' ? -value : value
}

/** Picks `limit` of `candidates` (which carry their values, nearest first) by MMR. */
export function pickByMmr(
  candidates: readonly VectorMatch[],
  options: { metric: VectorMetric; diversity: number; limit: number },
): VectorMatch[] {
  const { metric, limit } = options
  const lambda = 1 - options.diversity
  const relevance = candidates.map((c) => (metric === 'euclidean' ? -c.score : c.score))
  const remaining = candidates.map((_, i) => i)
  const picked: number[] = []
  while (picked.length < limit && remaining.length > 0) {
    let best = 0
    let bestScore = -Infinity
    remaining.forEach((candidate, at) => {
      const nearestPicked = picked.length
        ? Math.max(
            ...picked.map((p) => similarity(metric, candidates[candidate]!.values!, candidates[p]!.values!)),
          )
        : 0
      const mmr =
        picked.length === 0
          ? relevance[candidate]!
          : lambda * relevance[candidate]! - (1 - lambda) * nearestPicked
      if (mmr > bestScore) {
        bestScore = mmr
        best = at
      }
    })
    picked.push(remaining.splice(best, 1)[0]!)
  }
  return picked.map((i) => candidates[i]!)
}
