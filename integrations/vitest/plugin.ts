/**
 * The Vite plugin: puts standin's globalSetup and setup file first in the test config and hands the
 * options to both through `provide`.
 * @module
 */
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vitest/config'
import {
  OPTIONS_KEY,
  resolveOptions,
  REUSED_WORKER_KEY,
  reusesWorker,
  type StandinVitestOptions,
} from './options'

/**
 * Built files next to this one. Always the ESM build: the setup file must finish starting the worker's
 * mock before the test file is imported, and only ESM can hold the import back. (`import.meta.url` is
 * shimmed by tsup in the CommonJS build, so this works from both builds.)
 */
function builtFile(name: string): string {
  return fileURLToPath(new URL(`./${name}.mjs`, import.meta.url))
}

/**
 * Starts a standin mock in every Vitest worker (port 0), points provider SDKs at it through their
 * environment variables, registers the matchers and gives each test its own session.
 * @example
 * // vitest.config.ts
 * import { defineConfig } from 'vitest/config'
 * import { standin } from 'standin/vitest'
 * export default defineConfig({ plugins: [standin({ fixtures: './fixtures' })] })
 * @see https://github.com/standin/standin#vitest
 */
export function standin(options: StandinVitestOptions = {}): Plugin {
  return {
    name: 'standin',
    config(config) {
      // Mutated rather than returned: a returned config is merged after the user's, and ours must run
      // first so user setup files (and apps their globalSetup starts) already see the variables.
      const test = (config.test ??= {})
      test.globalSetup = [builtFile('global-setup'), ...toArray(test.globalSetup)]
      test.setupFiles = [builtFile('setup'), ...toArray(test.setupFiles)]
    },
    configureVitest({ project }) {
      // Keys typed `never`: the `ProvidedContext` augmentation ships with the public entry only.
      project.provide(OPTIONS_KEY as never, resolveOptions(options, project.config.root) as never)
      project.provide(REUSED_WORKER_KEY as never, reusesWorker(project.config) as never)
    },
  }
}

function toArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}
