/**
 * Reading Cohere embeddings back (record mode): v2's `embeddings` keyed by type. Floats are taken as they
 * are; without them, the first compressed form is expanded back to numbers: base64 (packed float32, exact to
 * float32), int8 and uint8 (scaled back to about [-1, 1]) or the binary forms (each bit as +1 or -1). The
 * compressed forms lose precision, but standin re-encodes what they expand to as the same compressed values.
 * v1's `embeddings` (a bare array of float vectors) is read too.
 * @see https://docs.cohere.com/reference/embed
 * @module
 */
import type { Usage } from '../../canonical'
import type { DecodedEmbeddingResult, ResponseDecoding } from '../provider'
import { isObject } from '../wire/json-guards'
import { cohereErrorResult } from './decode-response'

/** In order of preference: exact first. */
const READERS: [string, (vector: unknown) => number[]][] = [
  ['float', numbers],
  ['base64', fromBase64],
  ['int8', (vector) => numbers(vector).map((v) => v / 127)],
  ['uint8', (vector) => numbers(vector).map((v) => (v - 127.5) / 127.5)],
  ['ubinary', (vector) => bits(numbers(vector))],
  ['binary', (vector) => bits(numbers(vector).map((v) => v + 128))],
]

export const embedDecoding: ResponseDecoding<DecodedEmbeddingResult, unknown> = {
  json(body) {
    if (!isObject(body)) throw new Error('expected a Cohere embed response object')
    const result: DecodedEmbeddingResult = { kind: 'embedding', vectors: vectors(body.embeddings) }
    const usage = metaUsage(body.meta)
    if (usage) result.usage = usage
    return result
  },
  error: cohereErrorResult,
}

function vectors(embeddings: unknown): number[][] {
  if (Array.isArray(embeddings)) return embeddings.map(numbers)
  if (!isObject(embeddings)) throw new Error('expected a Cohere embed response with embeddings')
  for (const [type, read] of READERS) {
    const list = embeddings[type]
    if (Array.isArray(list)) return list.map(read)
  }
  throw new Error(`no embedding type standin reads among ${Object.keys(embeddings).join(', ') || 'none'}`)
}

function numbers(vector: unknown): number[] {
  if (!Array.isArray(vector) || !vector.every((value) => typeof value === 'number')) {
    throw new Error('expected each embedding to be an array of numbers')
  }
  return vector as number[]
}

function fromBase64(vector: unknown): number[] {
  if (typeof vector !== 'string') throw new Error('expected each base64 embedding to be a string')
  // Copied so the floats start on an aligned offset (Node's pooled Buffers may not).
  const bytes = Uint8Array.from(Buffer.from(vector, 'base64'))
  return Array.from(new Float32Array(bytes.buffer, 0, Math.floor(bytes.length / 4)))
}

/** Unsigned bytes, eight signs each, high bit first. */
function bits(bytes: number[]): number[] {
  const out: number[] = []
  for (const byte of bytes) for (let bit = 7; bit >= 0; bit--) out.push((byte >> bit) & 1 ? 1 : -1)
  return out
}

function metaUsage(meta: unknown): Partial<Usage> | undefined {
  if (!isObject(meta)) return undefined
  const pick = (holder: unknown): number | undefined =>
    isObject(holder) && typeof holder.input_tokens === 'number' ? holder.input_tokens : undefined
  const input = pick(meta.tokens) ?? pick(meta.billed_units)
  return input !== undefined ? { inputTokens: input } : undefined
}
