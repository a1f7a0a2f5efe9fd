/**
 * Chroma v2's collection routes: create (with `get_or_create`), get by name or by id, list, count, modify
 * (name, metadata) and delete.
 * @see https://docs.trychroma.com/reference/chroma-api
 * @module
 */
import { isObject, type Json } from '../../providers/wire/json-guards'
import type { DialectCall, DialectRoute } from '../dialect-server'
import { VectorStoreError } from '../errors'
import {
  addCollection,
  collectionsIn,
  database,
  defaultConfiguration,
  findCollection,
  forgetCollection,
  requireCollection,
  stateOf,
  storeName,
  type ChromaCollection,
  type Space,
} from './state'

const DB = '/api/v2/tenants/{tenant}/databases/{database}'

export const collectionRoutes: readonly DialectRoute[] = [
  {
    method: 'GET',
    path: `${DB}/collections`,
    operation: 'list-collections',
    handle: (call) => {
      const { tenant, database: db } = database(call)
      const offset = whole(call.query.get('offset'), 0, 'offset')
      const limit = whole(call.query.get('limit'), Number.MAX_SAFE_INTEGER, 'limit')
      const body = collectionsIn(call, tenant, db)
        .slice(offset, offset + limit)
        .map((c) => describe(call, c))
      return { body, note: { operation: 'list-collections', records: body.length } }
    },
  },
  {
    method: 'GET',
    path: `${DB}/collections_count`,
    operation: 'count-collections',
    handle: (call) => {
      const { tenant, database: db } = database(call)
      const count = collectionsIn(call, tenant, db).length
      return { body: count, note: { operation: 'count-collections', records: count } }
    },
  },
  { method: 'POST', path: `${DB}/collections`, operation: 'create-collection', handle: createCollection },
  {
    method: 'GET',
    path: `${DB}/collections/by-id/{collection}`,
    operation: 'describe-collection',
    handle: describeCollection,
  },
  {
    method: 'GET',
    path: `${DB}/collections/{collection}`,
    operation: 'describe-collection',
    handle: describeCollection,
  },
  {
    method: 'PUT',
    path: `${DB}/collections/{collection}`,
    operation: 'configure-collection',
    handle: modifyCollection,
  },
  {
    method: 'DELETE',
    path: `${DB}/collections/{collection}`,
    operation: 'delete-collection',
    handle: (call) => {
      const found = requireCollection(call, call.params.collection!)
      forgetCollection(call, found)
      return { body: {}, note: { operation: 'delete-collection', collection: found.name } }
    },
  },
]

/** A collection by id or by name (Chroma's client uses both). */
function describeCollection(call: DialectCall) {
  const found = requireCollection(call, call.params.collection!)
  return {
    body: describe(call, found),
    note: { operation: 'describe-collection', collection: found.name },
  }
}

function createCollection(call: DialectCall) {
  const { tenant, database: db } = database(call)
  const body = call.json()
  if (!isObject(body)) throw invalid('The request body must be a JSON object.')
  const name = collectionName(body.name)
  const existing = findCollection(call, tenant, db, name, false)
  const note = { operation: 'create-collection', collection: name }
  if (existing && existing.name === name) {
    if (body.get_or_create === true) return { body: describe(call, existing), note }
    throw new VectorStoreError('exists', `Collection [${name}] already exists`)
  }
  const metadata =
    body.metadata === undefined || body.metadata === null ? null : metadataObject(body.metadata)
  const configuration = isObject(body.configuration) ? body.configuration : {}
  const space = spaceOf(configuration, metadata)
  const made = addCollection(call, {
    name,
    tenant,
    database: db,
    metadata,
    configuration: defaultConfiguration(space, configuration.embedding_function),
    space,
    materialized: false,
  })
  return { body: describe(call, made), note }
}

function modifyCollection(call: DialectCall) {
  const found = requireCollection(call, call.params.collection!)
  const body = call.json()
  if (!isObject(body)) throw invalid('The request body must be a JSON object.')
  if (body.new_metadata !== undefined && body.new_metadata !== null)
    found.metadata = metadataObject(body.new_metadata)
  if (body.new_name !== undefined && body.new_name !== null)
    rename(call, found, collectionName(body.new_name))
  return { body: {}, note: { operation: 'configure-collection', collection: found.name } }
}

/** Renames a collection, moving its records to a store collection of the new name. */
function rename(call: DialectCall, collection: ChromaCollection, name: string): void {
  if (name === collection.name) return
  if (findCollection(call, collection.tenant, collection.database, name, false)) {
    throw new VectorStoreError('exists', `Collection [${name}] already exists`)
  }
  const from = storeName(collection.tenant, collection.database, collection.name)
  const to = storeName(collection.tenant, collection.database, name)
  const { collections } = stateOf(call)
  if (call.store.hasCollection(from)) {
    const info = call.store.collection(from)!
    call.store.createCollection(to, { dimension: info.dimension, metric: info.metric })
    for (const namespace of call.store.namespaces(from)) {
      let cursor: string | undefined
      do {
        const page = call.store.scroll(from, {
          namespace,
          limit: 1000,
          ...(cursor !== undefined && { cursor }),
        })
        call.store.upsert(to, page.records, { namespace })
        cursor = page.next
      } while (cursor !== undefined)
    }
    call.store.deleteCollection(from)
  }
  collections.delete(from)
  collection.name = name
  collections.set(to, collection)
}

/** A collection as Chroma describes it (`Collection`). */
export function describe(call: DialectCall, c: ChromaCollection): Json {
  const info = call.store.collection(storeName(c.tenant, c.database, c.name))
  return {
    id: c.id,
    name: c.name,
    configuration_json: c.configuration,
    metadata: c.metadata,
    dimension: info?.dimension ?? null,
    tenant: c.tenant,
    database: c.database,
    log_position: 0,
    version: 0,
    schema: null,
  }
}

/** The distance space: the configuration's `hnsw`/`spann` `space`, the legacy `hnsw:space` metadata, or `l2`. */
function spaceOf(configuration: Json, metadata: Json | null): Space {
  const hnsw = isObject(configuration.hnsw) ? configuration.hnsw.space : undefined
  const spann = isObject(configuration.spann) ? configuration.spann.space : undefined
  const space = hnsw ?? spann ?? metadata?.['hnsw:space'] ?? 'l2'
  if (space !== 'l2' && space !== 'cosine' && space !== 'ip') {
    throw invalid(`space must be one of l2, cosine, ip; got ${JSON.stringify(space)}`)
  }
  return space
}

/** Chroma's naming rule for collections. */
function collectionName(value: unknown): string {
  const ok =
    typeof value === 'string' &&
    /^[a-zA-Z0-9][a-zA-Z0-9._-]{1,510}[a-zA-Z0-9]$/.test(value) &&
    !value.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(value)
  if (!ok) {
    throw invalid(
      `Validation error: name: Expected a name containing 3-512 characters from [a-zA-Z0-9._-], starting and ending with a character in [a-zA-Z0-9]. Got: ${JSON.stringify(value)}`,
    )
  }
  return value
}

function metadataObject(value: unknown): Json {
  if (!isObject(value)) throw invalid('metadata must be an object.')
  return value
}

function whole(value: string | null, fallback: number, what: string): number {
  if (value === null) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw invalid(`${what} must be a whole number; got ${value}`)
  return n
}

function invalid(message: string): VectorStoreError {
  return new VectorStoreError('invalid', message)
}
