/**
 * The route table, built from the surfaces' declared routes. No protocol knowledge lives here.
 * @module
 */
import type { HeaderReader } from '../core/reply'
import type { Method, RouteSpec, Surface } from '../providers/provider'

interface CompiledRoute {
  method: Method
  pattern: RegExp
  surface: Surface
  wildcard: boolean
  /** Literal text every matching path starts with, and ends with (before an optional `/`): checked before
   * the pattern, so a request costs a few string comparisons per route instead of a regex each. */
  prefix: string
  suffix: string
}

/**
 * A path's fitting routes and, once known, what {@link Router.match} answers for it when no route before
 * the answer has an `accepts` predicate (null: no route matched); undefined while unknown or header-bound.
 */
interface Fits {
  routes: CompiledRoute[]
  found: RouteMatch | null | undefined
}

export interface RouteMatch {
  surface: Surface
  params: Record<string, string>
}

const shared = new WeakMap<readonly Surface[], Router>()

/**
 * The router of a surface list, built once per process: the table depends only on the (static) surfaces,
 * so every mock created from the same list shares it instead of compiling ~200 patterns per instance.
 */
export function routerFor(surfaces: readonly Surface[]): Router {
  let router = shared.get(surfaces)
  if (!router) {
    router = new Router(surfaces)
    shared.set(surfaces, router)
  }
  return router
}

/** How many paths per method {@link Router} remembers the fitting routes of, and up to what length. */
const FITS_KEPT = 512
const FITS_PATH_MAX = 512

export class Router {
  #routes: CompiledRoute[]
  #fits = new Map<string, Map<string, Fits>>()
  /** The fitting routes of a path too long to remember (never given a `found`). */
  readonly #uncached: Fits = { routes: [], found: undefined }

  constructor(surfaces: readonly Surface[]) {
    const routes = surfaces.flatMap((surface) => surface.routes.map((route) => compile(route, surface)))
    // Specific routes before `**` suffix routes; otherwise registry order.
    this.#routes = [...routes.filter((r) => !r.wildcard), ...routes.filter((r) => r.wildcard)]
  }

  /** Without `headers`, surfaces' `accepts` predicates are not consulted (any surface of the path will do). */
  match(method: string, pathname: string, headers?: HeaderReader): RouteMatch | undefined {
    const fits = this.#fitting(method, pathname)
    // The answer for this path, when no route before it asks for headers: remembered, not a regex per request.
    const known = fits.found
    if (known !== undefined)
      return known === null ? undefined : { surface: known.surface, params: { ...known.params } }
    let blind = true
    for (const route of fits.routes) {
      if (route.surface.accepts) {
        blind = false
        if (headers && !route.surface.accepts(headers)) continue
      }
      const found = route.pattern.exec(pathname)
      if (found) {
        const params = { ...found.groups }
        if (blind && fits !== this.#uncached) fits.found = { surface: route.surface, params: { ...params } }
        return { surface: route.surface, params }
      }
    }
    if (blind && fits !== this.#uncached) fits.found = null
    return undefined
  }

  /**
   * The routes whose method and literal prefix and suffix fit, in table order: worked out once per method
   * and path and remembered, as clients send the same few paths again and again (OpenAI's chat route is a
   * `**` route, last in the table: about 70 routes were checked for each chat request).
   */
  #fitting(method: string, pathname: string): Fits {
    if (pathname.length > FITS_PATH_MAX) {
      const uncached = this.#uncached
      uncached.routes = this.#routes.filter((route) => route.method === method && couldMatch(route, pathname))
      return uncached
    }
    // By method, then path: no key string to build per request.
    let byPath = this.#fits.get(method)
    if (byPath === undefined) {
      byPath = new Map()
      this.#fits.set(method, byPath)
    }
    let fits = byPath.get(pathname)
    if (fits === undefined) {
      const routes = this.#routes.filter((route) => route.method === method && couldMatch(route, pathname))
      fits = { routes, found: undefined }
      // Bounded: paths with ids in them (files, batches, responses) would otherwise grow it without end.
      if (byPath.size >= FITS_KEPT) byPath.clear()
      byPath.set(pathname, fits)
    }
    return fits
  }

  /** True when some route has this path under another method (answer 405 rather than 404). */
  hasPath(pathname: string): boolean {
    return this.#routes.some((route) => couldMatch(route, pathname) && route.pattern.test(pathname))
  }
}

function couldMatch(route: CompiledRoute, pathname: string): boolean {
  if (!pathname.startsWith(route.prefix)) return false
  const { suffix } = route
  return (
    suffix === '' ||
    pathname.endsWith(suffix) ||
    (pathname.endsWith('/') && pathname.slice(0, -1).endsWith(suffix))
  )
}

function compile(route: RouteSpec, surface: Surface): CompiledRoute {
  const wildcard = route.path.startsWith('**')
  const body = wildcard ? route.path.slice(2) : route.path
  let source = ''
  const parts = body.split(/(\{[a-zA-Z]+\+?\})/)
  for (const part of parts) {
    const param = /^\{([a-zA-Z]+)(\+?)\}$/.exec(part)
    // `{name+}` is greedy (AWS's URI-label convention): Bedrock model ids hold ':' and ARNs hold '/'.
    const value = param?.[2] ? '.+' : '[^/:]+'
    source += param ? `(?<${param[1]}>${value})` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  }
  const pattern = new RegExp(`^${wildcard ? '(?:/.*)?' : ''}${source}/?$`)
  // split() with a capture group alternates literal text and params: literals at even indexes, first and last.
  const prefix = wildcard ? '' : parts[0]!
  const suffix = parts.length > 1 || wildcard ? parts[parts.length - 1]! : ''
  return { method: route.method, pattern, surface, wildcard, prefix, suffix }
}
