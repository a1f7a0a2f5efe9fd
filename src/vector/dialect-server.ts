/**
 * What the Pinecone and Chroma dialects share: a table of `METHOD /path/{param}` routes under one root
 * segment (`/indexes`, `/api/v2`), JSON in and out, one journaled {@link VectorOperation} per request. A
 * dialect holds only its wire format: its routes and how it renders an error. The vector mount offers it
 * each request, at the seed's path and at the root segment its client calls.
 * @module
 */
import type { VectorOperation } from '../canonical/request'
import { decodePathSegment } from '../core/path-segment'
import { jsonReply, type Reply } from '../core/reply'
import { StandinError, WireError } from '../errors'
import type { MountReply } from '../protocols/mounts/mount'
import type { DialectContext, VectorDialect } from './dialect'
import { VectorStoreError } from './errors'
import { vectorCall } from './journal-call'
import type { VectorStore } from './store'

/** One request, as a route handler sees it. */
export interface DialectCall {
  ctx: DialectContext
  store: VectorStore
  params: Record<string, string>
  query: URLSearchParams
  /**
   * The URL of the dialect's API root on the origin, standin session and mount the request came in on,
   * e.g. `http://127.0.0.1:<port>/_s/t1/vector`: for URLs the client must call back (Pinecone's index host).
   */
  root: string
  /** The JSON body (`{}` when there is none); a 400 in the dialect's shape when it is not JSON. */
  json(): unknown
}

/** The journal's view of one call: the store's words for what was done. */
export type OperationNote = Omit<VectorOperation, 'kind' | 'surface' | 'provider' | 'model' | 'dialect'>

export interface DialectAnswer {
  /** Default 200. */
  status?: number
  /** JSON body; `undefined` answers with no body. */
  body: unknown
  note: OperationNote
}

export interface DialectRoute {
  method: string
  /** The whole dialect path, e.g. `/indexes/{name}/query`; `{param}` is one path segment. */
  path: string
  /** The journal's operation when the handler refuses the request. */
  operation: string
  handle(call: DialectCall): DialectAnswer | Promise<DialectAnswer>
}

export interface DialectError {
  status: number
  body: unknown
}

export interface DialectSpec {
  /** `pinecone`, `chroma`: the journal's `dialect`. */
  name: string
  /** The root segment every route is under, mounted at the root of the mock too: `/indexes`, `/api/v2`. */
  root: string
  /**
   * Other path prefixes the dialect answers, only below the seed's mount path (they are not mounted at
   * the root): Pinecone's data plane without an index in the path, as AIMock served it.
   */
  seedPaths?: readonly string[]
  routes: readonly DialectRoute[]
  /** Renders a refusal in the dialect's envelope; `route` is undefined for an unknown path under `root`. */
  renderError(error: VectorStoreError | WireError, route: DialectRoute | undefined): DialectError
}

/** A {@link VectorDialect} serving `spec`'s routes. */
export function routedDialect(spec: DialectSpec): VectorDialect {
  // Compiled on the first request a vector mount sees, not when standin is imported.
  let compiled: { route: DialectRoute; pattern: RegExp }[] | undefined
  return {
    name: spec.name,
    rootMounts: [spec.root],
    async serve(ctx) {
      const { path } = ctx
      const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`)
      if (!under(spec.root) && !(spec.seedPaths ?? []).some(under)) return undefined
      let found: { route: DialectRoute; params: Record<string, string> } | undefined
      let otherMethod = false
      compiled ??= spec.routes.map((route) => ({ route, pattern: compile(route.path) }))
      for (const { route, pattern } of compiled) {
        const match = pattern.exec(path)
        if (!match) continue
        if (route.method !== ctx.method) {
          otherMethod = true
          continue
        }
        const params: Record<string, string> = {}
        for (const [name, value] of Object.entries(match.groups ?? {}))
          params[name] = decodePathSegment(value)
        found = { route, params }
        break
      }
      if (!found) {
        const error = otherMethod
          ? new WireError(405, `Method ${ctx.method} is not allowed on ${path}.`)
          : new VectorStoreError('not_found', `${spec.name} has no route for ${ctx.method} ${path}.`)
        return refusal(spec, error, undefined, 'unknown-route')
      }
      const call: DialectCall = {
        ctx,
        store: ctx.store,
        params: found.params,
        query: ctx.url.searchParams,
        root: apiRoot(ctx),
        json: () => parseBody(ctx.body),
      }
      try {
        return answered(spec, await found.route.handle(call))
      } catch (error) {
        if (!(error instanceof VectorStoreError || error instanceof WireError)) throw error
        return refusal(spec, error, found.route, found.route.operation)
      }
    },
  }
}

function answered(spec: DialectSpec, answer: DialectAnswer): MountReply {
  const status = answer.status ?? 200
  const reply: Reply =
    answer.body === undefined ? { status, headers: {}, body: null } : jsonReply(status, answer.body)
  return { reply, calls: [vectorCall(spec.name, answer.note, { status })] }
}

function refusal(
  spec: DialectSpec,
  error: VectorStoreError | WireError,
  route: DialectRoute | undefined,
  operation: string,
): MountReply {
  const { status, body } = spec.renderError(error, route)
  return {
    reply: jsonReply(status, body),
    calls: [vectorCall(spec.name, { operation }, { status, error: error.message })],
  }
}

function parseBody(body: string): unknown {
  if (body.trim() === '') return {}
  try {
    return JSON.parse(body)
  } catch {
    throw new WireError(400, 'The request body is not valid JSON.')
  }
}

/** The request URL up to the dialect path: origin, `/_s/<id>` and the mount path it came in on. */
function apiRoot(ctx: DialectContext): string {
  const { pathname, origin } = ctx.url
  const at = pathname.lastIndexOf(ctx.path)
  return origin + (at >= 0 && at + ctx.path.length === pathname.length ? pathname.slice(0, at) : '')
}

function compile(path: string): RegExp {
  if (!path.startsWith('/'))
    throw new StandinError('STANDIN_BAD_ROUTE', `A dialect route must start with "/": ${path}`)
  const source = path
    .split(/(\{[a-zA-Z_]+\})/)
    .map((part) => {
      const param = /^\{([a-zA-Z_]+)\}$/.exec(part)
      return param ? `(?<${param[1]}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('')
  return new RegExp(`^${source}/?$`)
}
