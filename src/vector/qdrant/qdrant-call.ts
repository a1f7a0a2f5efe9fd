/**
 * What a Qdrant route handler gets (the session's store, the collection named in the path, the parsed body
 * and query) and gives back (the `result` of the envelope, and what the journal records).
 * @module
 */
import type { Json } from '../../providers/wire/json-guards'
import type { OperationFields } from '../journal-call'
import type { VectorStore } from '../store'

export interface QdrantCall {
  store: VectorStore
  /** The collection in the path (`''` for routes without one). */
  collection: string
  /** Path parameters after the collection (a point id). */
  params: string[]
  /** The JSON body (`{}` when there is none). */
  body: Json
  query: URLSearchParams
  /** Counts update operations, for `operation_id`. */
  nextOperation(): number
}

export interface QdrantAnswer extends Omit<OperationFields, 'collection'> {
  result: unknown
  /** A batch's operations, journaled one by one instead of this answer. */
  parts?: QdrantAnswer[]
}
