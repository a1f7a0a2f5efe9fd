/**
 * Pinecone's data plane right below the vector path (`/vector/query`, `/vector/vectors/upsert`…), for a
 * client given the mock's vector URL as its index host, as AIMock taught: the path names no index, so the
 * request's `namespace` names it when an index (or canned results) has that name, AIMock's convention,
 * and is then the index's default namespace; otherwise the session's only index answers. An upsert that
 * finds no index makes one, named like the namespace (or `default`), with the first vector's dimension.
 * @module
 */
import { isObject } from '../../providers/wire/json-guards'
import type { DialectCall, DialectRoute } from '../dialect-server'
import { VectorStoreError } from '../errors'
import { dataPlaneRoutes } from './data-plane'

const INDEX = '/indexes/{name}'

export const hostlessRoutes: readonly DialectRoute[] = [
  ...dataPlaneRoutes.map((route) => hostless(route, route.path.slice(INDEX.length))),
  // AIMock's spelling of the stats route.
  hostless(
    dataPlaneRoutes.find((r) => r.path.endsWith('/describe_index_stats') && r.method === 'GET')!,
    '/describe-index-stats',
  ),
]

/** The prefixes these routes live under (served below the seed's mount path only). */
export const HOSTLESS_PREFIXES = [
  '/query',
  '/vectors',
  '/describe_index_stats',
  '/describe-index-stats',
  '/namespaces',
]

function hostless(route: DialectRoute, path: string): DialectRoute {
  return {
    method: route.method,
    path,
    operation: route.operation,
    handle: (call) => route.handle(resolve(call, route.operation === 'upsert')),
  }
}

function resolve(call: DialectCall, upsert: boolean): DialectCall {
  const body = call.ctx.method === 'GET' ? undefined : call.json()
  const given = isObject(body) ? body.namespace : (call.query.get('namespace') ?? undefined)
  // The 2026-07 client names the default namespace `__default__`: that names no index.
  const namespace = given === '__default__' ? undefined : given
  const { store } = call
  if (
    typeof namespace === 'string' &&
    namespace !== '' &&
    (store.hasCollection(namespace) || store.hasCanned(namespace))
  ) {
    const query = new URLSearchParams(call.query)
    query.delete('namespace')
    const rest = isObject(body) ? { ...body, namespace: undefined } : body
    return { ...call, params: { ...call.params, name: namespace }, query, json: () => rest ?? {} }
  }
  const indexes = store.collections()
  if (indexes.length === 1) return { ...call, params: { ...call.params, name: indexes[0]!.name } }
  if (upsert && indexes.length === 0 && isObject(body) && Array.isArray(body.vectors)) {
    const first: unknown = body.vectors[0]
    const values = isObject(first) && Array.isArray(first.values) ? first.values : undefined
    if (values && values.length > 0) {
      const name = typeof namespace === 'string' && namespace !== '' ? namespace : 'default'
      store.createCollection(name, { dimension: values.length })
      return { ...call, params: { ...call.params, name }, json: () => ({ ...body, namespace: undefined }) }
    }
  }
  const known = indexes.map((c) => c.name).join(', ') || 'none'
  throw new VectorStoreError(
    'not_found',
    `This request names no index (its host is the vector path itself) and its namespace names none either; the session's indexes: ${known}. Use the host describe_index gives (…/indexes/<name>), or name the index in namespace.`,
  )
}
