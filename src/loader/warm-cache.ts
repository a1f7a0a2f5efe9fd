/**
 * The engine's side of the warm code cache (src/loader/compile-cache.ts): when a process compiled the
 * engine without a cache, the loader leaves a writer on `process`, and the first server to close calls
 * it, so the cache is written again with the functions that have run by then. Nothing happens when the
 * engine came from a cache, runs from source (tests), or inside a sandbox realm.
 * @module
 */

const WARM_HOOK = Symbol.for('standin.compileCache.warm')

/** The loader's pending warm write, if this process has one (once: the loader removes it when called). */
export function pendingWarmCache(): (() => void) | undefined {
  return (process as unknown as Record<symbol, (() => void) | undefined>)[WARM_HOOK]
}
