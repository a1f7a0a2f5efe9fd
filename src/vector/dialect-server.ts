/**
 * What the Pinecone and Chroma dialects share as mounted servers: a table of `METHOD /path/{param}` routes
 * that start at an anchor segment of the path (`/indexes`, `/api/v2`), so one server answers wherever it is
 * mounted (at the anchor itself, the root paths its client uses, or `/vector/indexes` under the config's
 * vector path); JSON in and out; the session's store; one journaled {@link VectorOperation} per request. A dialect holds only its wire format: its routes and how
 * it renders an error.
 * @module
 */
import type { VectorOperation } from '../canonical/request'
import { decodePathSegment } from '../core/path-segment'
import { jsonReply, type Reply } from '../core/reply'
import { StandinError, WireError } from '../errors'
import type { MountContext, MountReply, MountSurface } from '../protocols/mounts/mount'
import { VectorStoreError } from './errors'
import type { VectorStore } from './store'
import { VECTOR_PROVIDER, type VectorSetup } from './vector-setup'

/** One request, as a route handler sees it. */
export interface DialectCall {
  ctx: MountContext
  store: VectorStore
  params: Record<string, string>
  query: URLSearchParams
  /**
   * The URL of this dialect's API root on the origin, session and mount the request came in on, e.g.
   * `http://127.0.0.1:4010/_s/t1/vector` (what precedes the anchor): for URLs the client must call back.
   */
  root: string
  /** The JSON body; a 400 in the dialect's shape when it is not JSON. `{}` when there is no body. */
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
  /** Below the anchor, e.g. `/indexes/{name}/query`; `{param}` is one path segment. */
  path: string
  /** The journal's operation when the handler throws before it could say. */
  operation: string
  handle(call: DialectCall): DialectAnswer | Promise<DialectAnswer>
}

export interface DialectError {
  status: number
  body: unknown
}

export interface DialectSpec {
  /** The journal's surface id and the dialect name: `pinecone`, `chroma`. */
  dialect: string
  /** The first path segment(s) every route starts with: `/indexes`, `/api/v2`. */
  anchor: string
  routes: readonly DialectRoute[]
  /** Renders a refusal in the dialect's envelope; `route` is undefined for an unknown path. */
  renderError(error: VectorStoreError | WireError, route: DialectRoute | undefined): DialectError
}

interface CompiledRoute {
  route: DialectRoute
  pattern: RegExp
}

/** A mount serving `spec` from the session stores `setup` makes. */
export function dialectServer(spec: DialectSpec, setup: VectorSetup): MountSurface {
  const routes: CompiledRoute[] = spec.routes.map((route) => ({ route, pattern: compile(route.path) }))
  return {
    kind: 'mount',
    id: spec.dialect,
    provider: VECTOR_PROVIDER,
    async serve(ctx) {
      const full = ctx.base + ctx.path
      const at = anchorIndex(full, spec.anchor)
      const local = at < 0 ? '' : full.slice(at)
      let found: { route: DialectRoute; params: Record<string, string> } | undefined
      let otherMethod = false
      for (const { route, pattern } of routes) {
        const match = pattern.exec(local)
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
          ? new WireError(405, `Method ${ctx.method} is not allowed on ${local}.`)
          : new VectorStoreError(
              'not_found',
              `${spec.dialect} has no route for ${ctx.method} ${local || full}.`,
            )
        return reply(spec, ctx, undefined, failure(spec, error, undefined), 'unknown-route')
      }
      const call: DialectCall = {
        ctx,
        store: setup.storeFor(ctx.memory),
        params: found.params,
        query: ctx.url.searchParams,
        root: `${ctx.url.origin}${sessionPrefix(ctx)}${full.slice(0, at)}`,
        json: () => parseBody(ctx.body),
      }
      let answer: DialectAnswer
      try {
        answer = await found.route.handle(call)
      } catch (error) {
        if (!(error instanceof VectorStoreError || error instanceof WireError)) throw error
        return reply(spec, ctx, found.route, failure(spec, error, found.route), found.route.operation)
      }
      return reply(spec, ctx, found.route, answer)
    },
  }
}

interface Failure extends DialectAnswer {
  message: string
}

function failure(
  spec: DialectSpec,
  error: VectorStoreError | WireError,
  route: DialectRoute | undefined,
): Failure {
  const rendered = spec.renderError(error, route)
  return { status: rendered.status, body: rendered.body, note: { operation: '' }, message: error.message }
}

function reply(
  spec: DialectSpec,
  ctx: MountContext,
  route: DialectRoute | undefined,
  answer: DialectAnswer | Failure,
  failedOperation?: string,
): MountReply {
  const status = answer.status ?? 200
  const body: Reply =
    answer.body === undefined ? { status, headers: {}, body: null } : jsonReply(status, answer.body)
  const request: VectorOperation = {
    kind: 'vector',
    surface: spec.dialect,
    provider: VECTOR_PROVIDER,
    dialect: spec.dialect,
    ...answer.note,
    operation: failedOperation ?? answer.note.operation ?? route?.operation ?? 'unknown',
  }
  const error = 'message' in answer ? { error: { message: answer.message } } : {}
  return { reply: body, calls: [{ request, response: { status, stream: false, ...error } }] }
}

function parseBody(body: string): unknown {
  if (body.trim() === '') return {}
  try {
    return JSON.parse(body)
  } catch {
    throw new WireError(400, 'The request body is not valid JSON.')
  }
}

/** Where `anchor` starts as whole path segments in `path`, or -1. */
function anchorIndex(path: string, anchor: string): number {
  let from = 0
  for (;;) {
    const at = path.indexOf(anchor, from)
    if (at < 0) return -1
    const end = at + anchor.length
    if (end === path.length || path[end] === '/') return at
    from = at + 1
  }
}

const SESSION_PREFIX = /^\/_s\/[^/]+/

function sessionPrefix(ctx: MountContext): string {
  return SESSION_PREFIX.exec(ctx.url.pathname)?.[0] ?? ''
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
