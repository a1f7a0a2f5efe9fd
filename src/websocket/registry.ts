/**
 * The WebSocket surfaces the mock serves, found by the upgrade request's path (exact, query ignored). The
 * counterpart of the HTTP router for upgrades; no protocol knowledge lives here.
 * @module
 */
import type { WebSocketSurface } from './surface'

export class WsRegistry {
  readonly #byPath = new Map<string, WebSocketSurface>()

  constructor(surfaces: readonly WebSocketSurface[]) {
    for (const surface of surfaces) this.add(surface)
  }

  /** Adds a surface; a path already served by another surface is taken over (the later one wins). */
  add(surface: WebSocketSurface): void {
    for (const path of surface.paths) this.#byPath.set(path, surface)
  }

  match(pathname: string): WebSocketSurface | undefined {
    return this.#byPath.get(pathname) ?? this.#byPath.get(pathname.replace(/\/+$/, ''))
  }

  get surfaces(): WebSocketSurface[] {
    return [...new Set(this.#byPath.values())]
  }
}
