/**
 * The mount table: which protocol server answers a path. The longest mount path that equals the request
 * path, or prefixes it at a `/`, wins, so `/mcp` never catches `/mcpx` and `/a2a/agents/b` can sit next to
 * `/a2a`.
 * @module
 */
import { StandinError } from '../errors'
import type { MountSurface } from './mount'

export interface MountMatch {
  surface: MountSurface
  /** The mount path, without a trailing slash (`''` at the root). */
  base: string
  /** The rest of the request path: `''` or `/…`. */
  path: string
}

export class MountTable {
  #mounts: { base: string; surface: MountSurface }[] = []

  /** Mounts `surface` at `path`, replacing whatever was mounted there. */
  add(path: string, surface: MountSurface): void {
    const base = normalise(path)
    this.#mounts = this.#mounts.filter((m) => m.base !== base)
    this.#mounts.push({ base, surface })
    this.#mounts.sort((a, b) => b.base.length - a.base.length)
  }

  remove(path: string): boolean {
    const base = normalise(path)
    const before = this.#mounts.length
    this.#mounts = this.#mounts.filter((m) => m.base !== base)
    return this.#mounts.length < before
  }

  match(pathname: string): MountMatch | undefined {
    for (const { base, surface } of this.#mounts) {
      if (pathname === base || pathname.startsWith(`${base}/`)) {
        return { surface, base, path: pathname.slice(base.length) }
      }
    }
    return undefined
  }

  /** Mount paths and servers, longest path first. */
  get entries(): ReadonlyArray<{ base: string; surface: MountSurface }> {
    return this.#mounts
  }
}

function normalise(path: string): string {
  if (!path.startsWith('/')) {
    throw new StandinError(
      'STANDIN_BAD_MOUNT_PATH',
      `A mount path must start with "/"; got ${JSON.stringify(path)}.`,
    )
  }
  return path.replace(/\/+$/, '')
}
