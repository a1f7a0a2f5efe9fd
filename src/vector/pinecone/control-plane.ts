/**
 * Pinecone's control plane, as much as a client needs to find an index: list, create, describe, configure
 * and delete indexes. An index is a store collection; its `host` points back at this mock (origin, standin
 * session and mount path of the request), at `…/indexes/<name>`, where the data plane answers. Both create
 * shapes are read: the 2026-07 API's `schema.fields` with a `dense_vector` field, and the older flat
 * `dimension`/`metric`/`spec`; a description carries both, so older clients read it too.
 * @see https://docs.pinecone.io/reference/api/control-plane/create_index
 * @module
 */
import { WireError } from '../../errors'
import { isObject, type Json } from '../../providers/wire/json-guards'
import type { DialectCall, DialectRoute } from '../dialect-server'
import { VectorStoreError } from '../errors'
import type { VectorMetric } from '../types'

/** Pinecone's metric names and the store's. */
const METRICS: Record<string, VectorMetric> = { cosine: 'cosine', dotproduct: 'dot', euclidean: 'euclidean' }
const PINECONE_METRIC: Record<VectorMetric, string> = {
  cosine: 'cosine',
  dot: 'dotproduct',
  euclidean: 'euclidean',
}

/** What an index has beyond the store's collection: echoed in its description. */
interface IndexExtras {
  deployment: Json
  tags?: Json
  deletionProtection: string
}

const DEFAULT_DEPLOYMENT: Json = { deployment_type: 'managed', cloud: 'aws', region: 'us-east-1' }
const EXTRAS_KEY = 'pinecone:indexes'

export const controlPlaneRoutes: readonly DialectRoute[] = [
  {
    method: 'GET',
    path: '/indexes',
    operation: 'list-collections',
    handle: (call) => {
      const indexes = call.store.collections().map((c) => describe(call, c.name))
      return { body: { indexes }, note: { operation: 'list-collections', records: indexes.length } }
    },
  },
  { method: 'POST', path: '/indexes', operation: 'create-collection', handle: createIndex },
  {
    method: 'GET',
    path: '/indexes/{name}',
    operation: 'describe-collection',
    handle: (call) => {
      const name = call.params.name!
      if (!call.store.hasCollection(name) && !call.store.hasCanned(name)) throw indexNotFound(name)
      return { body: describe(call, name), note: { operation: 'describe-collection', collection: name } }
    },
  },
  { method: 'PATCH', path: '/indexes/{name}', operation: 'configure-collection', handle: configureIndex },
  {
    method: 'DELETE',
    path: '/indexes/{name}',
    operation: 'delete-collection',
    handle: (call) => {
      const name = call.params.name!
      if (!call.store.hasCollection(name)) throw indexNotFound(name)
      if (extrasOf(call).get(name)?.deletionProtection === 'enabled') {
        throw new WireError(
          403,
          `Deletion protection is enabled for index ${name}: configure deletion_protection "disabled" first.`,
        )
      }
      call.store.deleteCollection(name)
      extrasOf(call).delete(name)
      return { status: 202, body: undefined, note: { operation: 'delete-collection', collection: name } }
    },
  },
]

function createIndex(call: DialectCall) {
  const body = call.json()
  if (!isObject(body)) throw invalid('The request body must be a JSON object.')
  const name = indexName(body.name)
  const { dimension, metric } = denseField(body)
  if (call.store.hasCollection(name)) {
    throw new VectorStoreError('exists', `Resource ${name} already exists.`)
  }
  call.store.createCollection(name, { dimension, metric })
  const spec = isObject(body.spec) ? body.spec : undefined
  const serverless = spec && isObject(spec.serverless) ? spec.serverless : undefined
  extrasOf(call).set(name, {
    deployment: isObject(body.deployment)
      ? snakeKeys(body.deployment)
      : serverless
        ? { ...DEFAULT_DEPLOYMENT, ...serverless }
        : DEFAULT_DEPLOYMENT,
    ...(isObject(body.tags) && { tags: body.tags }),
    deletionProtection: body.deletion_protection === 'enabled' ? 'enabled' : 'disabled',
  })
  return {
    status: 201,
    body: describe(call, name),
    note: { operation: 'create-collection', collection: name },
  }
}

function configureIndex(call: DialectCall) {
  const name = call.params.name!
  if (!call.store.hasCollection(name)) throw indexNotFound(name)
  const body = call.json()
  if (!isObject(body)) throw invalid('The request body must be a JSON object.')
  const extras = extrasFor(call, name)
  if (body.deletion_protection !== undefined) {
    if (body.deletion_protection !== 'enabled' && body.deletion_protection !== 'disabled') {
      throw invalid('deletion_protection must be "enabled" or "disabled".')
    }
    extras.deletionProtection = body.deletion_protection
  }
  // Pinecone merges tags; an empty value removes a tag.
  if (isObject(body.tags)) {
    const tags: Json = { ...extras.tags }
    for (const [key, value] of Object.entries(body.tags)) {
      if (value === '' || value === null) delete tags[key]
      else tags[key] = value
    }
    extras.tags = tags
  }
  extrasOf(call).set(name, extras)
  return { body: describe(call, name), note: { operation: 'configure-collection', collection: name } }
}

/** An index's description (`IndexModel`), in both the 2026-07 shape and the older flat one. */
function describe(call: DialectCall, name: string): Json {
  const info = call.store.collection(name)
  const extras = extrasFor(call, name)
  const metric = PINECONE_METRIC[info?.metric ?? 'cosine']
  const deployment = extras.deployment
  return {
    name,
    host: `${call.root}/indexes/${encodeURIComponent(name)}`,
    status: { ready: true, state: 'Ready' },
    deployment,
    schema: {
      fields: {
        _values: { type: 'dense_vector', ...(info && { dimension: info.dimension }), metric },
      },
    },
    deletion_protection: extras.deletionProtection,
    ...(extras.tags && { tags: extras.tags }),
    // The flat shape of API versions before 2026-07.
    ...(info && { dimension: info.dimension }),
    metric,
    vector_type: 'dense',
    spec: { serverless: { cloud: deployment.cloud ?? 'aws', region: deployment.region ?? 'us-east-1' } },
  }
}

/** The dense vector field of a create request: a `dense_vector` schema field, or the flat fields. */
function denseField(body: Json): { dimension: number; metric: VectorMetric } {
  if (body.schema !== undefined) {
    const fields = isObject(body.schema) && isObject(body.schema.fields) ? body.schema.fields : undefined
    if (!fields) throw invalid('schema.fields must be an object of fields.')
    const dense = Object.entries(fields).find(([, field]) => isObject(field) && field.type === 'dense_vector')
    if (!dense) {
      throw invalid(
        'schema.fields has no dense_vector field: standin serves dense vector indexes (e.g. `_values: { type: "dense_vector", dimension: 8, metric: "cosine" }`).',
      )
    }
    const field = dense[1] as Json
    return {
      dimension: dimensionOf(field.dimension, `schema.fields.${dense[0]}.dimension`),
      metric: metricOf(field.metric),
    }
  }
  if (body.vector_type !== undefined && body.vector_type !== 'dense') {
    throw invalid(
      `vector_type ${JSON.stringify(body.vector_type)} is not served: standin serves dense vector indexes.`,
    )
  }
  return { dimension: dimensionOf(body.dimension, 'dimension'), metric: metricOf(body.metric) }
}

function dimensionOf(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 20_000) {
    throw invalid(`${field} must be an integer from 1 to 20000; got ${JSON.stringify(value)}.`)
  }
  return value
}

function metricOf(value: unknown): VectorMetric {
  if (value === undefined || value === null) return 'cosine'
  const metric = typeof value === 'string' ? METRICS[value] : undefined
  if (!metric)
    throw invalid(`metric must be one of cosine, euclidean, dotproduct; got ${JSON.stringify(value)}.`)
  return metric
}

function indexName(value: unknown): string {
  if (typeof value !== 'string' || !/^[a-z0-9](?:[a-z0-9-]{0,43}[a-z0-9])?$/.test(value)) {
    throw invalid(
      `Name must consist of lower case alphanumeric characters or '-', start and end with one, and have at most 45 characters; got ${JSON.stringify(value)}.`,
    )
  }
  return value
}

/** The 2026-07 client sends `deploymentType`; the wire and descriptions use `deployment_type`. */
function snakeKeys(object: Json): Json {
  return Object.fromEntries(
    Object.entries(object).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]),
  )
}

function extrasOf(call: DialectCall): Map<string, IndexExtras> {
  let extras = call.ctx.memory.get(EXTRAS_KEY) as Map<string, IndexExtras> | undefined
  if (!extras) {
    extras = new Map()
    call.ctx.memory.set(EXTRAS_KEY, extras)
  }
  return extras
}

/** An index made by the config or by another dialect has the defaults. */
function extrasFor(call: DialectCall, name: string): IndexExtras {
  return {
    ...(extrasOf(call).get(name) ?? { deployment: DEFAULT_DEPLOYMENT, deletionProtection: 'disabled' }),
  }
}

export function indexNotFound(name: string): VectorStoreError {
  return new VectorStoreError('not_found', `Resource ${name} not found.`)
}

function invalid(message: string): VectorStoreError {
  return new VectorStoreError('invalid', message)
}
