/**
 * Chroma v2's record routes on a collection (named by id, or by name): add, upsert, update, get, query,
 * delete and count, in Chroma's columnar shape (`ids`, `embeddings`, `documents`, `metadatas`, one entry per
 * record). Distances are Chroma's: squared L2 for `l2`, `1 − cosine` for `cosine`, `1 − dot` for `ip`.
 * @see https://docs.trychroma.com/docs/querying-collections/query-and-get
 * @module
 */
import type { Json } from '../../providers/wire/json-guards'
import type { DialectCall, DialectRoute } from '../dialect-server'
import { squaredDistance } from '../squared-distance'
import type { RecordFilter, VectorMatch, VectorRecord } from '../types'
import { materialize, requireCollection, storeName, type Space } from './state'
import {
  checkDimension,
  columnsOf,
  embeddingOf,
  idsOf,
  includeOf,
  invalid,
  mergeMetadata,
  object,
  recordAt,
  whole,
} from './columns'
import { chromaWhere, chromaWhereDocument } from './where'

const COLLECTION = '/api/v2/tenants/{tenant}/databases/{database}/collections/{collection}'
export const recordRoutes: readonly DialectRoute[] = [
  { method: 'POST', path: `${COLLECTION}/add`, operation: 'upsert', handle: (call) => write(call, 'add') },
  {
    method: 'POST',
    path: `${COLLECTION}/upsert`,
    operation: 'upsert',
    handle: (call) => write(call, 'upsert'),
  },
  {
    method: 'POST',
    path: `${COLLECTION}/update`,
    operation: 'update',
    handle: (call) => write(call, 'update'),
  },
  { method: 'POST', path: `${COLLECTION}/get`, operation: 'fetch', handle: get },
  { method: 'POST', path: `${COLLECTION}/query`, operation: 'query', handle: query },
  { method: 'POST', path: `${COLLECTION}/delete`, operation: 'delete', handle: remove },
  { method: 'GET', path: `${COLLECTION}/count`, operation: 'count', handle: count },
]

/**
 * `add` inserts the ids not yet held (Chroma ignores the others); `upsert` inserts or replaces; `update`
 * changes the ids held (merging metadata, a `null` value removing its key) and ignores the others.
 */
function write(call: DialectCall, mode: 'add' | 'upsert' | 'update') {
  const collection = requireCollection(call, call.params.collection!)
  const columns = columnsOf(call.json(), mode !== 'update')
  const note = { operation: mode === 'update' ? 'update' : 'upsert', collection: collection.name }
  const first = columns.embeddings?.[0]
  const name = storeName(collection.tenant, collection.database, collection.name)
  if (!call.store.hasCollection(name)) {
    // An update of records nobody added changes nothing.
    if (mode === 'update' || !first)
      return { status: mode === 'add' ? 201 : 200, body: {}, note: { ...note, records: 0 } }
    materialize(call, collection, first.length)
  }
  const { dimension } = call.store.collection(name)!
  for (const embedding of columns.embeddings ?? []) checkDimension(embedding, dimension)
  const held = new Set(call.store.fetch(name, columns.ids).map((r) => r.id))
  let written = 0
  if (mode === 'update') {
    columns.ids.forEach((id, i) => {
      if (!held.has(id)) return
      const [current] = call.store.fetch(name, [id])
      const metadata = columns.metadatas?.[i]
        ? mergeMetadata(current!.metadata, columns.metadatas[i])
        : undefined
      const document = columns.documents?.[i]
      call.store.update(name, id, {
        ...(columns.embeddings && { values: columns.embeddings[i]! }),
        ...(metadata && { metadata, replaceMetadata: true }),
        ...(typeof document === 'string' && { document }),
      })
      written++
    })
  } else {
    const records = columns.ids
      .map((id, i) => recordAt(columns, id, i))
      .filter((r) => mode === 'upsert' || !held.has(r.id))
    written = call.store.upsert(name, records)
  }
  return { status: mode === 'add' ? 201 : 200, body: {}, note: { ...note, records: written } }
}

function get(call: DialectCall) {
  const collection = requireCollection(call, call.params.collection!)
  const body = object(call.json())
  const include = includeOf(body.include, ['documents', 'metadatas'], 'get')
  const filter = filterOf(body)
  const offset = body.offset === undefined || body.offset === null ? 0 : whole(body.offset, 0, 'offset')
  const limit = body.limit === undefined || body.limit === null ? undefined : whole(body.limit, 0, 'limit')
  const name = storeName(collection.tenant, collection.database, collection.name)
  let records: VectorRecord[] = []
  if (call.store.hasCollection(name)) {
    records =
      body.ids !== undefined && body.ids !== null
        ? call.store.fetch(name, idsOf(body.ids)).filter((r) => !filter || filter(r.metadata ?? {}, r))
        : everything(call, name, filter)
  }
  records = records.slice(offset, limit === undefined ? undefined : offset + limit)
  return {
    body: {
      ids: records.map((r) => r.id),
      embeddings: include.has('embeddings') ? records.map((r) => r.values) : null,
      documents: include.has('documents') ? records.map((r) => r.document ?? null) : null,
      metadatas: include.has('metadatas') ? records.map((r) => r.metadata ?? null) : null,
      uris: include.has('uris') ? records.map(() => null) : null,
      include: [...include],
    },
    note: {
      operation: 'fetch',
      collection: collection.name,
      records: records.length,
      ...(body.where !== undefined && { filter: body.where }),
    },
  }
}

async function query(call: DialectCall) {
  const name = call.params.collection!
  const collection = requireCollection(call, name)
  const key = storeName(collection.tenant, collection.database, collection.name)
  const body = object(call.json())
  const include = includeOf(body.include, ['metadatas', 'documents', 'distances'], 'query')
  if (!Array.isArray(body.query_embeddings)) throw invalid('query_embeddings must be a list of embeddings.')
  const vectors = body.query_embeddings.map((e, i) => embeddingOf(e, `query_embeddings[${i}]`))
  const topK =
    body.n_results === undefined || body.n_results === null ? 10 : whole(body.n_results, 1, 'n_results')
  const filter = filterOf(body)
  const canned = call.store.hasCanned(collection.name)
  const held = call.store.collection(key)
  if (held && !canned) for (const v of vectors) checkDimension(v, held.dimension)
  const lists: VectorMatch[][] = []
  const distances: number[][] = []
  let fromCanned = false
  for (const vector of vectors) {
    if (!held && !canned) {
      lists.push([])
      distances.push([])
      continue
    }
    const answer = await call.store.answer(
      canned ? collection.name : key,
      {
        vector,
        topK,
        ...(filter && { filter }),
        // Values are read for l2 too: the squared distance is summed from them, not squared from a root.
        includeValues: include.has('embeddings') || collection.space === 'l2',
        includeMetadata: true,
      },
      { dialect: 'chroma', filter: body.where },
    )
    fromCanned ||= answer.canned
    lists.push(answer.matches)
    distances.push(answer.matches.map((m) => distanceOf(collection.space, vector, m, answer.canned)))
  }
  return {
    body: {
      ids: lists.map((l) => l.map((m) => m.id)),
      distances: include.has('distances') ? distances : null,
      embeddings: include.has('embeddings') ? lists.map((l) => l.map((m) => m.values ?? null)) : null,
      documents: include.has('documents') ? lists.map((l) => l.map((m) => m.document ?? null)) : null,
      metadatas: include.has('metadatas') ? lists.map((l) => l.map((m) => m.metadata ?? null)) : null,
      uris: include.has('uris') ? lists.map((l) => l.map(() => null)) : null,
      include: [...include],
    },
    note: {
      operation: 'query',
      collection: collection.name,
      topK,
      records: lists.reduce((n, l) => n + l.length, 0),
      canned: fromCanned,
      ...(body.where !== undefined && { filter: body.where }),
    },
  }
}

function remove(call: DialectCall) {
  const collection = requireCollection(call, call.params.collection!)
  const body = object(call.json())
  const filter = filterOf(body)
  const name = storeName(collection.tenant, collection.database, collection.name)
  let deleted = 0
  if (call.store.hasCollection(name)) {
    let records =
      body.ids !== undefined && body.ids !== null
        ? call.store.fetch(name, idsOf(body.ids)).filter((r) => !filter || filter(r.metadata ?? {}, r))
        : filter
          ? everything(call, name, filter)
          : []
    if (body.limit !== undefined && body.limit !== null)
      records = records.slice(0, whole(body.limit, 0, 'limit'))
    deleted = call.store.delete(name, { ids: records.map((r) => r.id) })
  }
  return {
    body: { deleted },
    note: {
      operation: 'delete',
      collection: collection.name,
      records: deleted,
      ...(body.where !== undefined && { filter: body.where }),
    },
  }
}

function count(call: DialectCall) {
  const collection = requireCollection(call, call.params.collection!)
  const name = storeName(collection.tenant, collection.database, collection.name)
  const n = call.store.hasCollection(name) ? call.store.count(name) : 0
  return { body: n, note: { operation: 'count', collection: collection.name, records: n } }
}

/** Chroma's distance of a match in `space`: `1 − score` for cosine and ip, the squared distance for l2. */
function distanceOf(space: Space, query: readonly number[], match: VectorMatch, canned: boolean): number {
  if (space !== 'l2') return 1 - match.score
  return canned ? match.score * match.score : squaredDistance(query, match)
}

/** `where`, `where_document` and `ids` together, as one predicate. */
function filterOf(body: Json): RecordFilter | undefined {
  const where = chromaWhere(body.where)
  const document = chromaWhereDocument(body.where_document)
  const ids = body.ids !== undefined && body.ids !== null ? new Set(idsOf(body.ids)) : undefined
  if (!where && !document && !ids) return undefined
  return (metadata, record) =>
    (!ids || ids.has(record.id)) && (!where || where(metadata)) && (!document || document(record.document))
}

function everything(call: DialectCall, name: string, filter: RecordFilter | undefined): VectorRecord[] {
  const records: VectorRecord[] = []
  let cursor: string | undefined
  do {
    const page = call.store.scroll(name, {
      limit: 1000,
      ...(filter && { filter }),
      ...(cursor !== undefined && { cursor }),
    })
    records.push(...page.records)
    cursor = page.next
  } while (cursor !== undefined)
  return records
}
