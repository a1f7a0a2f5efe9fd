/**
 * Reading an embeddings answer back (record mode): `data[]` ordered by each entry's `index`, every
 * `embedding` an array of numbers or, with `encoding_format: "base64"` (the official SDK's default request),
 * the base64 of little-endian float32 values. Which one came is read from the value itself, so an upstream
 * that ignores the requested format is still read right.
 * @see https://platform.openai.com/docs/api-reference/embeddings/object
 * @module
 */
import type { Usage } from '../../canonical'
import type { DecodedEmbeddingResult, ResponseDecoding } from '../provider'
import { isObject } from '../wire/json-guards'
import { openaiErrorResult, preview } from './decode-error'
import type { EmbeddingWire } from './embeddings'

export const embeddingsResponseDecoding: ResponseDecoding<DecodedEmbeddingResult, EmbeddingWire> = {
  json(body) {
    if (!isObject(body) || !Array.isArray(body.data)) {
      throw new Error(`embeddings: expected a list object with data[], got ${preview(body)}`)
    }
    const entries = body.data.map((entry: unknown, position) => {
      if (!isObject(entry)) throw new Error(`embeddings: data[${position}] is not an object`)
      const index = typeof entry.index === 'number' ? entry.index : position
      return { index, vector: readVector(entry.embedding, position) }
    })
    entries.sort((a, b) => a.index - b.index)
    const result: DecodedEmbeddingResult = { kind: 'embedding', vectors: entries.map((e) => e.vector) }
    if (typeof body.model === 'string' && body.model !== '') result.model = body.model
    if (isObject(body.usage) && typeof body.usage.prompt_tokens === 'number') {
      const usage: Partial<Usage> = { inputTokens: body.usage.prompt_tokens }
      result.usage = usage
    }
    return result
  },
  error: openaiErrorResult,
}

function readVector(embedding: unknown, position: number): number[] {
  if (typeof embedding === 'string') return float32FromBase64(embedding, position)
  if (Array.isArray(embedding) && embedding.every((x) => typeof x === 'number')) return embedding as number[]
  throw new Error(`embeddings: data[${position}].embedding is neither numbers nor base64 text`)
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** Little-endian float32 values, read as such whatever the machine's byte order. */
export function float32FromBase64(text: string, position = 0): number[] {
  const bytes = BASE64.test(text) ? Buffer.from(text, 'base64') : undefined
  if (!bytes || bytes.length % 4 !== 0) {
    throw new Error(`embeddings: data[${position}].embedding is not base64 of float32 values`)
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const vector = new Array<number>(bytes.length / 4)
  for (let i = 0; i < vector.length; i++) vector[i] = view.getFloat32(i * 4, true)
  return vector
}
