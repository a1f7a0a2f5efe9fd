/**
 * The three metrics, computed exactly (brute force, in double precision), and the order of their scores.
 * @module
 */
import type { VectorMetric } from './types'

export function score(metric: VectorMetric, a: readonly number[], b: readonly number[]): number {
  if (metric === 'euclidean') {
    let sum = 0
    for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2
    return Math.sqrt(sum)
  }
  let dot = 0
  let na = 0
  let nb = 0
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!
    na += a[i]! * a[i]!
    nb += b[i]! * b[i]!
  }
  if (metric === 'dot') return dot
  // A zero vector has no direction: it is no nearer to anything than to anything else.
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb)
}

/** Similarities rank high first; a distance ranks low first. */
export function higherIsNearer(metric: VectorMetric): boolean {
  return metric !== 'euclidean'
}

/**
 * The store's id order, used for ties and paging: decimal ids (Qdrant's numeric ids) first, by value, then
 * every other id by code units. Deterministic whatever order records were upserted in.
 */
export function compareIds(a: string, b: string): number {
  const da = DECIMAL.test(a)
  const db = DECIMAL.test(b)
  if (da !== db) return da ? -1 : 1
  if (da && a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

const DECIMAL = /^(0|[1-9][0-9]*)$/
