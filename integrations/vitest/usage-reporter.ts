/**
 * The fixture-usage reporter the plugin adds: at the end of each run, the loaded fixtures no test used
 * (every worker's mock wrote its counts to the run's folder after its last file). `unusedFixtures: 'fail'`
 * fails a full run with them; a filtered run says so and never fails.
 * @module
 */
import { finishUsageReport, type UnusedFixturesOption } from 'standin/internal/runners'
import type { Reporter, TestModule, Vitest } from 'vitest/node'
import { OPTIONS_KEY, type StandinVitestOptions } from './options'

export class FixtureUsageReporter implements Reporter {
  #vitest: Vitest | undefined
  /** Set when a watch-mode rerun runs only some files. */
  #rerun: string | undefined

  constructor(readonly dir: string) {}

  onInit(vitest: Vitest): void {
    this.#vitest = vitest
  }

  onWatcherRerun(_files: string[], trigger?: string): void {
    this.#rerun = trigger === undefined ? 'a watch-mode rerun' : `a watch-mode rerun (${trigger})`
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const vitest = this.#vitest
    if (!vitest) return
    const report = finishUsageReport(this.dir, {
      option: runOption(vitest),
      cwd: vitest.config.root,
      filtered: this.#rerun ?? filterOf(vitest, testModules),
    })
    this.#rerun = undefined
    // stderr, like the obsolete-recordings report: a reporter writing JSON to stdout stays readable.
    if (report.text) vitest.logger.error(`\n${report.text}`)
    // As coverage thresholds do: the run's exit code, after every test passed.
    if (report.fail) process.exitCode = 1
  }
}

/** The strictest `unusedFixtures` of the run's projects ('fail' over 'report' over 'off'). */
function runOption(vitest: Vitest): UnusedFixturesOption {
  const options = vitest.projects.map(
    (project) =>
      (project.getProvidedContext() as unknown as Record<string, unknown>)[OPTIONS_KEY] as
        StandinVitestOptions | undefined,
  )
  const given = options.map((o) => o?.unusedFixtures ?? 'report')
  if (given.includes('fail')) return 'fail'
  if (given.includes('report')) return 'report'
  return 'off'
}

/**
 * Why this run may not have run every test, as Vitest tells it: `-t`, file filters on the command line,
 * `--changed`/`--related`, `--shard`, or tests skipped (`.only`, `.skip`, `.todo`).
 */
function filterOf(vitest: Vitest, testModules: ReadonlyArray<TestModule>): string | undefined {
  const config = vitest.config
  const name = config.testNamePattern
  if (name) return `-t ${name instanceof RegExp ? name.source : String(name)}`
  const files = (vitest as unknown as { filenamePattern?: string[] }).filenamePattern
  if (files && files.length > 0) return `only files matching ${files.join(', ')}`
  if (config.changed || (config.related && config.related.length > 0)) return 'only changed or related files'
  if (config.shard) return `shard ${config.shard.index}/${config.shard.count}`
  for (const module of testModules)
    for (const test of module.children.allTests())
      if (test.result().state === 'skipped') return 'some tests were skipped (.only, .skip or .todo)'
  return undefined
}
