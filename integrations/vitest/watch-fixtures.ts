/**
 * Watch mode: an edit to a fixture file or folder (or the config file) named in the plugin's options
 * reruns the tests of that project. Every worker's mock loads all of them, so each test of the project
 * may use any fixture: the whole project reruns, not a guess at which files read it. Vitest's module
 * graph cannot know these files (the mock reads them with `fs`), hence `watchTriggerPatterns`.
 * @module
 */
import { sep } from 'node:path'
import { RECORDINGS_FOLDER } from 'standin/internal/runners'
import type { TestProject, Vitest } from 'vitest/node'
import type { StandinVitestOptions } from './options'

/** Vitest's `watchTriggerPatterns` entry (Vitest 3.2 and later, a root-only option). */
interface WatchTrigger {
  pattern: RegExp
  testsToRun: (file: string, match: RegExpMatchArray) => string[] | string | null | undefined | void
}

/** The files and folders whose edits should rerun the project: fixtures and the config file (absolute). */
export function watchedPaths(options: StandinVitestOptions): string[] {
  const { fixtures, config } = options
  const paths = fixtures === undefined ? [] : Array.isArray(fixtures) ? [...fixtures] : [fixtures]
  if (config !== undefined) paths.push(config)
  return paths
}

/** A pattern for every file under `paths`, minus per-test recordings (a run writes those itself). */
export function triggerPattern(paths: readonly string[]): RegExp {
  const slashed = paths.map((path) => escape(path.split(sep).join('/').replace(/\/+$/, '')))
  return new RegExp(`^(?!.*/${escape(RECORDINGS_FOLDER)}/)(?:${slashed.join('|')})(?:/|$)`)
}

/** Registers `options`' fixture paths with Vitest's watcher, rerunning `project`'s test files. */
export function watchFixtures(vitest: Vitest, project: TestProject, options: StandinVitestOptions): void {
  const paths = watchedPaths(options)
  if (paths.length === 0 || !vitest.config.watch) return
  // Vite watches the project root; fixtures outside it are added.
  vitest.vite.watcher.add(paths)
  const config = vitest.config as { watchTriggerPatterns?: WatchTrigger[] }
  ;(config.watchTriggerPatterns ??= []).push({
    pattern: triggerPattern(paths),
    testsToRun: () =>
      vitest.state
        .getFiles()
        .filter((file) => file.projectName === project.name)
        .map((file) => file.filepath),
  })
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
