/**
 * Runs `playwright test` in a child process with the JSON reporter, and reads back what the driver
 * checks: the report, and whether any process or listening port of the run outlived it.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CLI = join(ROOT, 'node_modules/@playwright/test/cli.js')
const MARKER = 'STANDIN_PLAYWRIGHT_RUN'

export interface PlaywrightRun {
  code: number | null
  output: string
  report: JsonReport
  /** Every test result, flattened, with its spec title and project. */
  results: FlatResult[]
  /** Processes started by the run (found by an environment marker) still alive after it exited. */
  leftovers: number[]
}

export interface JsonReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number }
  errors: unknown[]
  suites: JsonSuite[]
}
interface JsonSuite {
  title: string
  specs: Array<{ title: string; tests: JsonTest[] }>
  suites?: JsonSuite[]
}
interface JsonTest {
  projectName: string
  status: string
  annotations: Annotation[]
  results: JsonResult[]
}
interface JsonResult {
  workerIndex: number
  parallelIndex: number
  status: string
  errors: Array<{ message?: string }>
  annotations?: Annotation[]
  attachments: Array<{ name: string; contentType: string; body?: string; path?: string }>
}
export interface Annotation {
  type: string
  description?: string
}
export interface FlatResult extends JsonResult {
  /** Describe titles and the test title, joined with ' › ' (the file name excluded). */
  title: string
  project: string
  outcome: string
  /** Annotation description by type (the last one wins). */
  note(type: string): string | undefined
}

/**
 * `playwright test -c <config> [args]` from the repo root, with CI=true like the CI job (`extraEnv` is
 * applied last: `CI: ''` turns that off).
 */
export async function runPlaywright(
  config: string,
  args: string[] = [],
  extraEnv: Record<string, string> = {},
): Promise<PlaywrightRun> {
  const dir = mkdtempSync(join(tmpdir(), 'standin-pw-'))
  const reportFile = join(dir, 'report.json')
  const marker = randomUUID()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CI: 'true',
    PLAYWRIGHT_JSON_OUTPUT_FILE: reportFile,
    [MARKER]: marker,
  }
  // The suite's own provider variables must not leak into the apps under test.
  for (const name of ['STANDIN_URL', 'OPENAI_BASE_URL', 'APP_URL']) delete env[name]
  Object.assign(env, extraEnv)
  const child = spawn(
    process.execPath,
    [CLI, 'test', '-c', config, '--reporter=json', '--output', join(dir, 'out'), ...args],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const code = await new Promise<number | null>((done) => child.once('close', done))
  try {
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as JsonReport
    return { code, output, report, results: flatten(report.suites), leftovers: await survivors(marker) }
  } catch (error) {
    throw new Error(`playwright wrote no JSON report (exit ${code}):\n${output}`, { cause: error })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** `parents` is undefined for the top-level suites, which are files; nested suites are describes. */
function flatten(suites: JsonSuite[], parents?: string[]): FlatResult[] {
  return suites.flatMap((suite) => {
    const path = parents === undefined ? [] : [...parents, suite.title]
    return [
      ...suite.specs.flatMap((spec) =>
        spec.tests.flatMap((test) =>
          test.results.map((result) => {
            const annotations = [...test.annotations, ...(result.annotations ?? [])]
            return {
              ...result,
              title: [...path, spec.title].join(' › '),
              project: test.projectName,
              outcome: test.status,
              note: (type: string) => annotations.filter((a) => a.type === type).at(-1)?.description,
            }
          }),
        ),
      ),
      ...flatten(suite.suites ?? [], path),
    ]
  })
}

/**
 * Processes of the run still alive once it exited. Playwright waits for its workers, webServers and
 * browsers to close, but a browser's helper processes may take a moment more to go; these are not our
 * children, so there is no exit event to await: re-check briefly before calling them leftovers.
 */
async function survivors(marker: string, graceMs = 3_000): Promise<number[]> {
  const deadline = Date.now() + graceMs
  let alive = processesMarked(marker)
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    alive = processesMarked(marker)
  }
  return alive
}

/** Pids whose environment carries the run's marker: webServers, workers, browsers and their children. */
function processesMarked(marker: string): number[] {
  const needle = `${MARKER}=${marker}`
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(needle)
      } catch {
        return false // gone, or not ours to read
      }
    })
    .map(Number)
}

/** TCP ports in LISTEN state on this machine (IPv4 and IPv6). */
export function listeningPorts(): Set<number> {
  const ports = new Set<number>()
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = ''
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      continue
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/)
      if (fields[3] === '0A') ports.add(parseInt(fields[1]!.split(':')[1]!, 16))
    }
  }
  return ports
}

/** The port of a `http://host:port...` URL. */
export function portOf(url: string | undefined): number {
  if (!url) throw new Error('no URL recorded')
  return Number(new URL(url).port)
}
