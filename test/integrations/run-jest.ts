/**
 * Runs Jest in a child process the way a user's terminal does, with a JSON report, a fresh cache (so Jest
 * has no timings telling it to run in band) and no colours, and returns what it printed and reported.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const require = createRequire(import.meta.url)
const JEST = require.resolve('jest/bin/jest')

export interface JestAssertion {
  title: string
  fullName: string
  status: 'passed' | 'failed' | 'pending' | 'todo'
  failureMessages: string[]
}

export interface JestReport {
  success: boolean
  numTotalTests: number
  numPassedTests: number
  numFailedTests: number
  numFailedTestSuites: number
  testResults: { name: string; status: string; message: string; assertionResults: JestAssertion[] }[]
}

export interface JestRun {
  code: number | null
  stdout: string
  stderr: string
  report: JestReport
  /** A temp dir for the run: the cache, the report and whatever tests write (env STANDIN_JEST_OUT). */
  dir: string
}

export interface RunJestOptions {
  /** Config path relative to the repository root. */
  config: string
  args?: string[]
  env?: Record<string, string>
}

const runDirs: string[] = []

/** Removes the temp dirs of every run so far. */
export function removeRunDirs(): void {
  for (const dir of runDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

export async function runJest({ config, args = [], env = {} }: RunJestOptions): Promise<JestRun> {
  const dir = mkdtempSync(join(tmpdir(), 'standin-jest-'))
  runDirs.push(dir)
  const reportFile = join(dir, 'report.json')
  const argv = [
    JEST,
    '--config',
    config,
    '--json',
    `--outputFile=${reportFile}`,
    `--cacheDirectory=${join(dir, 'cache')}`,
    ...args,
  ]
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', STANDIN_JEST_OUT: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  let report: JestReport
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as JestReport
  } catch {
    throw new Error(`jest wrote no report (exit ${code}):\n${stdout}\n${stderr}`)
  }
  return { code, stdout, stderr, report, dir }
}

/** Every assertion of a run by its full name. */
export function assertionsByName(report: JestReport): Map<string, JestAssertion> {
  return new Map(
    report.testResults.flatMap((file) => file.assertionResults.map((a) => [a.fullName, a] as const)),
  )
}

/** 'open' when something accepts connections on the port, else the connect error code (ECONNREFUSED). */
export function probePort(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve('open')
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
  })
}

/** Runs a script with node and collects its output (for tsc). */
export function runNode(script: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return runNodeArgs([require.resolve(script), ...args])
}

/** Runs node with `args` (from the repository's root) and collects its output. */
export async function runNodeArgs(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  return { code, output }
}
