/**
 * The mount table: which protocol server answers a path. The longest mount path that equals the request
 * path, or prefixes it at a `/`, wins, so `/mcp` never catches `/mcpx` and `/a2a/agents/b` can sit next to
 * `/a2a`. A server may also claim exact root paths (A2A's `/.well-known/agent-card.json`), tried after
 * every mount path.
 * @module
 */
import { StandinError } from '../../errors'
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
  /** A server's `rootPaths`: exact paths answered by the server last mounted with them. */
  #rootPaths: Map<string, { base: string; surface: MountSurface }> | undefined
  /** Mounts made on first use of the table (see {@link defer}), in the order they were deferred. */
  #deferred: (() => void)[] | undefined
  /** Per deferred mount, the paths it would answer (undefined: any path). */
  #claims: (((pathname: string) => boolean) | undefined)[] | undefined

  /**
   * Makes these mounts on the table's first use (a listing, another mount, or a match of a path they would
   * answer: `claims`, every path when not given), not now: a mock created and stopped without a request,
   * or asked only for other paths, never builds them. Since any later `add` runs them first, and a match of
   * a path they do not claim could not have found them, the result is the same as mounting them now.
   */
  defer(mount: () => void, claims?: (pathname: string) => boolean): void {
    this.#unclaimed = undefined
    // The first as one-element literals: a push onto `[]` grows it to room for 17 (a mock per test defers one).
    if (this.#deferred === undefined || this.#claims === undefined) {
      this.#deferred = [mount]
      this.#claims = [claims]
      return
    }
    this.#deferred.push(mount)
    this.#claims.push(claims)
  }

  /** The last path no deferred mount claimed: a client asks the same path again and again. */
  #unclaimed: string | undefined

  /** True when a deferred mount would answer `pathname`. */
  #claimed(pathname: string): boolean {
    if (pathname === this.#unclaimed) return false
    for (const claims of this.#claims!) if (claims === undefined || claims(pathname)) return true
    this.#unclaimed = pathname
    return false
  }

  #flush(): void {
    const deferred = this.#deferred
    if (deferred === undefined) return
    this.#deferred = undefined
    this.#claims = undefined
    this.#unclaimed = undefined
    for (const mount of deferred) mount()
  }

  /** Mounts `surface` at `path`, replacing whatever was mounted there. */
  add(path: string, surface: MountSurface): void {
    this.#flush()
    const base = normalise(path)
    this.#drop(base)
    // Kept longest first; a new mount goes after those as long as it (as a stable sort would put it).
    let at = this.#mounts.length
    while (at > 0 && this.#mounts[at - 1]!.base.length < base.length) at--
    this.#mounts.splice(at, 0, { base, surface })
    if (surface.rootPaths)
      for (const root of surface.rootPaths) (this.#rootPaths ??= new Map()).set(root, { base, surface })
  }

  /** Unmounts whatever is mounted at `path`, with its root paths. */
  remove(path: string): boolean {
    this.#flush()
    const before = this.#mounts.length
    this.#drop(normalise(path))
    return this.#mounts.length < before
  }

  /** A mount point wins over a root path, so a server mounted at the root still answers everything. */
  match(pathname: string): MountMatch | undefined {
    if (this.#deferred !== undefined && this.#claimed(pathname)) this.#flush()
    for (const { base, surface } of this.#mounts) {
      if (pathname === base || pathname.startsWith(`${base}/`)) {
        return { surface, base, path: pathname.slice(base.length) }
      }
    }
    const root = this.#rootPaths?.get(pathname)
    return root && { surface: root.surface, base: root.base, path: pathname }
  }

  #drop(base: string): void {
    if (!this.#mounts.some((m) => m.base === base)) return
    this.#mounts = this.#mounts.filter((m) => m.base !== base)
    const roots = this.#rootPaths
    if (roots) for (const [root, target] of roots) if (target.base === base) roots.delete(root)
  }

  /** Mount paths and servers, longest path first. */
  get entries(): ReadonlyArray<{ base: string; surface: MountSurface }> {
    this.#flush()
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
  return path.endsWith('/') ? path.replace(/\/+$/, '') : path
}
