/**
 * Puts the vector databases on a mock: one {@link VectorSetup} per mock, its dialects mounted at the seed's
 * path and at their clients' root paths, and the config's `vector` section applied to it.
 * @module
 */
import type { MountSurface } from '../protocols/mounts/mount'
import { DEFAULT_VECTOR_PATH, type ResolvedVectorConfig } from './config'
import { VECTOR_DIALECTS } from './dialects'
import { VectorSetup } from './vector-setup'
import { mountVector } from './vector-mount'

interface Mountable {
  mount(path: string, server: MountSurface): unknown
}

/**
 * The setup of each mock, kept on it for the config (which reaches the mock only through its public face).
 * A symbol-keyed property rather than a WeakMap: a WeakMap entry per mock cost more than the rest here.
 */
const SETUP = Symbol('standin.vectorSetup')

interface WithSetup {
  [SETUP]?: VectorSetup
}

export function installVector(mock: Mountable, setup = new VectorSetup()): VectorSetup {
  ;(mock as WithSetup)[SETUP] = setup
  mountVector(mock, { path: DEFAULT_VECTOR_PATH, setup, dialects: VECTOR_DIALECTS })
  return setup
}

/**
 * True for a path the vector mounts of {@link installVector} answer: below the seed's path or a dialect's
 * root mount, or one of their exact root paths. A mock defers its vector mounts until such a path is asked.
 */
export function claimsVectorPath(pathname: string): boolean {
  const { bases, exact } = (vectorPaths ??= collectVectorPaths())
  if (exact.has(pathname)) return true
  // No `${base}/` string per base: every request routed on a mock with deferred vector mounts asks this.
  for (const base of bases)
    if (
      pathname.startsWith(base) &&
      (pathname.length === base.length || pathname.charCodeAt(base.length) === 47) /* / */
    )
      return true
  return false
}

let vectorPaths: { bases: string[]; exact: Set<string> } | undefined

function collectVectorPaths(): { bases: string[]; exact: Set<string> } {
  const bases = [DEFAULT_VECTOR_PATH, ...VECTOR_DIALECTS.flatMap((d) => d.rootMounts)]
  return { bases, exact: new Set(VECTOR_DIALECTS.flatMap((d) => d.rootPaths ?? [])) }
}

/** Applies the config's `vector` section: its mount path, collections and canned results (kept by `reset()`). */
export function configureVector(mock: Mountable, config: ResolvedVectorConfig): void {
  const setup = (mock as WithSetup)[SETUP] ?? installVector(mock)
  if (config.path !== DEFAULT_VECTOR_PATH)
    mountVector(mock, { path: config.path, setup, dialects: VECTOR_DIALECTS })
  for (const c of config.collections) {
    setup.addCollection(c.name, { dimension: c.dimension, metric: c.metric }, c.vectors ?? [], true)
    if (c.queryResults) setup.onQuery(c.name, c.queryResults, true)
  }
}
