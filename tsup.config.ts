import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import type { Plugin } from 'esbuild'
import { defineConfig, type Options } from 'tsup'
import {
  analyseChunks,
  modulesTablePlugin,
  stubPlugin,
  writeChunks,
  type ChunkPlan,
} from './scripts/build/chunks'
import { writeEngineEntries } from './scripts/build/engine-entry'
import { PEER_PATTERN, peerGuard } from './scripts/build/peer-guard'

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

const shared = {
  target: 'node20',
  splitting: false,
  shims: true,
  clean: false,
  // No source maps in the package: the output is unminified JavaScript a stack trace can be read in, and
  // maps (with the TypeScript inlined) would more than double the tarball.
  sourcemap: false,
} satisfies Options

const external = [
  'standin',
  /^standin\//,
  /^vitest/,
  /^@vitest\//,
  /^@playwright\//,
  /^jest/,
  /^@jest\//,
  /^msw/,
]

/** One entry per published subpath (the `exports` map); integrations import `standin` itself, kept
 * external so every subpath shares one engine module at run time. */
const library = (plan: ChunkPlan): Options => ({
  ...shared,
  entry: {
    index: 'src/index.ts',
    'internal/index': 'src/internal.ts',
    // The engine-free runner plumbing (`standin/internal/runners`) for runners' main processes.
    'runners/index': 'src/runners/index.ts',
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
  // STANDIN_DTS=0: JavaScript only (quick local builds), keeping whatever declarations dist/ holds.
  dts: process.env.STANDIN_DTS !== '0',
  // Type-only entries (module augmentations) are hand-written .d.ts files: copy them next to the built ones.
  // Then standin/internal becomes one CommonJS engine behind a code-cache loader, which the ESM entry
  // re-exports (scripts/build/engine-entry.ts).
  // Then the cold subsystems become chunks the engine loads on first use (scripts/build/chunks.ts).
  onSuccess: async () => {
    execFileSync(process.execPath, ['scripts/copy-type-entries.mjs'], { stdio: 'inherit' })
    writeEngineEntries()
    await writeChunks(plan)
  },
  esbuildPlugins: [internalExternal, stubPlugin(plan), modulesTablePlugin(plan), peerGuard()],
  external,
  // tsup would mark the optional peers external before the peer guard sees them.
  noExternal: [PEER_PATTERN, /\?main$/],
})

/** The code-cache loader of the engine (dist/internal/compile-cache.js): CommonJS, imports no engine code. */
const loader: Options = {
  ...shared,
  entry: { 'internal/compile-cache': 'src/loader/compile-cache.ts' },
  format: ['cjs'],
  dts: false,
}

/** The `standin` bin (package.json `bin`): CommonJS only, since nothing imports it. */
export const cli: Options = {
  ...shared,
  entry: { 'cli/index': 'src/cli/index.ts' },
  format: ['cjs'],
  dts: false,
  external,
}

export default defineConfig(async () => [library(await analyseChunks()), loader, cli])
