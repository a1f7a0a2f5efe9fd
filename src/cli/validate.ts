/**
 * `standin validate PATH...`: checks fixture files and folders, and config files (told apart by their keys)
 * with the fixtures they name. Every problem in every file is printed; the exit code is 1 if there is any.
 * @module
 */
import { readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { ConfigError, type FixtureIssue } from '../errors'
import { listFixtureFiles } from '../fixtures/list-files'
import { readFixtureFiles } from '../fixtures/load'
import { isConfigDocument, parseJson, resolveConfig, type LoadedConfig } from '../config/config-file'
import { formatIssues, issueLines, plural } from './output'

interface Findings {
  issues: FixtureIssue[]
  warnings: FixtureIssue[]
  configs: LoadedConfig[]
  fixtureFiles: number
  fixtures: number
}

/** Validates, prints the outcome (problems on stderr, the summary on stdout) and returns the exit code. */
export function validate(paths: string[], cwd = process.cwd()): number {
  const findings: Findings = { issues: [], warnings: [], configs: [], fixtureFiles: 0, fixtures: 0 }
  const fixtureFiles = new Set<string>()
  const shown = (file: string) => relative(cwd, file) || file
  const addFixtures = (path: string) => {
    for (const file of expand(path, findings, shown)) fixtureFiles.add(resolve(cwd, file))
  }
  for (const path of paths) {
    for (const file of expand(path, findings, shown)) {
      const config = readConfig(resolve(cwd, file), shown(file), cwd, findings)
      if (config) config.fixtures.forEach(addFixtures)
      else fixtureFiles.add(resolve(cwd, file))
    }
  }
  // One load, as `serve` does it: ids must be unique across every file.
  checkFixtureFiles([...fixtureFiles], cwd, findings)
  report(findings)
  return findings.issues.length > 0 ? 1 : 0
}

/**
 * The files under a path, and a warning for each one not loaded; a missing path or a folder without
 * `.json` files is a problem, not a pass.
 */
function expand(path: string, findings: Findings, shown: (file: string) => string): string[] {
  const { files, skipped, issues } = listFixtureFiles([path], shown)
  findings.issues.push(...issues.map((issue) => ({ ...issue, file: shown(issue.file) })))
  findings.warnings.push(...skipped)
  if (files.length === 0 && issues.length === 0)
    findings.issues.push({ file: shown(path), path: '', message: 'no .json files in this folder' })
  return files
}

/** The file as a config when its keys say it is one (problems recorded), else undefined. */
function readConfig(
  file: string,
  shownFile: string,
  cwd: string,
  findings: Findings,
): LoadedConfig | undefined {
  let json: unknown
  try {
    json = parseJson(readFileSync(file, 'utf8'))
  } catch {
    return undefined // not JSON: the fixture parser reports where
  }
  if (!isConfigDocument(json)) return undefined
  try {
    const config = resolveConfig(json, { file: shownFile, dir: dirname(file), cwd })
    findings.configs.push(config)
    return config
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    findings.issues.push(...error.issues)
    return { file: shownFile, config: {}, fixtures: [], notices: [] }
  }
}

function checkFixtureFiles(files: string[], cwd: string, findings: Findings): void {
  const { result, issues } = readFixtureFiles(files, cwd)
  findings.fixtureFiles += result.files.length
  findings.fixtures += result.entries.length
  findings.warnings.push(...result.warnings)
  findings.issues.push(...issues)
}

function report(findings: Findings): void {
  const out: string[] = []
  for (const config of findings.configs) {
    const notServed = config.notices.filter((n) => n.kind === 'not-served').map((n) => n.path)
    out.push(
      `Config ${config.file}: valid${notServed.length > 0 ? `; accepted, not yet served: ${notServed.join(', ')}` : ''}`,
    )
    for (const note of config.notices.filter((n) => n.kind === 'note'))
      out.push(`  ${note.path}: ${note.message}`)
  }
  const counted = `${plural(findings.fixtures, 'fixture')} in ${plural(findings.fixtureFiles, 'file')}`
  const warned =
    findings.warnings.length === 0 ? 'no warnings' : `${plural(findings.warnings.length, 'warning')}:`
  if (findings.issues.length === 0) out.push(`${counted} valid, ${warned}`)
  else if (findings.warnings.length > 0) out.push(`Warnings: ${findings.warnings.length}`)
  out.push(...issueLines(findings.warnings))
  if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`)
  if (findings.issues.length > 0) {
    const files = new Set(findings.issues.map((i) => i.file)).size
    process.stderr.write(`standin: ${formatIssues(findings.issues, plural(files, 'file'))}\n`)
    if (findings.fixtures > 0) process.stderr.write(`(${counted} valid)\n`)
  }
}
