/**
 * `standin/jest/reporter` (`withStandin()` adds it): at the end of the run, the recordings no test uses,
 * in the test files that ran (as Jest reports obsolete snapshots), removed when the run re-records
 * (`jest -u`, `STANDIN_RECORD=all`); and the fixture-usage report: the loaded fixtures no test used (each
 * test file's mock writes its counts into a folder this reporter makes and names in `STANDIN_USAGE_DIR`).
 * @example
 * // jest.config.js, by hand
 * reporters: ['default', ['standin/jest/reporter', { record: 'replay', unusedFixtures: 'fail' }]]
 * @module
 */
import type { Config } from '@jest/types'
import {
  createUsageDir,
  finishUsageReport,
  USAGE_DIR_ENV,
  findObsoleteRecordings,
  formatObsoleteRecordings,
  obsoleteCount,
  removeObsoleteRecordings,
  runnerRecording,
  type RanTestFile,
  type RunnerRecordOption,
  type UnusedFixturesOption,
} from 'standin/internal/runners'

/** The reporter's options: the same `record` and `unusedFixtures` as `withStandin()`'s. */
export interface StandinReporterOptions {
  record?: RunnerRecordOption
  /**
   * The fixture-usage report: `'report'` (default) lists the loaded fixtures no test used, `'fail'` also
   * fails a run that ran every test, `'off'` says nothing.
   */
  unusedFixtures?: UnusedFixturesOption
}

/** The part of Jest's aggregated results the reporter reads (each file's `testResults` are its tests). */
export interface JestRunResults {
  /** Tests skipped (`.skip`, or left out by `.only`) and `.todo` ones. */
  numPendingTests?: number
  numTodoTests?: number
  testResults: ReadonlyArray<{
    testFilePath: string
    testExecError?: unknown
    testResults: ReadonlyArray<{ ancestorTitles: string[]; title: string }>
  }>
}

export default class StandinReporter {
  readonly #globalConfig: Config.GlobalConfig
  readonly #options: StandinReporterOptions
  /** The run's fixture-usage folder (none when the report is off). */
  readonly #usageDir: string | undefined
  #usageError: Error | undefined

  constructor(globalConfig: Config.GlobalConfig, options: StandinReporterOptions = {}) {
    this.#globalConfig = globalConfig
    this.#options = options ?? {}
    if (this.#options.unusedFixtures !== 'off') {
      // Reporters are built before Jest starts its workers, which inherit the variable.
      this.#usageDir = createUsageDir()
      process.env[USAGE_DIR_ENV] = this.#usageDir
    }
  }

  onRunComplete(_contexts: unknown, results: JestRunResults): void {
    this.#reportObsolete(results)
    this.#reportUsage(results)
  }

  #reportUsage(results: JestRunResults): void {
    this.#usageError = undefined
    if (!this.#usageDir) return
    const report = finishUsageReport(this.#usageDir, {
      option: this.#options.unusedFixtures,
      cwd: this.#globalConfig.rootDir,
      filtered: jestFilter(this.#globalConfig, results),
    })
    if (report.text) process.stderr.write(`\n${report.text}\n`)
    if (report.fail) this.#usageError = new Error(report.text)
  }

  #reportObsolete(results: JestRunResults): void {
    const { record } = this.#options
    if (record === false) return
    const ran: RanTestFile[] = []
    for (const file of results.testResults) {
      // A file that failed to run reports no tests: its recordings are not obsolete, just unread.
      if (file.testExecError || file.testResults.length === 0) continue
      ran.push({
        file: file.testFilePath,
        titlePaths: file.testResults.map((test) => [...test.ancestorTitles, test.title]),
      })
    }
    const obsolete = findObsoleteRecordings(ran)
    if (obsoleteCount(obsolete) === 0) return
    const { mode } = runnerRecording(record, {
      update: this.#globalConfig.updateSnapshot === 'all',
      ci: this.#globalConfig.ci,
    })
    const remove = mode === 'all'
    const failed = remove ? removeObsoleteRecordings(obsolete) : []
    const text = formatObsoleteRecordings(obsolete, {
      removed: remove,
      cwd: this.#globalConfig.rootDir,
      updateHint: 'Run `jest -u` (or STANDIN_RECORD=all)',
    })
    const problems = failed.map((path) => `  could not remove ${path}`)
    process.stderr.write(`\n${[text, ...problems].join('\n')}\n`)
  }

  /**
   * Unused fixtures fail the run with `unusedFixtures: 'fail'`. Obsolete recordings do not (obsolete
   * snapshots do not either, without `--ci`).
   */
  getLastError(): Error | undefined {
    return this.#usageError
  }
}

/**
 * Why this run may not have run every test, as Jest's config and results tell it: `-t`, path patterns,
 * `-o`/`--changedSince`/`--findRelatedTests`/`--onlyFailures`, `--shard`, or skipped tests (`.only`,
 * `.skip`, `.todo`).
 */
function jestFilter(config: Config.GlobalConfig, results: JestRunResults): string | undefined {
  if (config.testNamePattern) return `-t ${config.testNamePattern}`
  // Jest 30 keeps path patterns in `testPathPatterns`, Jest 29 in `testPathPattern`.
  const loose = config as unknown as { testPathPatterns?: { patterns?: string[] }; testPathPattern?: string }
  const paths = loose.testPathPatterns?.patterns ?? (loose.testPathPattern ? [loose.testPathPattern] : [])
  if (paths.length > 0 || config.nonFlagArgs?.length > 0)
    return `only test files matching ${(paths.length > 0 ? paths : config.nonFlagArgs).join(', ')}`
  if (config.onlyChanged || config.changedSince || config.lastCommit || config.findRelatedTests)
    return 'only changed or related test files'
  if (config.onlyFailures) return 'only the tests that failed last time'
  if (config.shard) return `shard ${config.shard.shardIndex}/${config.shard.shardCount}`
  if ((results.numPendingTests ?? 0) + (results.numTodoTests ?? 0) > 0)
    return 'some tests were skipped (.only, .skip or .todo)'
  return undefined
}

export { StandinReporter }
