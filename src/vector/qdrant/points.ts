/**
 * Qdrant's point routes: upsert, retrieve, delete, count, scroll, and the two ways to find neighbours,
 * `points/search` (the classic API) and `points/query` (the universal one `client.query()` uses).
 * @module
 */
import { isObject, type Json } from '../../providers/wire/json-guards'
import { higherIsNearer } from '../similarity'
import type { CollectionInfo } from '../types'
import { qdrantFilter } from './filter'
import { pickByMmr } from './mmr'
import { storeId, wireId } from './point-id'
import {
  denseVector,
  normalise,
  payloadSelector,
  pointsToUpsert,
  recordOut,
  scoredOut,
  withVector,
  type PointOutput,
} from './points-wire'
import type { QdrantAnswer, QdrantCall } from './qdrant-call'
import { collectionNotFound, formatError, QdrantError, wrongInput } from './qdrant-error'

export function upsertPoints(call: QdrantCall): QdrantAnswer {
  const { store, collection, body } = call
  const records = pointsToUpsert(body, info(call))
  store.upsert(collection, records)
  return { result: updateResult(call), operation: 'upsert', records: records.length }
}

export function deletePoints(call: QdrantCall): QdrantAnswer {
  const { store, collection, body } = call
  info(call)
  if (Array.isArray(body.points)) {
    const ids = body.points.map((id, i) => storeId(id, `points[${i}]`))
    return { result: updateResult(call), operation: 'delete', records: store.delete(collection, { ids }) }
  }
  if (isObject(body.filter)) {
    const filter = qdrantFilter(body.filter)!
    const deleted = store.delete(collection, { filter })
    return { result: updateResult(call), operation: 'delete', filter: body.filter, records: deleted }
  }
  throw formatError('expected `points` (a list of ids) or `filter`')
}

export function retrievePoints(call: QdrantCall): QdrantAnswer {
  const { store, collection, body } = call
  info(call)
  if (!Array.isArray(body.ids)) throw formatError('ids: expected a list of point ids')
  const ids = body.ids.map((id, i) => storeId(id, `ids[${i}]`))
  const out = output(body, true)
  const records = store.fetch(collection, ids)
  return { result: records.map((r) => recordOut(r, out)), operation: 'fetch', records: records.length }
}

export function getPoint(call: QdrantCall): QdrantAnswer {
  const { store, collection, params } = call
  info(call)
  const raw = params[0]!
  const id = storeId(/^\d+$/.test(raw) ? Number(raw) : raw, 'id')
  const [record] = store.fetch(collection, [id])
  if (!record) throw new QdrantError(404, `Not found: No point with id ${raw} found`)
  return { result: recordOut(record, { payload: (p) => p, vector: true }), operation: 'fetch', records: 1 }
}

export function countPoints(call: QdrantCall): QdrantAnswer {
  const { store, collection, body } = call
  info(call)
  const count = store.count(collection, { filter: qdrantFilter(body.filter) })
  return { result: { count }, operation: 'count', filter: body.filter ?? undefined, records: count }
}

export function scrollPoints(call: QdrantCall): QdrantAnswer {
  const { store, collection, body } = call
  info(call)
  if (body.order_by !== undefined && body.order_by !== null)
    throw wrongInput("order_by: standin's Qdrant scrolls in id order only")
  const limit = body.limit ?? 10
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)
    throw formatError('limit: expected a positive integer')
  const cursor =
    body.offset === undefined || body.offset === null ? undefined : storeId(body.offset, 'offset')
  const page = store.scroll(collection, { filter: qdrantFilter(body.filter), limit, cursor })
  const out = output(body, true)
  return {
    result: {
      points: page.records.map((r) => recordOut(r, out)),
      next_page_offset: page.next === undefined ? null : wireId(page.next),
    },
    operation: 'scroll',
    filter: body.filter ?? undefined,
    records: page.records.length,
  }
}

/** `points/search`: `{vector, filter, limit, offset, score_threshold, with_payload, with_vector}`. */
export async function searchPoints(call: QdrantCall): Promise<QdrantAnswer> {
  const vector =
    isObject(call.body.vector) && 'vector' in call.body.vector ? named(call.body.vector) : call.body.vector
  const found = await nearest(call, vector, 'vector')
  return { ...found, result: found.points, operation: 'query' }
}

/** `points/query`: `query` as a vector or `{nearest: vector}`; no `query` lists points in id order. */
export async function queryPoints(call: QdrantCall): Promise<QdrantAnswer> {
  const { body } = call
  if (body.prefetch !== undefined && body.prefetch !== null)
    throw wrongInput("prefetch: standin's Qdrant answers single-stage queries (a vector or {nearest})")
  if (body.using !== undefined && body.using !== null && body.using !== '')
    throw wrongInput(
      `using: standin's Qdrant serves one unnamed vector per collection, not ${JSON.stringify(body.using)}`,
    )
  const nearestQuery = isObject(body.query) && 'nearest' in body.query ? body.query : undefined
  const query = nearestQuery ? nearestQuery.nearest : body.query
  if (query === undefined || query === null) return listAsQuery(call)
  if (!Array.isArray(query)) {
    throw wrongInput(
      `query: standin's Qdrant answers a dense vector or {nearest: vector}; got ${JSON.stringify(query).slice(0, 80)}`,
    )
  }
  const found = await nearest(call, query, 'query', mmrOptions(nearestQuery?.mmr))
  return { ...found, result: { points: found.points }, operation: 'query' }
}

function listAsQuery(call: QdrantCall): QdrantAnswer {
  const { store, collection, body } = call
  info(call)
  const { limit, offset } = window(body)
  const page = store.scroll(collection, { filter: qdrantFilter(body.filter), limit: limit + offset })
  const out = output(body, false)
  const points = page.records.slice(offset).map((r) => ({ ...recordOut(r, out), version: 0, score: 0 }))
  return {
    result: { points },
    operation: 'query',
    topK: limit,
    filter: body.filter ?? undefined,
    records: points.length,
  }
}

interface Nearest extends Omit<QdrantAnswer, 'result' | 'operation'> {
  points: Json[]
}

/** The neighbours of `vector`: canned results when the collection has some, else the store's exact search. */
async function nearest(call: QdrantCall, vector: unknown, field: string, mmr?: Mmr): Promise<Nearest> {
  const { store, collection, body } = call
  const { limit, offset } = window(body)
  const threshold = body.score_threshold
  if (threshold !== undefined && threshold !== null && typeof threshold !== 'number')
    throw formatError('score_threshold: expected a number')
  const out = output(body, false)
  const filter = qdrantFilter(body.filter)
  const canned = store.hasCanned(collection)
  const c = canned ? store.collection(collection) : info(call)
  let values: number[]
  if (c) values = denseVector(vector, c, field)
  else if (Array.isArray(vector) && vector.every((v) => typeof v === 'number')) values = vector
  else throw formatError(`${field}: expected an array of numbers`)
  if (c?.metric === 'cosine') values = normalise(values)
  const topK = mmr ? Math.max(mmr.candidates ?? limit, limit + offset) : limit + offset
  if (mmr && topK > MAX_MMR_CANDIDATES)
    throw wrongInput(`query.mmr: standin re-picks at most ${MAX_MMR_CANDIDATES} candidates (limit + offset)`)
  const includeValues = out.vector || mmr !== undefined
  const answer = await store.answer(
    collection,
    { vector: values, topK, filter, includeValues, includeMetadata: true },
    { dialect: 'qdrant', filter: body.filter ?? undefined },
  )
  if (mmr && c && !answer.canned) {
    const picked = pickByMmr(answer.matches, {
      metric: c.metric,
      diversity: mmr.diversity,
      limit: limit + offset,
    })
    answer.matches = out.vector ? picked : picked.map(({ values: _values, ...rest }) => rest)
  }
  const nearer = !c || higherIsNearer(c.metric)
  const matches = answer.matches
    .slice(answer.canned ? 0 : offset)
    .filter((m) => typeof threshold !== 'number' || (nearer ? m.score >= threshold : m.score <= threshold))
  return {
    points: matches.map((m) => scoredOut(m, out)),
    topK: limit,
    filter: body.filter ?? undefined,
    records: matches.length,
    canned: answer.canned,
  }
}

const MAX_MMR_CANDIDATES = 10_000

interface Mmr {
  diversity: number
  candidates: number | undefined
}

function mmrOptions(value: unknown): Mmr | undefined {
  if (value === undefined || value === null) return undefined
  if (!isObject(value)) throw formatError('query.mmr: expected {diversity?, candidates_limit?}')
  const diversity = value.diversity ?? 0.5
  if (typeof diversity !== 'number' || diversity < 0 || diversity > 1)
    throw wrongInput('query.mmr.diversity: expected a number from 0 to 1')
  const candidates = value.candidates_limit ?? undefined
  if (
    candidates !== undefined &&
    (typeof candidates !== 'number' || !Number.isInteger(candidates) || candidates < 1)
  )
    throw formatError('query.mmr.candidates_limit: expected a positive integer')
  // MMR compares every candidate with every pick: bounded, so one request cannot hold the port for minutes.
  if (candidates !== undefined && candidates > MAX_MMR_CANDIDATES)
    throw wrongInput(`query.mmr.candidates_limit: standin re-picks at most ${MAX_MMR_CANDIDATES} candidates`)
  return { diversity, candidates }
}

function window(body: Json): { limit: number; offset: number } {
  const limit = body.limit ?? body.top ?? 10
  const offset = body.offset ?? 0
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)
    throw formatError('limit: expected a positive integer')
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0)
    throw formatError('offset: expected a non-negative integer')
  return { limit, offset }
}

function named(vector: Json): unknown {
  if (vector.name !== undefined && vector.name !== '')
    throw wrongInput(
      `vector.name: standin's Qdrant serves one unnamed vector per collection, not ${JSON.stringify(vector.name)}`,
    )
  return vector.vector
}

function output(body: Json, payloadByDefault: boolean): PointOutput {
  return {
    payload: payloadSelector(body.with_payload, payloadByDefault),
    vector: withVector(body.with_vector),
  }
}

/** The collection named in the path; a 404 in Qdrant's words when there is none. */
function info(call: QdrantCall): CollectionInfo {
  const c = call.store.collection(call.collection)
  if (!c) throw collectionNotFound(call.collection)
  return c
}

function updateResult(call: QdrantCall): Json {
  const wait = call.query.get('wait')
  return { operation_id: call.nextOperation(), status: wait === 'true' ? 'completed' : 'acknowledged' }
}

/** `points/query/batch`: `{searches: [QueryRequest]}`, one `{points}` each. */
export async function queryBatch(call: QdrantCall): Promise<QdrantAnswer> {
  const parts = await Promise.all(searches(call).map((body) => queryPoints({ ...call, body })))
  return { result: parts.map((p) => p.result), operation: 'query', parts }
}

/** `points/search/batch`: `{searches: [SearchRequest]}`, one list of scored points each. */
export async function searchBatch(call: QdrantCall): Promise<QdrantAnswer> {
  const parts = await Promise.all(searches(call).map((body) => searchPoints({ ...call, body })))
  return { result: parts.map((p) => p.result), operation: 'query', parts }
}

function searches(call: QdrantCall): Json[] {
  const list = call.body.searches
  if (!Array.isArray(list) || !list.every(isObject))
    throw formatError('searches: expected a list of requests')
  return list
}
