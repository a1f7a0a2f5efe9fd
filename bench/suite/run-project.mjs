/**
 * Runs one generated project with its runner, as a terminal would, and times it from spawn to exit. A run
 * counts only if the runner exited 0 and its JSON report says every expected test ran and passed; anything
 * else throws with the runner's output, so the case fails instead of timing a broken suite.
 *
 * Besides wall time, the CPU time (user + system) of the runner and every process under it: bash's `times`
 * after the runner exits reports its children's, which include the workers the runner waited for. CPU time
 * depends less than wall time on other load on the machine, so it cross-checks the wall-time comparison.
 */
import { spawn } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { clearTimeout, setTimeout } from 'node:timers'

const require = createRequire(import.meta.url)
const BIN = {
  vitest: join(require.resolve('vitest/package.json'), '..', 'vitest.mjs'),
  jest: require.resolve('jest/bin/jest'),
}

function argv(runner, dir, reportFile) {
  if (runner === 'vitest') {
    return [
      BIN.vitest,
      'run',
      '--root',
      dir,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reportFile}`,
    ]
  }
  // A fresh cache each run: with cached timings Jest runs a small fast suite in band (one process), which
  // would change what the 2-file project measures from run to run.
  const cache = join(dir, '.jest-cache')
  rmSync(cache, { recursive: true, force: true })
  return [
    BIN.jest,
    '--config',
    join(dir, 'jest.config.js'),
    '--json',
    `--outputFile=${reportFile}`,
    `--cacheDirectory=${cache}`,
  ]
}

/** The parent's variables minus provider URLs and those of a runner we may be inside of. */
function cleanEnv() {
  const env = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(VITEST|JEST_WORKER_ID|STANDIN_|OPENAI_|ANTHROPIC_|TINYPOOL|NODE_OPTIONS$)/.test(name))
      env[name] = value
  }
  return { ...env, FORCE_COLOR: '0', NO_COLOR: '1' }
}

/**
 * @param {{ runner: 'vitest' | 'jest', dir: string, expectedTests: number, timeoutMs?: number }} options
 * @returns {Promise<{ wallMs: number, cpuMs: number, testMs: number[] }>} wall and CPU time, and each test's
 *   duration as the runner reports it
 */
export async function runProject({ runner, dir, expectedTests, timeoutMs = 180_000 }) {
  const reportFile = join(dir, 'report.json')
  rmSync(reportFile, { force: true })
  const started = performance.now()
  // `times` prints the shell's and then its children's user and system time, here to fd 3.
  const script = '"$@"; code=$?; times >&3; exit $code'
  const child = spawn('bash', ['-c', script, 'bash', process.execPath, ...argv(runner, dir, reportFile)], {
    cwd: dir,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  })
  let output = ''
  let times = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  child.stdio[3].on('data', (chunk) => (times += chunk))
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, timeoutMs)
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  }).finally(() => clearTimeout(timer))
  const wallMs = performance.now() - started
  const fail = (why) => new Error(`${runner} in ${dir}: ${why}\n${output.slice(-4000)}`)
  if (timedOut) throw fail(`no exit within ${timeoutMs} ms`)
  if (code !== 0) throw fail(`exit code ${code}`)
  let report
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8'))
  } catch {
    throw fail('no JSON report')
  }
  if (report.numTotalTests !== expectedTests || report.numPassedTests !== expectedTests) {
    throw fail(`${report.numPassedTests} of ${report.numTotalTests} tests passed, ${expectedTests} expected`)
  }
  const testMs = report.testResults.flatMap((file) => file.assertionResults.map((a) => a.duration ?? NaN))
  return { wallMs, cpuMs: childrenCpuMs(times), testMs }
}

/** The children's user + system time from bash's `times` ("0m0.010s 0m0.002s\n0m5.120s 0m1.030s"). */
export function childrenCpuMs(times) {
  const lines = times.trim().split('\n')
  const seconds = [...(lines[1] ?? '').matchAll(/(\d+)m([\d.]+)s/g)].map(
    ([, m, s]) => Number(m) * 60 + Number(s),
  )
  if (seconds.length !== 2) throw new Error(`unexpected output of bash times: ${JSON.stringify(times)}`)
  return (seconds[0] + seconds[1]) * 1000
}
