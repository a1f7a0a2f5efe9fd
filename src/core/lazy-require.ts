/**
 * A dependency loaded on first use instead of at import: `import('standin')` must stay close to a bare
 * `node -e 0`, and most mocks never read an AWS event stream or take a WebSocket upgrade. `require` is
 * synchronous in both builds (the ESM one through `createRequire`), so the calling code stays synchronous.
 * @module
 */
import { createRequire } from 'node:module'

let requireHere: NodeJS.Require | undefined

/** A memoised loader of `id` (a CommonJS-loadable package). */
export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined
  return () => {
    if (loaded === undefined) {
      requireHere ??= createRequire(__filename)
      loaded = requireHere(id) as T
    }
    return loaded
  }
}
