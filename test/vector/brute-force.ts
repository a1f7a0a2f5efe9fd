/**
 * The neighbours a test expects, computed here independently of standin: seeded random vectors and an exact
 * ranking by cosine similarity, dot product or euclidean distance.
 */

/** A small seeded generator (mulberry32), so every run upserts the same vectors. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function randomVectors(count: number, dimension: number, seed = 7): number[][] {
  const next = seeded(seed)
  return Array.from({ length: count }, () => Array.from({ length: dimension }, () => next() * 2 - 1))
}

const dot = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0)
const norm = (a: number[]) => Math.sqrt(dot(a, a))

export type Metric = 'cosine' | 'dot' | 'euclidean'

export function similarity(metric: Metric, a: number[], b: number[]): number {
  if (metric === 'cosine') return dot(a, b) / (norm(a) * norm(b))
  if (metric === 'dot') return dot(a, b)
  return Math.sqrt(a.reduce((sum, v, i) => sum + (v - b[i]!) ** 2, 0))
}

/** The `k` nearest of `items` to `query`, nearest first, as `[id, score]`. */
export function nearest<T extends { id: string | number; values: number[] }>(
  metric: Metric,
  items: T[],
  query: number[],
  k: number,
): [T['id'], number][] {
  const sign = metric === 'euclidean' ? 1 : -1
  return items
    .map((item) => [item.id, similarity(metric, query, item.values)] as [T['id'], number])
    .sort((a, b) => sign * (a[1] - b[1]))
    .slice(0, k)
}
