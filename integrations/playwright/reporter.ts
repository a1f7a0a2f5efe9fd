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
import { createUsageDir, finishUsageReport, USAGE_DIR_ENV, type UnusedFixturesOption } from 'standin/internal'

export interface StandinReporterOptions {
  /**
   * `'report'` (default) lists the loaded fixtures no test used, `'fail'` also fails a run that ran every
   * test, `'off'` says nothing.
   */
  unusedFixtures?: UnusedFixturesOption
}

/** Options after the value of `playwright test` options that take one (so it is not taken for a file filter). */
const FLAGS = new Set([
  '--debug',
  '--forbid-only',
  '--fully-parallel',
  '--headed',
  '--ignore-snapshots',
  '--last-failed',
  '--list',
  '--no-deps',
  '--pass-with-no-tests',
  '--quiet',
  '--ui',
  '-x',
  '--fail-on-flaky-tests',
])

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

  onBegin(config: FullConfig): void {
    this.#config = config
  }

  onTestEnd(_test: TestCase, result: TestResult): void {
    if (result.status === 'skipped') this.#skipped = true
  }

  async onEnd(_result: FullResult): Promise<{ status: FullResult["status"] } | undefined> {
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
 * Why this run may not have run every test, as Playwright tells it: `--grep`/`--grep-invert` (or a
 * project's), `--project`, `--shard`, file filters and `--last-failed`/`--only-changed` on the command
 * line, or skipped tests. (`.only` is not visible to a reporter: `forbidOnly` keeps it out of CI.)
 */
function playwrightFilter(config: FullConfig, skipped: boolean): string | undefined {
  const grepSet = (grep: RegExp | RegExp[] | null | undefined, all: boolean) =>
    grep !== null && grep !== undefined && [grep].flat().some((re) => !all || re.source !== '.*')
  if (grepSet(config.grep, true) || config.projects.some((p) => grepSet(p.grep, true))) return '--grep'
  if (grepSet(config.grepInvert, false) || config.projects.some((p) => grepSet(p.grepInvert, false)))
    return '--grep-invert'
  if (config.filteredProjects.length < config.projects.length) return '--project'
  if (config.shard) return `shard ${config.shard.current}/${config.shard.total}`
  const args = commandArgs(config.argv)
  if (args.some((a) => a === '--last-failed' || a === '--only-changed' || a.startsWith('--only-changed=')))
    return 'only failed or changed tests'
  const files = args.filter((arg, i) => !arg.startsWith('-') && (i === 0 || takesNoValue(args[i - 1]!)))
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

function takesNoValue(arg: string): boolean {
  return !arg.startsWith('-') || arg.includes('=') || FLAGS.has(arg)
}

export { StandinReporter }
