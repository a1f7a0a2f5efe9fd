/**
 * Cohere rerank: `POST /v2/rerank` (documents as strings) and `POST /v1/rerank` (strings or objects, with
 * `rank_fields` and `return_documents`), answered with `results` ({index, relevance_score}, most relevant
 * first, cut to `top_n`), an `id` and `meta`, as `cohere-ai` reads them.
 * @see https://docs.cohere.com/reference/rerank
 * @module
 */
import { lazyRequire } from '../../core/lazy-require'
import type { ServiceResult } from '../../canonical'
import { WireError } from '../../errors'
import type { ServiceSurface } from '../provider'
import { isObject, isPositiveInteger, type Json } from '../wire/json-guards'
import { invalid } from './decode-messages'
import { cohereError } from './errors'

// node:crypto (and the streams it loads) costs ~4 ms at import: loaded on first use (issue 15).
const nodeCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto')

interface RerankWire {
  version: '1' | '2'
  /** v1 with `return_documents`: each document as sent (a string becomes `{text}`). */
  documents?: Array<Record<string, unknown>>
}

/** Cohere's recommended ceiling; the API refuses far larger batches, and so does standin. */
const MAX_DOCUMENTS = 10_000

function rerankSurface(version: '1' | '2'): ServiceSurface<RerankWire> {
  return {
    kind: 'service',
    id: version === '2' ? 'cohere.rerank' : 'cohere.rerank-v1',
    provider: 'cohere',
    routes: [{ method: 'POST', path: `/v${version}/rerank` }],

    decode(body) {
      if (!isObject(body)) throw new WireError(400, 'invalid request: the body must be a JSON object.')
      // v1 has a default model; v2 requires one.
      if (version === '2' && (typeof body.model !== 'string' || body.model === ''))
        throw invalid('model', 'a non-empty string')
      if (body.model !== undefined && typeof body.model !== 'string') throw invalid('model', 'a string')
      if (typeof body.query !== 'string' || body.query === '') throw invalid('query', 'a non-empty string')
      if (!Array.isArray(body.documents) || body.documents.length === 0)
        throw invalid('documents', 'a non-empty array')
      if (body.documents.length > MAX_DOCUMENTS)
        throw invalid('documents', `an array of at most ${MAX_DOCUMENTS} documents`)
      const topN = body.top_n
      if (topN !== undefined && topN !== null && !isPositiveInteger(topN))
        throw invalid('top_n', 'a positive integer')
      const fields = rankFields(body, version)
      const documents = body.documents.map((doc, i) => documentText(doc, i, version, fields))
      const wire: RerankWire = { version }
      if (version === '1' && body.return_documents === true)
        wire.documents = body.documents.map((doc) =>
          typeof doc === 'string' ? { text: doc } : (doc as Json),
        )
      return {
        request: {
          kind: 'rerank',
          query: body.query,
          documents,
          ...(typeof body.model === 'string' && { model: body.model }),
          ...(typeof topN === 'number' && { topN }),
        },
        wire,
      }
    },

    encode(result, wire) {
      if (result.kind !== 'rerank') throw new Error(`cohere rerank cannot encode a ${result.kind} result`)
      return {
        id: responseId(result),
        results: result.ranking.map(({ index, score }) => ({
          ...(wire.documents && { document: wire.documents[index] }),
          index,
          relevance_score: score,
        })),
        meta: { api_version: { version: wire.version }, billed_units: { search_units: 1 } },
      }
    },

    encodeError: cohereError,
  }
}

/** v1's `rank_fields` (default `text`); v2 documents are plain strings. */
function rankFields(body: Json, version: '1' | '2'): string[] {
  const fields = body.rank_fields
  if (fields === undefined || fields === null) return ['text']
  if (
    version === '1' &&
    Array.isArray(fields) &&
    fields.length > 0 &&
    fields.every((f) => typeof f === 'string')
  )
    return fields as string[]
  throw invalid('rank_fields', 'a non-empty array of strings')
}

function documentText(doc: unknown, index: number, version: '1' | '2', fields: string[]): string {
  if (typeof doc === 'string') return doc
  if (version === '2' || !isObject(doc)) throw invalid(`documents[${index}]`, 'a string')
  const values = fields.map((field) => doc[field])
  if (values.every((v) => v === undefined)) throw invalid(`documents[${index}].${fields[0]}`, 'a string')
  return values.filter((v): v is string => typeof v === 'string').join('\n')
}

/** A UUID derived from the ranking, so the same request gets the same id on every run. */
function responseId(result: ServiceResult): string {
  const hex = nodeCrypto().createHash('sha256').update(JSON.stringify(result)).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export const rerankSurface2 = rerankSurface('2')
export const rerankSurface1 = rerankSurface('1')
