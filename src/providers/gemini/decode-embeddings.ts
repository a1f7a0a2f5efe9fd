/**
 * Reading embedding answers back (record mode): `embedContent`'s `{"embedding": {"values"}}` (Vertex AI adds
 * `usageMetadata.promptTokenCount`, older Vertex answers `embedding.statistics.token_count`) and
 * `batchEmbedContents`' `{"embeddings": [{"values"}, ...]}`. Neither names the model.
 * @see https://ai.google.dev/api/embeddings#EmbedContentResponse
 * @module
 */
import type { Usage } from '../../canonical'
import type { DecodedEmbeddingResult, ResponseDecoding } from '../provider'
import { isObject, type Json } from '../wire/json-guards'
import { decodeGoogleError } from './decode-error'
import { field } from './json-fields'

export const embedContentDecoding: ResponseDecoding<DecodedEmbeddingResult, unknown> = {
  json(body) {
    if (!isObject(body) || !isObject(body.embedding)) {
      throw new Error('expected an EmbedContentResponse (an object with embedding.values)')
    }
    const result: DecodedEmbeddingResult = {
      kind: 'embedding',
      vectors: [values(body.embedding, 'embedding')],
    }
    const statistics = body.embedding.statistics
    const usage =
      promptUsage(body) ?? (isObject(statistics) ? tokenCount(field(statistics, 'tokenCount')) : undefined)
    if (usage) result.usage = usage
    return result
  },
  error: decodeGoogleError,
}

export const batchEmbedContentsDecoding: ResponseDecoding<DecodedEmbeddingResult, unknown> = {
  json(body) {
    if (!isObject(body) || !Array.isArray(body.embeddings)) {
      throw new Error('expected a BatchEmbedContentsResponse (an object with an embeddings array)')
    }
    const embeddings: unknown[] = body.embeddings
    const vectors = embeddings.map((embedding, i) => values(embedding, `embeddings[${i}]`))
    const result: DecodedEmbeddingResult = { kind: 'embedding', vectors }
    const usage = promptUsage(body)
    if (usage) result.usage = usage
    return result
  },
  error: decodeGoogleError,
}

function values(embedding: unknown, path: string): number[] {
  const list = isObject(embedding) ? embedding.values : undefined
  if (!Array.isArray(list) || !list.every((value) => typeof value === 'number')) {
    throw new Error(`expected ${path}.values to be an array of numbers`)
  }
  return list as number[]
}

function promptUsage(body: Json): Partial<Usage> | undefined {
  const usage = field(body, 'usageMetadata')
  return isObject(usage) ? tokenCount(field(usage, 'promptTokenCount')) : undefined
}

function tokenCount(count: unknown): Partial<Usage> | undefined {
  return typeof count === 'number' ? { inputTokens: count } : undefined
}
