/**
 * Deterministic embeddings: a unit vector derived from a SHA-256 of the input, so the same text always gets
 * the same vector and different texts get different ones (cosine similarity near 0).
 * @module
 */
import { createHash } from 'node:crypto'

export const DEFAULT_DIMENSIONS = 1536

export function deterministicVector(input: string, dimensions = DEFAULT_DIMENSIONS): number[] {
  const digest = createHash('sha256').update(input).digest()
  let state = digest.readUInt32LE(0) ^ digest.readUInt32LE(4) ^ digest.readUInt32LE(8)
  const vector = new Array<number>(dimensions)
  let norm = 0
  for (let i = 0; i < dimensions; i++) {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    const value = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1
    vector[i] = value
    norm += value * value
  }
  const scale = 1 / Math.sqrt(norm)
  for (let i = 0; i < dimensions; i++) vector[i] = Math.fround(vector[i]! * scale)
  return vector
}
