/**
 * `standin/playwright/reporter`: the fixture-usage report at the end of the run, the loaded fixtures no
 * test used. Each worker's mock (worker mode) writes its counts into a folder this reporter makes and
 * names in `STANDIN_USAGE_DIR`; the reporter merges them (a fixture is used if any worker served it).
 * @example
 * // playwright.config.ts
 * reporter: [['list'], ['standin/playwright/reporter', { unusedFixtures: 'fail' }]]
 * @module
 */
import type { FullConfig, FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter'
import type { UnusedFixturesOption } from 'standin/internal'
import { createUsageDir, finishUsageReport, USAGE_DIR_ENV } from 'standin/internal/runners'

export interface StandinReporterOptions {
  /**
   * `'report'` (default) lists the loaded fixtures no test used, `'fail'` also fails a run that ran every
   * test, `'off'` says nothing.
   */
  unusedFixtures?: UnusedFixturesOption
}

/**
 * `playwright test` options followed by a value (or an optional one: `-u`, `--only-changed`), so that
 * value is not taken for a file filter.
 */
const TAKES_VALUE = new Set([
  '-c',
  '--config',
  '-g',
  '--grep',
  '--grep-invert',
  '-j',
  '--workers',
  '--browser',
  '--global-timeout',
  '--max-failures',
  '--only-changed',
  '--output',
  '--project',
  '--repeat-each',
  '--reporter',
  '--retries',
  '--shard',
  '--tag',
  '--test-list',
  '--test-list-invert',
  '--timeout',
  '--trace',
  '--tsconfig',
  '-u',
  '--update-snapshots',
  '--update-source-method',
])

/**
 * Lists the loaded fixtures no test used at the end of the run; with `unusedFixtures: 'fail'` a full run
 * that left some unused fails. A filtered run (`--grep`, file filters, `--project`...) says so instead.
 * @example
 * // playwright.config.ts
 * reporter: [['list'], ['standin/playwright/reporter']]
 * @see https://github.com/standin/standin#fixture-usage-report
 */
export default class StandinReporter implements Reporter {
  readonly #options: StandinReporterOptions
  readonly #dir: string | undefined
  #config: FullConfig | undefined
  #skipped = false

  constructor(options: StandinReporterOptions = {}) {
    this.#options = options ?? {}
    if (this.#options.unusedFixtures === 'off') return
    // Reporters are built before Playwright starts its workers, which inherit the variable.
    this.#dir = createUsageDir()
    process.env[USAGE_DIR_ENV] = this.#dir
  }

  /** Keeps the config: its grep, projects and command line tell whether the run was filtered. */
  onBegin(config: FullConfig): void {
    this.#config = config
  }

  /** Notes skipped tests (`test.skip`, `test.fixme`): their fixtures may go unused. */
  onTestEnd(_test: TestCase, result: TestResult): void {
    if (result.status === 'skipped') this.#skipped = true
  }

  /** Merges the workers' counts, prints the report, and fails the run when the option says so. */
  async onEnd(_result: FullResult): Promise<{ status: FullResult['status'] } | undefined> {
    if (!this.#dir || !this.#config) return undefined
    const report = finishUsageReport(this.#dir, {
      option: this.#options.unusedFixtures,
      cwd: process.cwd(),
      filtered: playwrightFilter(this.#config, this.#skipped),
    })
    if (report.text) process.stderr.write(`\n${report.text}\n`)
    return report.fail ? { status: 'failed' } : undefined
  }

  /** Playwright's own reporter (list, line or dot) still prints the run. */
  printsToStdio(): boolean {
    return false
  }
}

/**
 * Why this run may not have run every test, as Playwright tells it: a grep (the config's or a project's;
 * `--grep`, `--grep-invert`, `--project`, `--last-failed`, `--only-changed`, `--test-list` and file
 * filters are read from the command line, which the config does not reflect), `--shard`, or skipped
 * tests. (`.only` is not visible to a reporter: `forbidOnly` keeps it out of CI.)
 */
function playwrightFilter(config: FullConfig, skipped: boolean): string | undefined {
  const grepSet = (grep: RegExp | RegExp[] | null | undefined, all: boolean) =>
    grep !== null && grep !== undefined && [grep].flat().some((re) => !all || re.source !== '.*')
  const args = commandArgs(config.argv)
  const given = (...names: string[]) =>
    args.some((arg) => names.some((name) => arg === name || arg.startsWith(`${name}=`)))
  if (
    given('-g', '--grep') ||
    grepSet(config.grep, true) ||
    config.projects.some((p) => grepSet(p.grep, true))
  )
    return '--grep'
  if (
    given('--grep-invert') ||
    grepSet(config.grepInvert, false) ||
    config.projects.some((p) => grepSet(p.grepInvert, false))
  )
    return '--grep-invert'
  if (given('--project') || config.filteredProjects.length < config.projects.length) return '--project'
  if (config.shard) return `shard ${config.shard.current}/${config.shard.total}`
  if (given('--last-failed', '--only-changed', '--test-list', '--test-list-invert'))
    return 'only failed, changed or listed tests'
  const files = args.filter((arg, i) => !arg.startsWith('-') && (i === 0 || !TAKES_VALUE.has(args[i - 1]!)))
  if (files.length > 0) return `only test files matching ${files.join(', ')}`
  if (skipped) return 'some tests were skipped'
  return undefined
}

/** The arguments after `test` in `playwright test ...`. */
function commandArgs(argv: readonly string[] | undefined): string[] {
  if (!argv) return []
  const at = argv.indexOf('test')
  return at === -1 ? [] : argv.slice(at + 1)
}

export { StandinReporter }
