/**
 * The vector databases as one mount: at the seed's path (`/vector`, where every dialect's routes sit below)
 * and at the root paths the clients use by default (`/collections` for Qdrant...). Each request is offered to
 * the dialects in order; the first that knows its route answers from the session's store.
 * @module
 */
import { jsonReply } from '../core/reply'
import type { MountContext, MountSurface } from '../protocols/mounts/mount'
import type { VectorDialect } from './dialect'
import { VECTOR_PROVIDER, type VectorSetup } from './vector-setup'

export interface VectorMountOptions {
  setup: VectorSetup
  dialects: readonly VectorDialect[]
  /**
   * `seed`: mounted at the seed's path; the dialect path is what follows it, and the dialects' root paths
   * (`/`) are answered too. `root`: mounted at a dialect's root mount (`/collections`); the mount path is
   * part of the dialect path.
   */
  at: 'seed' | 'root'
}

/** The root paths of a dialect list, computed once per list (every mock mounts the same one). */
const rootPathsOf = new WeakMap<readonly VectorDialect[], readonly string[]>()

function rootPaths(dialects: readonly VectorDialect[]): readonly string[] {
  let paths = rootPathsOf.get(dialects)
  if (!paths) {
    paths = [...new Set(dialects.flatMap((d) => d.rootPaths ?? []))]
    rootPathsOf.set(dialects, paths)
  }
  return paths
}

export function createVectorMount({ setup, dialects, at }: VectorMountOptions): MountSurface {
  const mount: MountSurface = {
    kind: 'mount',
    // One name in the journal (`entry.surface`) wherever a request came in; `request.dialect` says which.
    id: VECTOR_PROVIDER,
    provider: VECTOR_PROVIDER,
    async serve(context: MountContext) {
      const path = at === 'root' ? `${context.base}${context.path}` : context.path || '/'
      const store = setup.storeFor(context.memory)
      for (const dialect of dialects) {
        const answer = await dialect.serve({ ...context, path, store })
        if (answer) return answer
      }
      const message = `No vector database route for ${context.method} ${context.base}${context.path}.`
      return { reply: jsonReply(404, { error: { message, type: 'not_found', code: 'unknown_route' } }) }
    },
  }
  if (at === 'seed') mount.rootPaths = rootPaths(dialects)
  return mount
}

/** Mounts the dialects at `path` (the seed's) and at every root mount they name. */
export function mountVector(
  mock: { mount(path: string, server: MountSurface): unknown },
  options: Omit<VectorMountOptions, 'at'> & { path: string },
): void {
  // No rest or spread of `options`: copying an object's properties that way cost ~10 µs per mock.
  const { path, setup, dialects } = options
  mock.mount(path, createVectorMount({ setup, dialects, at: 'seed' }))
  for (const dialect of dialects)
    for (const root of dialect.rootMounts)
      mock.mount(root, createVectorMount({ setup, dialects: [dialect], at: 'root' }))
}
