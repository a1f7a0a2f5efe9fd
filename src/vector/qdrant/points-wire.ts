/**
 * Reading Qdrant's point bodies (points lists and batches, vectors, `with_payload`/`with_vector`) and writing
 * its `Record` and `ScoredPoint`.
 * @module
 */
import { isObject, type Json } from '../../providers/wire/json-guards'
import type { CollectionInfo, VectorMatch, VectorRecord } from '../types'
import { storeId, wireId } from './point-id'
import { formatError, wrongInput } from './qdrant-error'

/** The points of an upsert body: `{points: [{id, vector, payload}]}` or `{batch: {ids, vectors, payloads}}`. */
export function pointsToUpsert(body: Json, collection: CollectionInfo): VectorRecord[] {
  if (Array.isArray(body.points)) {
    return body.points.map((point, i) => {
      if (!isObject(point)) throw formatError(`points[${i}]: expected an object with id and vector`)
      return toRecord(point.id, point.vector, point.payload, collection, `points[${i}]`)
    })
  }
  if (isObject(body.batch)) {
    const { ids, vectors, payloads } = body.batch
    if (!Array.isArray(ids) || !Array.isArray(vectors))
      throw formatError('batch: expected {ids: [...], vectors: [...], payloads?: [...]}')
    if (vectors.length !== ids.length)
      throw wrongInput(`batch: ${ids.length} ids but ${vectors.length} vectors`)
    if (
      payloads !== undefined &&
      payloads !== null &&
      (!Array.isArray(payloads) || payloads.length !== ids.length)
    )
      throw wrongInput(`batch: payloads must be an array with one entry per id (${ids.length})`)
    return ids.map((id, i) =>
      toRecord(id, vectors[i], Array.isArray(payloads) ? payloads[i] : undefined, collection, `batch[${i}]`),
    )
  }
  throw formatError('expected `points` (a list of points) or `batch` (ids, vectors, payloads)')
}

function toRecord(
  id: unknown,
  vector: unknown,
  payload: unknown,
  c: CollectionInfo,
  where: string,
): VectorRecord {
  const values = denseVector(vector, c, `${where}.vector`)
  if (payload !== undefined && payload !== null && !isObject(payload))
    throw formatError(`${where}.payload: expected an object`)
  return {
    id: storeId(id, `${where}.id`),
    values: c.metric === 'cosine' ? normalise(values) : values,
    ...(isObject(payload) && { metadata: payload }),
  }
}

/**
 * A dense vector for a collection with one unnamed vector: a number array (`{"": [...]}` too). Checked here
 * for Qdrant's own dimension message.
 */
export function denseVector(vector: unknown, c: CollectionInfo, where: string): number[] {
  const values = isObject(vector) && Object.keys(vector).length === 1 && '' in vector ? vector[''] : vector
  if (isObject(values))
    throw wrongInput(
      `${where}: standin's Qdrant serves one unnamed dense vector per collection; named vectors (${Object.keys(values).join(', ')}) are not supported`,
    )
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'number' && Number.isFinite(v)))
    throw formatError(`${where}: expected an array of numbers`)
  if (values.length !== c.dimension)
    throw wrongInput(`Vector dimension error: expected dim: ${c.dimension}, got ${values.length}`)
  return values as number[]
}

/** Qdrant normalises vectors of a Cosine collection when they are stored, and answers them normalised. */
export function normalise(values: number[]): number[] {
  const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0))
  return norm === 0 ? values : values.map((v) => v / norm)
}

/** The payload keys to answer: `true`/`false`, a list, `{include}` or `{exclude}`. */
export type PayloadSelector = (payload: Json) => Json | undefined

export function payloadSelector(value: unknown, byDefault: boolean, where = 'with_payload'): PayloadSelector {
  if (value === undefined || value === null) value = byDefault
  if (value === true) return (payload) => payload
  if (value === false) return () => undefined
  const list = Array.isArray(value) ? value : isObject(value) ? (value.include ?? value.exclude) : undefined
  if (!Array.isArray(list) || !list.every((k) => typeof k === 'string'))
    throw formatError(`${where}: expected a boolean, a list of keys, {include: [...]} or {exclude: [...]}`)
  const keys = new Set(list as string[])
  const exclude = isObject(value) && 'exclude' in value
  return (payload) => Object.fromEntries(Object.entries(payload).filter(([k]) => keys.has(k) !== exclude))
}

export function withVector(value: unknown, where = 'with_vector'): boolean {
  if (value === undefined || value === null) return false
  if (typeof value === 'boolean') return value
  if (Array.isArray(value)) return value.includes('')
  throw formatError(`${where}: expected a boolean or a list of vector names`)
}

export interface PointOutput {
  payload: PayloadSelector
  vector: boolean
}

/** A Qdrant `Record` (retrieve, scroll). */
export function recordOut(record: VectorRecord, out: PointOutput): Json {
  const payload = out.payload(record.metadata ?? {})
  return {
    id: wireId(record.id),
    ...(payload !== undefined && { payload }),
    ...(out.vector && { vector: record.values }),
  }
}

/** A Qdrant `ScoredPoint` (search, query). */
export function scoredOut(match: VectorMatch, out: PointOutput): Json {
  const payload = out.payload(match.metadata ?? {})
  return {
    id: wireId(match.id),
    version: 0,
    score: match.score,
    ...(payload !== undefined && { payload }),
    ...(out.vector && match.values && { vector: match.values }),
  }
}
