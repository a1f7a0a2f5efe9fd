/**
 * Chroma v2's system, tenant and database routes: heartbeat, version, pre-flight checks, the caller's
 * identity (`default_tenant`, `default_database`), reset, tenants and databases.
 * @see https://docs.trychroma.com/reference/chroma-api
 * @module
 */
import { isObject } from '../../providers/wire/json-guards'
import type { DialectRoute } from '../dialect-server'
import { VectorStoreError } from '../errors'
import {
  collectionsIn,
  database,
  DEFAULT_DATABASE,
  DEFAULT_TENANT,
  forgetCollection,
  stateOf,
  uuid,
} from './state'

/** The Chroma server version this dialect answers as (the v2 API). */
export const CHROMA_VERSION = '1.0.0'
const MAX_BATCH_SIZE = 5461

const DB = '/api/v2/tenants/{tenant}/databases/{database}'

export const systemRoutes: readonly DialectRoute[] = [
  {
    method: 'GET',
    path: '/api/v2/heartbeat',
    operation: 'heartbeat',
    handle: (call) => ({
      body: { 'nanosecond heartbeat': call.ctx.now() * 1_000_000_000 },
      note: { operation: 'heartbeat' },
    }),
  },
  {
    method: 'GET',
    path: '/api/v2/healthcheck',
    operation: 'heartbeat',
    handle: () => ({
      body: { is_executor_ready: true, is_log_client_ready: true },
      note: { operation: 'heartbeat' },
    }),
  },
  {
    method: 'GET',
    path: '/api/v2/version',
    operation: 'version',
    handle: () => ({ body: CHROMA_VERSION, note: { operation: 'version' } }),
  },
  {
    method: 'GET',
    path: '/api/v2/pre-flight-checks',
    operation: 'pre-flight-checks',
    // Embeddings travel as JSON numbers: base64-packed float32 would round what a test computes exactly.
    handle: () => ({
      body: { max_batch_size: MAX_BATCH_SIZE, supports_base64_encoding: false },
      note: { operation: 'pre-flight-checks' },
    }),
  },
  {
    method: 'GET',
    path: '/api/v2/auth/identity',
    operation: 'identity',
    handle: () => ({
      body: { user_id: '', tenant: DEFAULT_TENANT, databases: [DEFAULT_DATABASE] },
      note: { operation: 'identity' },
    }),
  },
  {
    method: 'POST',
    path: '/api/v2/reset',
    operation: 'reset',
    handle: (call) => {
      const state = stateOf(call)
      for (const c of [...state.collections.values()]) forgetCollection(call, c)
      return { body: true, note: { operation: 'reset' } }
    },
  },
]

export const tenantRoutes: readonly DialectRoute[] = [
  {
    method: 'POST',
    path: '/api/v2/tenants',
    operation: 'create-tenant',
    handle: (call) => {
      const name = nameField(call.json(), 'tenant')
      const { databases } = stateOf(call)
      if (databases.has(name)) throw new VectorStoreError('exists', `Tenant [${name}] already exists`)
      databases.set(name, new Map())
      return { body: {}, note: { operation: 'create-tenant' } }
    },
  },
  {
    method: 'GET',
    path: '/api/v2/tenants/{tenant}',
    operation: 'get-tenant',
    handle: (call) => {
      const name = call.params.tenant!
      if (!stateOf(call).databases.has(name))
        throw new VectorStoreError('not_found', `Tenant [${name}] not found`)
      return { body: { name }, note: { operation: 'get-tenant' } }
    },
  },
  {
    method: 'GET',
    path: '/api/v2/tenants/{tenant}/databases',
    operation: 'list-databases',
    handle: (call) => {
      const tenant = call.params.tenant!
      const databases = stateOf(call).databases.get(tenant)
      if (!databases) throw new VectorStoreError('not_found', `Tenant [${tenant}] not found`)
      const body = [...databases].map(([name, id]) => ({ id, name, tenant }))
      return { body, note: { operation: 'list-databases', records: body.length } }
    },
  },
  {
    method: 'POST',
    path: '/api/v2/tenants/{tenant}/databases',
    operation: 'create-database',
    handle: (call) => {
      const tenant = call.params.tenant!
      const name = nameField(call.json(), 'database')
      const databases = stateOf(call).databases.get(tenant)
      if (!databases) throw new VectorStoreError('not_found', `Tenant [${tenant}] not found`)
      if (databases.has(name)) throw new VectorStoreError('exists', `Database [${name}] already exists`)
      databases.set(name, uuid(call))
      return { body: {}, note: { operation: 'create-database' } }
    },
  },
  {
    method: 'GET',
    path: DB,
    operation: 'get-database',
    handle: (call) => {
      const { tenant, database: name } = database(call)
      const id = stateOf(call).databases.get(tenant)!.get(name)!
      return { body: { id, name, tenant }, note: { operation: 'get-database' } }
    },
  },
  {
    method: 'DELETE',
    path: DB,
    operation: 'delete-database',
    handle: (call) => {
      const { tenant, database: name } = database(call)
      for (const c of collectionsIn(call, tenant, name)) forgetCollection(call, c)
      stateOf(call).databases.get(tenant)!.delete(name)
      return { body: {}, note: { operation: 'delete-database' } }
    },
  },
]

function nameField(body: unknown, what: string): string {
  if (!isObject(body) || typeof body.name !== 'string' || body.name === '') {
    throw new VectorStoreError('invalid', `A ${what} needs a non-empty name.`)
  }
  return body.name
}
