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
}

export interface RouteMatch {
  surface: Surface
  params: Record<string, string>
}

export class Router {
  #routes: CompiledRoute[]

  constructor(surfaces: Surface[]) {
    const routes = surfaces.flatMap((surface) => surface.routes.map((route) => compile(route, surface)))
    // Specific routes before `**` suffix routes; otherwise registry order.
    this.#routes = [...routes.filter((r) => !r.wildcard), ...routes.filter((r) => r.wildcard)]
  }

  /** Without `headers`, surfaces' `accepts` predicates are not consulted (any surface of the path will do). */
  match(method: string, pathname: string, headers?: HeaderReader): RouteMatch | undefined {
    for (const route of this.#routes) {
      if (route.method !== method) continue
      if (headers && route.surface.accepts && !route.surface.accepts(headers)) continue
      const found = route.pattern.exec(pathname)
      if (found) return { surface: route.surface, params: { ...found.groups } }
    }
    return undefined
  }

  /** True when some route has this path under another method (answer 405 rather than 404). */
  hasPath(pathname: string): boolean {
    return this.#routes.some((route) => route.pattern.test(pathname))
  }
}

function compile(route: RouteSpec, surface: Surface): CompiledRoute {
  const wildcard = route.path.startsWith('**')
  const body = wildcard ? route.path.slice(2) : route.path
  let source = ''
  for (const part of body.split(/(\{[a-zA-Z]+\+?\})/)) {
    const param = /^\{([a-zA-Z]+)(\+?)\}$/.exec(part)
    // `{name+}` is greedy (AWS's URI-label convention): Bedrock model ids hold ':' and ARNs hold '/'.
    const value = param?.[2] ? '.+' : '[^/:]+'
    source += param ? `(?<${param[1]}>${value})` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  }
  const pattern = new RegExp(`^${wildcard ? '(?:/.*)?' : ''}${source}/?$`)
  return { method: route.method, pattern, surface, wildcard }
}
