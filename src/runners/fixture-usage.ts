/**
 * The fixture-usage report the runners print at the end of a run: the loaded fixtures no test used. Each
 * worker's mock writes its counts into a folder the run's main process made (its path reaches workers by
 * `provide` or the environment); the reporter merges them (a fixture is used if any worker served it),
 * prints, and removes the folder.
 * @module
 */
import { lazyRequire } from '../core/lazy-require'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import type { FixtureUsage } from '../engine/fixture-usage'

// node:crypto (and the streams it loads) costs ~4 ms at import: loaded on first use (issue 15).
const nodeCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto')

/** What to do about fixtures no test used: print them (default), fail the run, or say nothing. */
export type UnusedFixturesOption = 'report' | 'fail' | 'off'

/** The variable that carries the run's usage folder to Jest and Playwright workers. */
export const USAGE_DIR_ENV = 'STANDIN_USAGE_DIR'

/** Unused fixtures listed before "and N more". */
const SHOWN = 20

/** Makes the run's usage folder (in the OS temp folder). */
export function createUsageDir(): string {
  return mkdtempSync(join(tmpdir(), 'standin-usage-'))
}

export function removeUsageDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** One file per mock: a worker that writes again (a reused worker, after each file) replaces its own. */
const fileNames = new WeakMap<object, string>()

/**
 * Writes what `mock` served into `dir` (absolute file paths, so workers with another working folder
 * merge). Never throws: a report is not worth failing a test file over.
 */
export function writeWorkerUsage(dir: string | undefined, mock: { fixtureUsage(): FixtureUsage[] }): void {
  if (!dir) return
  try {
    const usage = mock.fixtureUsage().map((u) => ({ ...u, file: resolve(u.file) }))
    let name = fileNames.get(mock)
    // No file fixtures (and none written before by this mock): nothing to merge, no file to write.
    if (usage.length === 0 && !name) return
    if (!name) {
      name = `${process.pid}-${nodeCrypto().randomUUID()}.json`
      fileNames.set(mock, name)
    }
    mkdirSync(dir, { recursive: true })
    const temp = join(dir, `${name}.tmp`)
    writeFileSync(temp, JSON.stringify(usage))
    renameSync(temp, join(dir, name))
  } catch {
    // The folder is gone (the run ended) or not writable: there is no report to add to.
  }
}

/** Every worker's usage in `dir`, merged: one row per fixture (file and index), served counts summed. */
export function readRunUsage(dir: string): FixtureUsage[] {
  const merged = new Map<string, FixtureUsage>()
  let names: string[]
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'))
  } catch {
    return []
  }
  for (const name of names) {
    let rows: FixtureUsage[]
    try {
      rows = JSON.parse(readFileSync(join(dir, name), 'utf8')) as FixtureUsage[]
    } catch {
      continue
    }
    for (const row of rows) {
      const key = `${row.file}#${row.index}`
      const seen = merged.get(key)
      if (seen) seen.served += row.served
      else merged.set(key, { ...row })
    }
  }
  return [...merged.values()].sort((a, b) => a.file.localeCompare(b.file) || a.index - b.index)
}

export interface UsageReportOptions {
  option: UnusedFixturesOption | undefined
  /** Paths are shown relative to it. */
  cwd: string
  /**
   * Why not every test ran (`-t`, a subset of files, `.only`...), or undefined for a full run. A filtered
   * run lists fixtures of tests that did not run, so it never fails.
   */
  filtered: string | undefined
}

export interface UsageReport {
  /** What to print, or undefined when there is nothing to say. */
  text: string | undefined
  /** True when the run must fail (`'fail'`, unused fixtures, not filtered). */
  fail: boolean
}

/** The report for merged usage: one header line with counts, then one line per unused fixture. */
export function usageReport(usage: readonly FixtureUsage[], options: UsageReportOptions): UsageReport {
  const option = options.option ?? 'report'
  if (option === 'off' || usage.length === 0) return { text: undefined, fail: false }
  const unused = usage.filter((u) => u.served === 0)
  const total = usage.length
  if (unused.length === 0)
    return { text: `standin: all ${total} loaded fixtures were used in this run`, fail: false }
  const fail = option === 'fail' && options.filtered === undefined
  let header = `standin: ${unused.length} of ${total} loaded fixtures ${unused.length === 1 ? 'was' : 'were'} not used in this run`
  if (options.filtered !== undefined)
    header += ` (a filtered run: ${options.filtered}; fixtures of tests that did not run are listed too${option === 'fail' ? ', and the run does not fail on them' : ''})`
  else if (fail) header += " (unusedFixtures: 'fail')"
  const lines = unused.slice(0, SHOWN).map((u) => `  ${describe(u, options.cwd)}`)
  if (unused.length > SHOWN) lines.push(`  ... and ${unused.length - SHOWN} more`)
  return { text: [header + ':', ...lines].join('\n'), fail }
}

/** `file.json#3`, or `id (file.json#3)` when the fixture has its own id. */
function describe(usage: FixtureUsage, cwd: string): string {
  const shown = relative(cwd, usage.file) || usage.file
  const place = `${shown.split('\\').join('/')}#${usage.index}`
  // A generated id is the place as loaded (`<file>#<index>`): showing it twice says nothing.
  return /#\d+$/.test(usage.id) ? place : `${usage.id} (${place})`
}

/** Reads, merges and formats the run's usage, then removes the folder. */
export function finishUsageReport(dir: string, options: UsageReportOptions): UsageReport {
  const report = usageReport(readRunUsage(dir), options)
  removeUsageDir(dir)
  return report
}
