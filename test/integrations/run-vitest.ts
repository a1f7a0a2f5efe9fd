/**
 * Runs Vitest in a child process the way a user's terminal does (`vitest run --root <project>`), with the
 * default reporter on stdout and a JSON report, and returns what it printed and reported, and whether it
 * exited by itself.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const require = createRequire(import.meta.url)
const VITEST = join(require.resolve('vitest/package.json'), '..', 'vitest.mjs')

export interface VitestAssertion {
  title: string
  fullName: string
  status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo'
  failureMessages: string[]
}

export interface VitestReport {
  success: boolean
  numTotalTests: number
  numPassedTests: number
  numFailedTests: number
  testResults: { name: string; status: string; message: string; assertionResults: VitestAssertion[] }[]
}

export interface VitestRun {
  code: number | null
  /** True when the run outlived `timeoutMs` and had to be killed (a hang). */
  timedOut: boolean
  output: string
  report: VitestReport
  /** A temp dir for the run: the report and whatever tests write (env RECORD_DIR). */
  dir: string
}

export interface RunVitestOptions {
  /** Project root, relative to the repository root. */
  root: string
  /** Extra CLI arguments (`--no-isolate`, `--pool=vmThreads`, ...). */
  args?: string[]
  env?: Record<string, string>
  timeoutMs?: number
}

/** The parent's variables minus those of the Vitest run we are in and any provider URL, so the child starts clean. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(VITEST|STANDIN_|OPENAI_|ANTHROPIC_|TINYPOOL)/.test(name)) env[name] = value
  }
  return { ...env, FORCE_COLOR: '0', NO_COLOR: '1', ...extra }
}

export async function runVitest({
  root,
  args = [],
  env = {},
  timeoutMs = 60_000,
}: RunVitestOptions): Promise<VitestRun> {
  const dir = mkdtempSync(join(tmpdir(), 'standin-vitest-'))
  const reportFile = join(dir, 'report.json')
  const argv = [
    VITEST,
    'run',
    '--root',
    root,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
    ...args,
  ]
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    env: childEnv({ RECORD_DIR: dir, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, timeoutMs)
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  }).finally(() => clearTimeout(timer))
  let report: VitestReport
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestReport
  } catch {
    throw new Error(`vitest wrote no report (exit ${code}, timed out: ${timedOut}):\n${output}`)
  }
  return { code, timedOut, output, report, dir }
}

/** Every assertion of a run by its title. */
export function assertionsByTitle(report: VitestReport): Map<string, VitestAssertion> {
  return new Map(
    report.testResults.flatMap((file) => file.assertionResults.map((a) => [a.title, a] as const)),
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

export interface VitestWatch {
  /** Everything printed so far (stdout and stderr). */
  readonly output: () => string
  /** Resolves with the output once `test` holds for it; rejects after `timeoutMs` or if Vitest exits. */
  until: (test: (output: string) => boolean, timeoutMs?: number) => Promise<string>
  /** Ends Vitest and waits for the process to exit. */
  stop: () => Promise<void>
}

/** Starts `vitest watch` over a project folder (absolute), as a terminal would, without a TTY. */
export function watchVitest({ root, env = {} }: { root: string; env?: Record<string, string> }): VitestWatch {
  const child = spawn(process.execPath, [VITEST, 'watch', '--root', root, '--reporter=default'], {
    cwd: root,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const waiters = new Set<() => void>()
  const onData = (chunk: Buffer) => {
    output += chunk.toString()
    for (const check of waiters) check()
  }
  child.stdout.on('data', onData)
  child.stderr.on('data', onData)
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()))
  let running = true
  void exited.then(() => {
    running = false
    for (const check of waiters) check()
  })
  return {
    output: () => output,
    until: (test, timeoutMs = 60_000) =>
      new Promise<string>((resolve, reject) => {
        const finish = (error?: Error) => {
          clearTimeout(timer)
          waiters.delete(check)
          if (error) reject(error)
          else resolve(output)
        }
        const check = () => {
          if (test(output)) finish()
          else if (!running) finish(new Error(`vitest exited before the awaited output:\n${output}`))
        }
        const timer = setTimeout(
          () => finish(new Error(`awaited output not seen in ${timeoutMs} ms:\n${output}`)),
          timeoutMs,
        )
        waiters.add(check)
        check()
      }),
    stop: async () => {
      if (running) child.kill('SIGTERM')
      await exited
    },
  }
}
