/**
 * Pinecone's data plane on an index host (`…/indexes/<name>`): upsert, query (by vector or by id), fetch,
 * fetch by metadata, update, delete, list, stats and namespaces, translated to the store. Scores are
 * Pinecone's: cosine similarity, dot product, and for `euclidean` the squared distance (lower is nearer).
 * Canned results (`onQuery`) are converted alike: their `score` is in the store's terms.
 * @see https://docs.pinecone.io/reference/api/data-plane/query
 * @module
 */
import { isObject, type Json } from '../../providers/wire/json-guards'
import type { DialectCall, DialectRoute } from '../dialect-server'
import { VectorStoreError } from '../errors'
import { squaredDistance } from '../squared-distance'
import type { VectorStore } from '../store'
import type { RecordFilter, VectorMatch } from '../types'
import { indexNotFound } from './control-plane'
import { pineconeFilter } from './filter'
import {
  byId,
  checkDimension,
  cursorOf,
  invalid,
  limitOf,
  metadataOf,
  namespaceOf,
  numberParam,
  object,
  record,
  tokenOf,
  valuesOf,
  wireNamespace,
} from './wire'

const USAGE = { readUnits: 1 }
const MAX_TOP_K = 10_000
const MAX_LIST = 100

const INDEX = '/indexes/{name}'

export const dataPlaneRoutes: readonly DialectRoute[] = [
  { method: 'POST', path: `${INDEX}/vectors/upsert`, operation: 'upsert', handle: upsert },
  { method: 'POST', path: `${INDEX}/query`, operation: 'query', handle: query },
  { method: 'GET', path: `${INDEX}/vectors/fetch`, operation: 'fetch', handle: fetchByIds },
  { method: 'POST', path: `${INDEX}/vectors/fetch_by_metadata`, operation: 'fetch', handle: fetchByMetadata },
  { method: 'POST', path: `${INDEX}/vectors/update`, operation: 'update', handle: update },
  { method: 'POST', path: `${INDEX}/vectors/delete`, operation: 'delete', handle: remove },
  { method: 'GET', path: `${INDEX}/vectors/list`, operation: 'list', handle: list },
  { method: 'POST', path: `${INDEX}/describe_index_stats`, operation: 'stats', handle: stats },
  { method: 'GET', path: `${INDEX}/describe_index_stats`, operation: 'stats', handle: stats },
  { method: 'GET', path: `${INDEX}/namespaces`, operation: 'list-namespaces', handle: listNamespaces },
  {
    method: 'GET',
    path: `${INDEX}/namespaces/{namespace}`,
    operation: 'describe-namespace',
    handle: describeNamespace,
  },
  { method: 'DELETE', path: `${INDEX}/namespaces/{namespace}`, operation: 'delete', handle: deleteNamespace },
]

function upsert(call: DialectCall) {
  const name = existing(call)
  const body = object(call.json())
  const namespace = namespaceOf(body.namespace)
  if (!Array.isArray(body.vectors)) throw invalid('vectors must be an array of vectors.')
  const records = body.vectors.map((vector, i) => record(vector, `vectors[${i}]`))
  const { dimension } = call.store.collection(name)!
  for (const r of records) checkDimension(r.values, dimension, 'Vector')
  const upsertedCount = call.store.upsert(name, records, { namespace })
  return {
    body: { upsertedCount },
    note: { operation: 'upsert', collection: name, namespace, records: upsertedCount },
  }
}

async function query(call: DialectCall) {
  const name = call.params.name!
  const body = object(call.json())
  const namespace = namespaceOf(body.namespace)
  const topK = body.topK
  if (typeof topK !== 'number' || !Number.isInteger(topK) || topK < 1 || topK > MAX_TOP_K) {
    throw invalid(`topK must be an integer from 1 to ${MAX_TOP_K}; got ${JSON.stringify(topK)}.`)
  }
  if (body.vector !== undefined && body.id !== undefined) {
    throw invalid('Cannot provide both id and vector at the same time: query by one of them.')
  }
  const canned = call.store.hasCanned(name)
  if (!canned && !call.store.hasCollection(name)) throw indexNotFound(name)
  const filter = pineconeFilter(body.filter)
  const includeValues = body.includeValues === true
  const includeMetadata = body.includeMetadata === true
  const note = {
    operation: 'query',
    collection: name,
    namespace,
    topK,
    ...(body.filter !== undefined && { filter: body.filter }),
  }
  let vector: number[]
  if (body.id !== undefined) {
    if (typeof body.id !== 'string' || body.id === '') throw invalid('id must be a non-empty string.')
    const found = call.store.hasCollection(name)
      ? call.store.fetch(name, [body.id], { namespace })[0]
      : undefined
    // Pinecone answers a query by an id it does not hold with no matches.
    if (!found && !canned) return { body: answer([], namespace), note: { ...note, records: 0 } }
    vector = found?.values ?? []
  } else {
    if (!Array.isArray(body.vector) || body.vector.length === 0) {
      throw invalid('Provide a query vector (vector) or the id of a stored vector (id).')
    }
    vector = body.vector as number[]
    const info = call.store.collection(name)
    if (info && !canned) checkDimension(vector, info.dimension, 'Query vector')
  }
  const euclidean = call.store.collection(name)?.metric === 'euclidean'
  const result = await call.store.answer(
    name,
    // Values are read for euclidean too: the squared distance is summed from them, not squared from a root.
    {
      vector,
      topK,
      namespace,
      ...(filter && { filter }),
      includeValues: includeValues || euclidean,
      includeMetadata,
    },
    { dialect: 'pinecone', filter: body.filter },
  )
  // Canned scores are in the store's terms too (see `VectorMatch.score`), so they are converted alike.
  const score = (m: VectorMatch) =>
    !euclidean ? m.score : result.canned ? m.score * m.score : squaredDistance(vector, m)
  const matches = result.matches.map((m) => match(m, score(m), { includeValues, includeMetadata }))
  return {
    body: answer(matches, namespace),
    note: { ...note, records: matches.length, canned: result.canned },
  }
}

function answer(matches: Json[], namespace: string): Json {
  return { results: [], matches, namespace: wireNamespace(namespace), usage: USAGE }
}

function match(
  m: VectorMatch,
  score: number,
  options: { includeValues: boolean; includeMetadata: boolean },
): Json {
  return {
    id: m.id,
    score,
    values: options.includeValues && m.values ? m.values : [],
    ...(options.includeMetadata && m.metadata && { metadata: m.metadata }),
  }
}

function fetchByIds(call: DialectCall) {
  const name = existing(call)
  const ids = call.query.getAll('ids')
  if (ids.length === 0) throw invalid('ids must name at least one vector: ?ids=a&ids=b.')
  const namespace = namespaceOf(call.query.get('namespace'))
  const found = call.store.fetch(name, ids, { namespace })
  return {
    body: { vectors: byId(found), namespace: wireNamespace(namespace), usage: USAGE },
    note: { operation: 'fetch', collection: name, namespace, records: found.length },
  }
}

function fetchByMetadata(call: DialectCall) {
  const name = existing(call)
  const body = object(call.json())
  const namespace = namespaceOf(body.namespace)
  if (!isObject(body.filter)) throw invalid('filter must be an object.')
  const filter = pineconeFilter(body.filter)
  const limit = limitOf(body.limit, 100, 10_000)
  const page = call.store.scroll(name, { namespace, limit, filter, cursor: cursorOf(body.paginationToken) })
  return {
    body: {
      vectors: byId(page.records),
      namespace: wireNamespace(namespace),
      usage: USAGE,
      ...(page.next !== undefined && { pagination: { next: tokenOf(page.next) } }),
    },
    note: {
      operation: 'fetch',
      collection: name,
      namespace,
      filter: body.filter,
      records: page.records.length,
    },
  }
}

function update(call: DialectCall) {
  const name = existing(call)
  const body = object(call.json())
  const namespace = namespaceOf(body.namespace)
  if (body.setMetadata !== undefined) metadataOf(body.setMetadata, 'setMetadata')
  const metadata = body.setMetadata as Json | undefined
  if (body.id !== undefined) {
    if (typeof body.id !== 'string' || body.id === '') throw invalid('id must be a non-empty string.')
    const values = body.values === undefined ? undefined : valuesOf(body.values, 'values')
    const matched = call.store.update(name, body.id, {
      namespace,
      ...(values && { values }),
      ...(metadata && { metadata }),
    })
    return {
      body: { matchedRecords: matched ? 1 : 0 },
      note: { operation: 'update', collection: name, namespace, records: matched ? 1 : 0 },
    }
  }
  if (!isObject(body.filter))
    throw invalid('Provide the id of the vector to update, or a filter with setMetadata.')
  if (body.values !== undefined) throw invalid('values can only be updated by id.')
  const filter = pineconeFilter(body.filter)!
  const ids = allIds(call.store, name, namespace, filter)
  if (body.dryRun !== true && metadata)
    for (const id of ids) call.store.update(name, id, { namespace, metadata })
  return {
    body: { matchedRecords: ids.length },
    note: { operation: 'update', collection: name, namespace, filter: body.filter, records: ids.length },
  }
}

function remove(call: DialectCall) {
  const name = existing(call)
  const body = object(call.json())
  const namespace = namespaceOf(body.namespace)
  const ways = [body.ids !== undefined, body.deleteAll === true, body.filter !== undefined].filter(
    Boolean,
  ).length
  if (ways !== 1) throw invalid('Delete by exactly one of ids, deleteAll or filter.')
  let deleted: number
  if (body.ids !== undefined) {
    if (!Array.isArray(body.ids) || body.ids.some((id) => typeof id !== 'string')) {
      throw invalid('ids must be an array of strings.')
    }
    deleted = call.store.delete(name, { namespace, ids: body.ids as string[] })
  } else if (body.deleteAll === true) {
    deleted = call.store.delete(name, { namespace, all: true })
  } else {
    if (!isObject(body.filter)) throw invalid('filter must be an object.')
    deleted = call.store.delete(name, { namespace, filter: pineconeFilter(body.filter)! })
  }
  return {
    body: {},
    note: {
      operation: 'delete',
      collection: name,
      namespace,
      records: deleted,
      ...(body.filter !== undefined && { filter: body.filter }),
    },
  }
}

function list(call: DialectCall) {
  const name = existing(call)
  const namespace = namespaceOf(call.query.get('namespace'))
  const prefix = call.query.get('prefix') ?? undefined
  const limit = limitOf(numberParam(call.query.get('limit')), MAX_LIST, MAX_LIST)
  const cursor = cursorOf(call.query.get('paginationToken') ?? undefined)
  const page = call.store.list(name, {
    namespace,
    limit,
    ...(prefix !== undefined && { prefix }),
    ...(cursor !== undefined && { cursor }),
  })
  return {
    body: {
      vectors: page.ids.map((id) => ({ id })),
      ...(page.next !== undefined && { pagination: { next: tokenOf(page.next) } }),
      namespace: wireNamespace(namespace),
      usage: USAGE,
    },
    note: { operation: 'list', collection: name, namespace, records: page.ids.length },
  }
}

function stats(call: DialectCall) {
  const name = existing(call)
  const body = call.ctx.method === 'POST' ? object(call.json()) : {}
  const filter = pineconeFilter(body.filter)
  const info = call.store.stats(name)
  const namespaces: Record<string, { vectorCount: number }> = {}
  let total = 0
  for (const [namespace, { count }] of Object.entries(info.namespaces)) {
    const vectorCount = filter ? call.store.count(name, { namespace, filter }) : count
    namespaces[wireNamespace(namespace)] = { vectorCount }
    total += vectorCount
  }
  return {
    body: {
      namespaces,
      dimension: info.dimension,
      indexFullness: 0,
      totalVectorCount: total,
      metric: info.metric === 'dot' ? 'dotproduct' : info.metric,
      vectorType: 'dense',
    },
    note: {
      operation: 'count',
      collection: name,
      records: total,
      ...(body.filter !== undefined && { filter: body.filter }),
    },
  }
}

function listNamespaces(call: DialectCall) {
  const name = existing(call)
  const namespaces = call.store.namespaces(name).map((namespace) => ({
    name: wireNamespace(namespace),
    record_count: call.store.count(name, { namespace }),
  }))
  return {
    body: { namespaces, total_count: namespaces.length },
    note: { operation: 'list-namespaces', collection: name, records: namespaces.length },
  }
}

function describeNamespace(call: DialectCall) {
  const name = existing(call)
  const namespace = namespaceOf(call.params.namespace)
  if (!call.store.namespaces(name).includes(namespace)) {
    throw new VectorStoreError('not_found', `Namespace ${call.params.namespace} not found in index ${name}.`)
  }
  return {
    body: { name: wireNamespace(namespace), record_count: call.store.count(name, { namespace }) },
    note: { operation: 'describe-namespace', collection: name, namespace },
  }
}

function deleteNamespace(call: DialectCall) {
  const name = existing(call)
  const namespace = namespaceOf(call.params.namespace)
  if (!call.store.namespaces(name).includes(namespace)) {
    throw new VectorStoreError('not_found', `Namespace ${call.params.namespace} not found in index ${name}.`)
  }
  const deleted = call.store.delete(name, { namespace, all: true })
  return {
    status: 202,
    body: {},
    note: { operation: 'delete', collection: name, namespace, records: deleted },
  }
}

/** The index of the request's host; a 404 when the store has no collection by that name. */
function existing(call: DialectCall): string {
  const name = call.params.name!
  if (!call.store.hasCollection(name)) throw indexNotFound(name)
  return name
}

function allIds(store: VectorStore, name: string, namespace: string, filter: RecordFilter): string[] {
  const ids: string[] = []
  let cursor: string | undefined
  do {
    const page = store.scroll(name, {
      namespace,
      filter,
      limit: 1000,
      ...(cursor !== undefined && { cursor }),
    })
    ids.push(...page.records.map((r) => r.id))
    cursor = page.next
  } while (cursor !== undefined)
  return ids
}
