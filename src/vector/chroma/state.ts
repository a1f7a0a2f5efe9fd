/**
 * What Chroma has that the store does not: tenants and databases, and for each collection its id, metadata,
 * configuration and distance space (`l2`, `cosine`, `ip`). A Chroma collection has no dimension until its
 * first records arrive, so the store's collection is made then, with that dimension. One state per standin
 * session, in the vector mounts' session memory.
 * @module
 */
import type { Json } from '../../providers/wire/json-guards'
import type { DialectCall } from '../dialect-server'
import { VectorStoreError } from '../errors'
import type { VectorMetric } from '../types'

export type Space = 'l2' | 'cosine' | 'ip'

export const DEFAULT_TENANT = 'default_tenant'
export const DEFAULT_DATABASE = 'default_database'

export const SPACE_METRIC: Record<Space, VectorMetric> = { l2: 'euclidean', cosine: 'cosine', ip: 'dot' }
const METRIC_SPACE: Record<VectorMetric, Space> = { euclidean: 'l2', cosine: 'cosine', dot: 'ip' }

export interface ChromaCollection {
  id: string
  name: string
  tenant: string
  database: string
  metadata: Json | null
  configuration: Json
  space: Space
  /** True once the store holds its collection (after the first records). */
  materialized: boolean
}

interface ChromaState {
  /** tenant → database name → database id. */
  databases: Map<string, Map<string, string>>
  /** By store name. */
  collections: Map<string, ChromaCollection>
}

const STATE_KEY = 'chroma:state'

export function stateOf(call: DialectCall): ChromaState {
  let state = call.ctx.memory.get(STATE_KEY) as ChromaState | undefined
  if (!state) {
    state = {
      databases: new Map([[DEFAULT_TENANT, new Map([[DEFAULT_DATABASE, uuid(call)]])]]),
      collections: new Map(),
    }
    call.ctx.memory.set(STATE_KEY, state)
  }
  return state
}

/**
 * The store's name for a collection: its own name in the default tenant and database (so `onQuery('docs')`,
 * the config's collections and the other dialects see it), `tenant/database/name` elsewhere.
 */
export function storeName(tenant: string, database: string, name: string): string {
  return tenant === DEFAULT_TENANT && database === DEFAULT_DATABASE ? name : `${tenant}/${database}/${name}`
}

/** The database a path names; a 404 when its tenant or the database does not exist. */
export function database(call: DialectCall): { tenant: string; database: string } {
  const tenant = call.params.tenant!
  const name = call.params.database!
  const databases = stateOf(call).databases.get(tenant)
  if (!databases) throw new VectorStoreError('not_found', `Tenant [${tenant}] not found`)
  if (!databases.has(name)) throw new VectorStoreError('not_found', `Database [${name}] not found`)
  return { tenant, database: name }
}

/**
 * Every collection of a database: those Chroma made, and those the store has from elsewhere (the config,
 * another dialect), described with defaults on first sight.
 */
export function collectionsIn(call: DialectCall, tenant: string, db: string): ChromaCollection[] {
  const state = stateOf(call)
  prune(call)
  if (tenant === DEFAULT_TENANT && db === DEFAULT_DATABASE) {
    for (const info of call.store.collections()) {
      if (!state.collections.has(info.name) && !info.name.includes('/')) adopt(call, info.name)
    }
  }
  return [...state.collections.values()].filter((c) => c.tenant === tenant && c.database === db)
}

/**
 * A collection by name or id in a database, or undefined. With `canned` (the default), a name with canned
 * results and no collection is one; creating a collection asks without, so the app may still create it.
 */
export function findCollection(
  call: DialectCall,
  tenant: string,
  db: string,
  nameOrId: string,
  canned = true,
): ChromaCollection | undefined {
  prune(call)
  const state = stateOf(call)
  const byName = state.collections.get(storeName(tenant, db, nameOrId))
  if (byName) return byName
  for (const c of state.collections.values()) {
    if (c.id === nameOrId && c.tenant === tenant && c.database === db) return c
  }
  if (tenant === DEFAULT_TENANT && db === DEFAULT_DATABASE) {
    if (call.store.hasCollection(nameOrId)) return adopt(call, nameOrId)
    // Canned results alone (`onQuery('docs', …)`) make a collection the app can get and query; their
    // scores are similarities, so it is a cosine one (distance `1 − score`).
    if (canned && call.store.hasCanned(nameOrId)) {
      return addCollection(call, {
        name: nameOrId,
        tenant,
        database: db,
        metadata: null,
        configuration: defaultConfiguration('cosine', null),
        space: 'cosine',
        materialized: false,
      })
    }
  }
  return undefined
}

/** Like {@link findCollection}, with Chroma's 404. */
export function requireCollection(call: DialectCall, nameOrId: string): ChromaCollection {
  const { tenant, database: db } = database(call)
  const found = findCollection(call, tenant, db, nameOrId)
  if (!found) throw new VectorStoreError('not_found', `Collection [${nameOrId}] does not exist`)
  return found
}

export function addCollection(call: DialectCall, collection: Omit<ChromaCollection, 'id'>): ChromaCollection {
  const made = { ...collection, id: uuid(call) }
  stateOf(call).collections.set(storeName(made.tenant, made.database, made.name), made)
  return made
}

export function forgetCollection(call: DialectCall, collection: ChromaCollection): void {
  const key = storeName(collection.tenant, collection.database, collection.name)
  stateOf(call).collections.delete(key)
  call.store.deleteCollection(key)
}

/** The store's collection of `collection`, made with `dimension` on its first records. */
export function materialize(call: DialectCall, collection: ChromaCollection, dimension: number): string {
  const key = storeName(collection.tenant, collection.database, collection.name)
  if (!call.store.hasCollection(key)) {
    call.store.createCollection(key, { dimension, metric: SPACE_METRIC[collection.space] })
  }
  collection.materialized = true
  return key
}

/** A store collection Chroma did not make (the config's, another dialect's), described with defaults. */
function adopt(call: DialectCall, name: string): ChromaCollection {
  const info = call.store.collection(name)!
  const space = METRIC_SPACE[info.metric]
  return addCollection(call, {
    name,
    tenant: DEFAULT_TENANT,
    database: DEFAULT_DATABASE,
    metadata: null,
    configuration: defaultConfiguration(space, null),
    space,
    materialized: true,
  })
}

/** Collections whose store collection another dialect deleted are gone for Chroma too. */
function prune(call: DialectCall): void {
  const state = stateOf(call)
  for (const [key, c] of state.collections)
    if (c.materialized && !call.store.hasCollection(key)) state.collections.delete(key)
}

/** A collection's `configuration_json`, as a Chroma server reports it. */
export function defaultConfiguration(space: Space, embeddingFunction: unknown): Json {
  return {
    hnsw: {
      space,
      ef_construction: 100,
      ef_search: 100,
      max_neighbors: 16,
      resize_factor: 1.2,
      sync_threshold: 1000,
    },
    spann: null,
    embedding_function: embeddingFunction ?? null,
  }
}

/** A v4-shaped UUID from the mock's id source (reproducible on a seeded mock). */
export function uuid(call: DialectCall): string {
  const hex = [...(call.ctx.id('') + call.ctx.id(''))]
    .slice(0, 32)
    .map((c) => (c.charCodeAt(0) % 16).toString(16))
    .join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16]!, 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
