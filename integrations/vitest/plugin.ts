/**
 * The Vite plugin: puts standin's globalSetup and setup file first in the test config and hands the
 * options to both through `provide`.
 * @module
 */
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vitest/config'
import { createUsageDir } from 'standin/internal/runners'
import { ObsoleteRecordingsReporter } from './obsolete-reporter'
import { FixtureUsageReporter } from './usage-reporter'
import {
  OPTIONS_KEY,
  resolveOptions,
  REUSED_WORKER_KEY,
  reusesWorker,
  UPDATE_KEY,
  USAGE_KEY,
  type StandinVitestOptions,
} from './options'
import { watchFixtures } from './watch-fixtures'

/** Marks a Vitest instance that already has the obsolete-recordings reporter (one per run, not per project). */
const REPORTER_ADDED = Symbol.for('standin.vitest.reporter')
/** The Vitest instance's fixture-usage reporter. */
const USAGE_REPORTER = Symbol.for('standin.vitest.usageReporter')

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
    configureVitest({ project, vitest }) {
      // Keys typed `never`: the `ProvidedContext` augmentation ships with the public entry only.
      const resolved = resolveOptions(options, project.config.root)
      project.provide(OPTIONS_KEY as never, resolved as never)
      project.provide(REUSED_WORKER_KEY as never, reusesWorker(project.config) as never)
      const update = vitest.config.snapshotOptions.updateSnapshot === 'all'
      project.provide(UPDATE_KEY as never, update as never)
      addReporter(vitest)
      project.provide(USAGE_KEY as never, usageReporter(vitest).dir as never)
      watchFixtures(vitest, project, resolved)
    },
  }
}

/**
 * Vitest builds its reporters from `config.reporters` after every `configureVitest` hook has run, so an
 * instance added here runs next to the ones from the config or the command line (`--reporter`).
 */
function addReporter(vitest: Parameters<NonNullable<Plugin['configureVitest']>>[0]['vitest']): void {
  const holder = vitest as unknown as Record<symbol, boolean>
  if (holder[REPORTER_ADDED] || !Array.isArray(vitest.config.reporters)) return
  holder[REPORTER_ADDED] = true
  vitest.config.reporters.push(new ObsoleteRecordingsReporter())
}

/** The run's fixture-usage reporter (one per Vitest instance, its folder shared by every project). */
function usageReporter(
  vitest: Parameters<NonNullable<Plugin['configureVitest']>>[0]['vitest'],
): FixtureUsageReporter {
  const holder = vitest as unknown as Record<symbol, FixtureUsageReporter | undefined>
  let reporter = holder[USAGE_REPORTER]
  if (!reporter) {
    reporter = new FixtureUsageReporter(createUsageDir())
    holder[USAGE_REPORTER] = reporter
    if (Array.isArray(vitest.config.reporters)) vitest.config.reporters.push(reporter)
  }
  return reporter
}

function toArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}
