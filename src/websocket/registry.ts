/**
 * The WebSocket surfaces the mock serves, found by the upgrade request's path (exact, query ignored). The
 * counterpart of the HTTP router for upgrades; no protocol knowledge lives here.
 * @module
 */
import type { WebSocketSurface } from './surface'

/** The path table of each surface list, built once per list and shared until a registry adds to it. */
const tables = new WeakMap<readonly WebSocketSurface[], Map<string, WebSocketSurface>>()

export class WsRegistry {
  #byPath: Map<string, WebSocketSurface>
  /** True while {@link #byPath} is the table shared by every registry of the same surface list. */
  #shared: boolean

  constructor(surfaces: readonly WebSocketSurface[]) {
    let table = tables.get(surfaces)
    if (!table) {
      table = new Map()
      for (const surface of surfaces) for (const path of surface.paths) table.set(path, surface)
      tables.set(surfaces, table)
    }
    this.#byPath = table
    this.#shared = true
  }

  /** Adds a surface; a path already served by another surface is taken over (the later one wins). */
  add(surface: WebSocketSurface): void {
    if (this.#shared) {
      this.#byPath = new Map(this.#byPath)
      this.#shared = false
    }
    for (const path of surface.paths) this.#byPath.set(path, surface)
  }

  match(pathname: string): WebSocketSurface | undefined {
    return this.#byPath.get(pathname) ?? this.#byPath.get(pathname.replace(/\/+$/, ''))
  }

  get surfaces(): WebSocketSurface[] {
    return [...new Set(this.#byPath.values())]
  }
}
