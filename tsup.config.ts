import { resolve } from 'node:path'
import type { Plugin } from 'esbuild'
import { defineConfig } from 'tsup'

const INTERNAL = resolve('src/internal.ts')

/**
 * Every published entry but `standin/internal` itself imports `src/internal.ts` as the external
 * `standin/internal`, so all entries share one engine module and one set of error classes at run time.
 */
const internalExternal: Plugin = {
  name: 'standin-internal-external',
  setup(build) {
    build.onResolve({ filter: /(^|\/)internal$/ }, (args) => {
      if (args.kind === 'entry-point') return undefined
      if (resolve(args.resolveDir, args.path) + '.ts' !== INTERNAL) return undefined
      return { path: 'standin/internal', external: true }
    })
  },
}

/** One entry per published subpath; integrations import `standin` itself, kept external so every
 * subpath shares one engine module at run time. */
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'internal/index': 'src/internal.ts',
    'cli/index': 'src/cli/index.ts',
    'vitest/index': 'integrations/vitest/index.ts',
    'vitest/setup': 'integrations/vitest/setup.ts',
    'vitest/global-setup': 'integrations/vitest/global-setup.ts',
    'playwright/index': 'integrations/playwright/index.ts',
    'playwright/reporter': 'integrations/playwright/reporter.ts',
    'jest/index': 'integrations/jest/index.ts',
    'jest/environment': 'integrations/jest/environment.ts',
    'jest/setup': 'integrations/jest/setup.ts',
    'jest/reporter': 'integrations/jest/reporter.ts',
    'msw/index': 'integrations/msw/index.ts',
    'msw/node/index': 'integrations/msw/node/index.ts',
    'propagate/index': 'integrations/propagate/index.ts',
    'mcp/index': 'src/protocols/mcp/entry.ts',
    'agui/index': 'src/protocols/agui/entry.ts',
    'a2a/index': 'src/protocols/a2a/entry.ts',
  },
  format: ['cjs', 'esm'],
  dts: true,
  clean: false,
  sourcemap: true,
  target: 'node20',
  splitting: false,
  shims: true,
  // Type-only entries (module augmentations) are hand-written .d.ts files: copy them next to the built ones.
  onSuccess: 'node scripts/copy-type-entries.mjs',
  esbuildPlugins: [internalExternal],
  external: ['standin', /^standin\//, /^vitest/, /^@vitest\//, /^@playwright\//, /^jest/, /^@jest\//, /^msw/],
})
