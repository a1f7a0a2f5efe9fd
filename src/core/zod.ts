/**
 * zod, loaded on first use: its ~100 module files cost about as much as the rest of `import('standin')`,
 * and a mock that loads no fixture file and no config never needs a schema. Schemas are built by
 * {@link lazySchemas} the first time a validation asks for them; `require` keeps every caller (config and
 * fixture-file loading, request decoding) synchronous, with the same errors as before.
 * @module
 */
import type * as Zod from 'zod'
import { lazyRequire } from './lazy-require'

/** zod's `z` namespace (the value). */
export type ZodApi = typeof Zod.z

const load = lazyRequire<typeof Zod>('zod')

/** zod's `z`, loaded on the first call. */
export function zod(): ZodApi {
  return load().z
}

/** A module's schemas, built by `build` on the first call (loading zod then) and kept. */
export function lazySchemas<T>(build: (z: ZodApi) => T): () => T {
  let built: T | undefined
  return () => (built ??= build(zod()))
}
