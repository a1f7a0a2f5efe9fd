/**
 * Deterministic embeddings: a unit vector derived from a SHA-256 of the input, so the same text always gets
 * the same vector and different texts get different ones (cosine similarity near 0).
 *
 * Every surface's vectors are made here, so this is also where the size of an embedding answer is capped:
 * each surface enforces its provider's own limits first, and these caps stop a request that a decoder let
 * through from allocating without bound (a 300,000,000-dimension vector ends the process).
 * @see ../../docs/decisions/embedding-limits.md
 * @module
 */
import { lazyRequire } from './lazy-require'
import { WireError } from '../errors'

// node:crypto (and the streams it loads) costs ~4 ms at import: loaded on first use (issue 15).
const nodeCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto')

export const DEFAULT_DIMENSIONS = 1536

/**
 * The longest vector standin makes: above every embedding model we know of (OpenAI's and Gemini's largest
 * are 3072, open models served through Ollama or OpenRouter reach 4096), so only a hostile request meets it.
 */
export const MAX_DIMENSIONS = 8192

/**
 * The most values (vectors × dimensions) in one answer: 2048 inputs (OpenAI's batch limit) of 4096
 * dimensions, above OpenAI's largest legal answer (2048 × 3072).
 */
export const MAX_EMBEDDING_VALUES = 2048 * 4096

/** Throws a 400 WireError when a vector of `dimensions` is too long to make. */
export function checkDimensions(dimensions: number): void {
  if (dimensions <= MAX_DIMENSIONS) return
  throw new WireError(
    400,
    `Invalid value for 'dimensions': standin makes vectors of at most ${MAX_DIMENSIONS} dimensions, got ${dimensions}.`,
    { param: 'dimensions' },
  )
}

/**
 * Throws a 400 WireError when `count` vectors of `dimensions` each exceed the answer's budget. A fixture's
 * own vector is one array repeated, but the rendered answer still grows with the count.
 */
export function checkEmbeddingSize(count: number, dimensions: number): void {
  if (count * dimensions <= MAX_EMBEDDING_VALUES) return
  throw new WireError(
    400,
    `The request asks for ${count} vectors of ${dimensions} dimensions; standin answers at most ${MAX_EMBEDDING_VALUES} values in one request.`,
  )
}

export function deterministicVector(input: string, dimensions = DEFAULT_DIMENSIONS): number[] {
  checkDimensions(dimensions)
  const digest = nodeCrypto().createHash('sha256').update(input).digest()
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
