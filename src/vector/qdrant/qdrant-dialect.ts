/**
 * The Qdrant dialect: its REST API as `@qdrant/js-client-rest` calls it, answered from the session's
 * vector store in the `{result, status: "ok", time}` envelope, errors as `{status: {error}, time}`.
 * @see https://api.qdrant.tech/api-reference
 * @module
 */
import { jsonReply } from '../../core/reply'
import { isObject, type Json } from '../../providers/wire/json-guards'
import type { DialectContext, VectorDialect } from '../dialect'
import { VectorStoreError } from '../errors'
import { vectorCall } from '../journal-call'
import {
  collectionExists,
  createCollection,
  createIndex,
  deleteCollection,
  getCollection,
  listCollections,
} from './collections'
import {
  countPoints,
  deletePoints,
  getPoint,
  queryBatch,
  queryPoints,
  retrievePoints,
  scrollPoints,
  searchBatch,
  searchPoints,
  upsertPoints,
} from './points'
import type { QdrantAnswer, QdrantCall } from './qdrant-call'
import { formatError, QdrantError } from './qdrant-error'

type Handler = (call: QdrantCall) => QdrantAnswer | Promise<QdrantAnswer>

/** Routes below `/collections/{name}`: `[method, rest of the path, handler]`; `*` is a path parameter. */
const COLLECTION_ROUTES: readonly [string, string, Handler][] = [
  ['PUT', '', createCollection],
  ['GET', '', getCollection],
  ['DELETE', '', deleteCollection],
  ['GET', '/exists', collectionExists],
  ['PUT', '/index', createIndex],
  ['PUT', '/points', upsertPoints],
  ['POST', '/points', retrievePoints],
  ['POST', '/points/delete', deletePoints],
  ['POST', '/points/count', countPoints],
  ['POST', '/points/scroll', scrollPoints],
  ['POST', '/points/search', searchPoints],
  ['POST', '/points/search/batch', searchBatch],
  ['POST', '/points/query', queryPoints],
  ['POST', '/points/query/batch', queryBatch],
  ['GET', '/points/*', getPoint],
]

/** The version answered at `/` when the client does not say its own (then its version is answered). */
const DEFAULT_VERSION = '1.17.0'
const OPERATION_KEY = 'qdrant:operation-id'

export const qdrant: VectorDialect = {
  name: 'qdrant',
  rootMounts: ['/collections'],
  rootPaths: ['/'],
  async serve(context) {
    const { method, path } = context
    if (path === '/' && method === 'GET') return versionReply(context)
    if (path !== '/collections' && !path.startsWith('/collections/')) return undefined
    const started = performance.now()
    const elapsed = () => (performance.now() - started) / 1000
    let collection = ''
    let answer: QdrantAnswer | undefined
    try {
      const route = findRoute(method, path)
      collection = route.collection
      answer = await route.handler({
        store: context.store,
        collection,
        params: route.params,
        body: parseBody(context.body),
        query: context.url.searchParams,
        nextOperation: () => nextOperation(context.memory),
      })
    } catch (error) {
      const { status, message } = qdrantError(error)
      const reply = jsonReply(status, { status: { error: message }, time: elapsed() })
      const operation = answer?.operation ?? operationOf(method, path)
      return {
        reply,
        calls: [
          vectorCall(
            'qdrant',
            { operation, collection: collection || undefined },
            { status, error: message },
          ),
        ],
      }
    }
    const reply = jsonReply(200, { result: answer.result, status: 'ok', time: elapsed() })
    const calls = (answer.parts ?? [answer]).map(({ result: _result, parts: _parts, ...fields }) =>
      vectorCall('qdrant', { ...fields, collection: collection || undefined }, { status: 200 }),
    )
    return { reply, calls }
  },
}

function findRoute(method: string, path: string): { handler: Handler; collection: string; params: string[] } {
  if (path === '/collections' || path === '/collections/') {
    if (method === 'GET') return { handler: listCollections, collection: '', params: [] }
    throw new QdrantError(405, `Method ${method} is not allowed on /collections`)
  }
  const [, rawName = '', rest = ''] = /^\/collections\/([^/]+)(\/.*)?$/.exec(path) ?? []
  const collection = decodeSegment(rawName)
  let pathMatched = false
  for (const [routeMethod, pattern, handler] of COLLECTION_ROUTES) {
    const params = matchPattern(pattern, rest.replace(/\/$/, ''))
    if (!params) continue
    pathMatched = true
    if (routeMethod === method) return { handler, collection, params }
  }
  if (pathMatched) throw new QdrantError(405, `Method ${method} is not allowed on ${path}`)
  throw new QdrantError(404, `Not found: standin's Qdrant has no route ${method} ${path}`)
}

function matchPattern(pattern: string, rest: string): string[] | undefined {
  const want = pattern.split('/')
  const got = rest.split('/')
  if (want.length !== got.length) return undefined
  const params: string[] = []
  for (let i = 0; i < want.length; i++) {
    if (want[i] === '*') params.push(decodeSegment(got[i]!))
    else if (want[i] !== got[i]) return undefined
  }
  return params
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function parseBody(body: string): Json {
  if (body.trim() === '') return {}
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch (error) {
    throw formatError((error as Error).message)
  }
  if (!isObject(json)) throw formatError('expected a JSON object')
  return json
}

function qdrantError(error: unknown): { status: number; message: string } {
  if (error instanceof QdrantError) return { status: error.status, message: error.message }
  if (error instanceof VectorStoreError) {
    if (error.reason === 'not_found') {
      const name = /Collection "(.*)" does not exist/.exec(error.message)?.[1] ?? ''
      return { status: 404, message: `Not found: Collection \`${name}\` doesn't exist!` }
    }
    if (error.reason === 'exists') {
      const name = /Collection "(.*)" already exists/.exec(error.message)?.[1] ?? ''
      return { status: 409, message: `Wrong input: Collection \`${name}\` already exists!` }
    }
    return { status: error.status, message: `Wrong input: ${error.message}` }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { status: 500, message: `Service internal error: ${message}` }
}

/** The operation a failed request was for, in the journal's words. */
function operationOf(method: string, path: string): string {
  const tail = path.split('/').slice(3).join('/')
  if (tail === '') {
    if (path === '/collections' || path === '/collections/') return 'list-collections'
    return method === 'PUT'
      ? 'create-collection'
      : method === 'DELETE'
        ? 'delete-collection'
        : 'describe-collection'
  }
  if (tail === 'points') return method === 'PUT' ? 'upsert' : 'fetch'
  if (tail.startsWith('points/search') || tail.startsWith('points/query')) return 'query'
  if (tail.startsWith('points/')) return tail.slice('points/'.length).split('/')[0]!
  return tail
}

function nextOperation(memory: Map<string, unknown>): number {
  const next = ((memory.get(OPERATION_KEY) as number | undefined) ?? -1) + 1
  memory.set(OPERATION_KEY, next)
  return next
}

/** `GET /`: the client checks the server's version against its own on first use. */
function versionReply(context: DialectContext) {
  const agent = context.headers.get('user-agent') ?? ''
  const version = /qdrant[^/]*\/(\d+\.\d+\.\d+)/i.exec(agent)?.[1] ?? DEFAULT_VERSION
  const body = { title: 'qdrant - vector search engine', version, commit: 'standin' }
  return {
    reply: jsonReply(200, body),
    calls: [vectorCall('qdrant', { operation: 'version' }, { status: 200 })],
  }
}
