/**
 * Seeded random vectors with metadata and documents, and the brute-force neighbours a test expects a vector
 * database to return among those a filter keeps: computed here independently of the store, so a test
 * compares the mock with plain arithmetic. Euclidean scores are squared, as Pinecone and Chroma report them.
 * @module
 */
import { seeded } from './brute-force'

export interface SeededVector {
  id: string
  values: number[]
  metadata: { group: number; lang: string; year: number; tags: string[] }
  document: string
}

/** `count` vectors of `dimension` in [-1, 1), ids `v00`, `v01`… with metadata to filter on. */
export function seededVectors(count: number, dimension: number, seed = 42): SeededVector[] {
  const random = seeded(seed)
  return Array.from({ length: count }, (_, i) => ({
    id: `v${String(i).padStart(2, '0')}`,
    values: Array.from({ length: dimension }, () => Math.round((random() * 2 - 1) * 1e6) / 1e6),
    metadata: {
      group: i % 3,
      lang: i % 2 === 0 ? 'en' : 'fr',
      year: 2000 + i,
      tags: i % 4 === 0 ? ['news', 'sport'] : ['blog'],
    },
    document: `document number ${i}${i % 5 === 0 ? ' about vectors' : ''}`,
  }))
}

export type Metric = 'cosine' | 'dot' | 'euclidean'

export function similarity(metric: Metric, a: readonly number[], b: readonly number[]): number {
  let dot = 0
  let na = 0
  let nb = 0
  let sq = 0
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!
    na += a[i]! ** 2
    nb += b[i]! ** 2
    sq += (a[i]! - b[i]!) ** 2
  }
  if (metric === 'dot') return dot
  if (metric === 'euclidean') return sq
  return dot / Math.sqrt(na * nb)
}

/** The `k` nearest of `vectors` to `query` that `keep` selects, nearest first, with their scores. */
export function bruteForce(
  vectors: readonly SeededVector[],
  query: readonly number[],
  options: { metric: Metric; k: number; keep?: (v: SeededVector) => boolean },
): { id: string; score: number }[] {
  const sign = options.metric === 'euclidean' ? 1 : -1
  return vectors
    .filter((v) => !options.keep || options.keep(v))
    .map((v) => ({ id: v.id, score: similarity(options.metric, query, v.values) }))
    .sort((a, b) => sign * (a.score - b.score) || (a.id < b.id ? -1 : 1))
    .slice(0, options.k)
}
