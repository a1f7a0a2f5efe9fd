/**
 * The engine (`standin/internal`), loaded on first call rather than at import. `standin/vitest` is
 * imported by `vitest.config.ts` for the plugin, and the config's process never runs a mock: there the
 * plugin and its reporters use the engine-free `standin/internal/runners`, and the engine is not loaded
 * at all. In a worker the setup file calls this before any test file loads. `require` resolves the
 * CommonJS engine that the ESM `standin/internal` re-exports, so both name the same module, and an ESM
 * worker does not also load that re-export (a few ms per Vitest test file).
 * @module
 */
import { createRequire } from 'node:module'

type Engine = typeof import('standin/internal')

let loaded: Engine | undefined

/**
 * The engine module, required on first call. `__filename`, not `import.meta.url`: tsup shims it in the
 * ESM build, and Playwright loads the live-call guard's TypeScript source as CommonJS, where
 * `import.meta` is an error.
 */
export function engine(): Engine {
  return (loaded ??= createRequire(__filename)('standin/internal') as Engine)
}
