/**
 * `standin/jest/reporter` (`withStandin()` adds it): at the end of the run, the recordings no test uses,
 * in the test files that ran (as Jest reports obsolete snapshots); removed when the run re-records
 * (`jest -u`, `STANDIN_RECORD=all`).
 * @example
 * // jest.config.js, by hand
 * reporters: ['default', ['standin/jest/reporter', { record: 'replay' }]]
 * @module
 */
import type { Config } from '@jest/types'
import {
  findObsoleteRecordings,
  formatObsoleteRecordings,
  obsoleteCount,
  removeObsoleteRecordings,
  runnerRecording,
  type RanTestFile,
  type RunnerRecordOption,
} from 'standin/internal'

/** The reporter's options: the same `record` as `withStandin()`'s. */
export interface StandinReporterOptions {
  record?: RunnerRecordOption
}

/** The part of Jest's aggregated results the reporter reads (each file's `testResults` are its tests). */
export interface JestRunResults {
  testResults: ReadonlyArray<{
    testFilePath: string
    testExecError?: unknown
    testResults: ReadonlyArray<{ ancestorTitles: string[]; title: string }>
  }>
}

export default class StandinReporter {
  readonly #globalConfig: Config.GlobalConfig
  readonly #options: StandinReporterOptions

  constructor(globalConfig: Config.GlobalConfig, options: StandinReporterOptions = {}) {
    this.#globalConfig = globalConfig
    this.#options = options ?? {}
  }

  onRunComplete(_contexts: unknown, results: JestRunResults): void {
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

  /** Obsolete recordings do not fail the run (obsolete snapshots do not either, without `--ci`). */
  getLastError(): Error | undefined {
    return undefined
  }
}

export { StandinReporter }
