/**
 * standin/vitest, driven the way users run it: `vitest run` in a child process over the example project
 * and test-only projects that import 'standin/vitest' (test/integrations/projects/vitest-*). The
 * example's config is ESM, vitest-parallel's too, and vitest-failing's is loaded as CommonJS, so both
 * builds of the plugin are exercised. Needs the built package (`npm test` builds first).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import { beforeAll, describe, expect, test } from 'vitest'
import { assertionsByTitle, probePort, ROOT, runVitest, type VitestRun } from './run-vitest'
import { startBarrier } from './start-barrier'

const EXAMPLE = 'examples/vitest'
const PARALLEL = 'test/integrations/projects/vitest-parallel'
const FAILING = 'test/integrations/projects/vitest-failing'
const SHARED = 'test/integrations/projects/vitest-shared'
const require = createRequire(import.meta.url)

interface TestRecord {
  file: string
  n: number
  token: string
  barrier: string
  taskId: string
  url: string
  port: number
  openaiBaseUrl: string
  pid: number
  journal: { id: string; session: string; message?: string }[]
}

function readRecords(run: VitestRun, prefix = ''): unknown[] {
  return readdirSync(run.dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.json') && name !== 'report.json')
    .map((name) => JSON.parse(readFileSync(join(run.dir, name), 'utf8')) as unknown)
}

/** Vitest finished on its own: not killed by our timeout, and no teardown or hanging-process warning. */
function expectExitedByItself(run: VitestRun): void {
  expect(run.timedOut, run.output).toBe(false)
  expect(run.output).not.toMatch(/close timed out|something prevents|hanging-process|Unhandled/i)
}

async function expectPortsClosed(ports: number[]): Promise<void> {
  const states = await Promise.all(ports.map(probePort))
  expect(states).toEqual(ports.map(() => 'ECONNREFUSED'))
}

let failingRun: Promise<VitestRun> | undefined
/** The deliberately failing project, run once for the tests that read it. */
function runFailingProject(): Promise<VitestRun> {
  return (failingRun ??= runVitest({ root: FAILING }))
}

describe('standin/vitest', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist/vitest/setup.mjs')))
      throw new Error('standin is not built: run `npx tsup` (npm test builds first)')
  })

  test('the example project passes', async () => {
    const run = await runVitest({ root: EXAMPLE })

    expectExitedByItself(run)
    expect(run.code, run.output).toBe(0)
    expect(run.report.numFailedTests).toBe(0)
    expect(run.report.numPassedTests).toBe(6)
  }, 60_000)

  test('the example passes when workers outlive a file (isolate: false) and in a vm pool', async () => {
    // There the app's module, and the SDK client it built from OPENAI_BASE_URL, outlive each file.
    for (const args of [
      ['--no-isolate', '--maxWorkers=1'],
      ['--pool=vmThreads', '--maxWorkers=1'],
    ]) {
      const run = await runVitest({ root: EXAMPLE, args })
      expectExitedByItself(run)
      expect(run.code, `${args.join(' ')}:\n${run.output}`).toBe(0)
      expect(run.report.numPassedTests).toBe(6)
    }
  }, 60_000)

  test("mode 'shared' starts one more mock before the user's globalSetup, and closes it", async () => {
    const run = await runVitest({ root: SHARED })
    expectExitedByItself(run)
    expect(run.code, run.output).toBe(0)
    expect(run.report.numPassedTests).toBe(1)

    const [urls] = readRecords(run, 'shared') as { sharedUrl: string; workerUrl: string }[]
    await expectPortsClosed([urls!.sharedUrl, urls!.workerUrl].map((url) => Number(new URL(url).port)))
  }, 60_000)

  test('four parallel workers each get their own port and journal, in three runs', async () => {
    for (const attempt of [1, 2, 3]) {
      const barrier = await startBarrier(4)
      const run = await runVitest({ root: PARALLEL, env: { BARRIER_URL: barrier.url } }).finally(() =>
        barrier.close(),
      )
      expectExitedByItself(run)
      expect(run.code, `run ${attempt}:\n${run.output}`).toBe(0)

      const records = readRecords(run) as TestRecord[]
      expect(records).toHaveLength(12)
      // All four workers were up at once (the barrier released them together)...
      expect(records.map((r) => r.barrier)).toEqual(records.map(() => 'released'))
      // ...in four processes, each with its own port: no two mocks alive at once shared one.
      const portOf = new Map(records.map((r) => [r.file, r.port]))
      expect([...portOf.keys()].sort()).toEqual(['a', 'b', 'c', 'd'])
      expect(new Set(portOf.values()).size).toBe(4)
      expect(new Set(records.map((r) => r.pid)).size).toBe(4)
      expect(new Set(records.map((r) => r.taskId)).size).toBe(12)
      for (const record of records) {
        expect(record.port).toBe(portOf.get(record.file))
        expect(record.url).toBe(`http://127.0.0.1:${record.port}`)
        expect(record.openaiBaseUrl).toBe(`${record.url}/v1`)
        // No cross-talk: a test's journal holds its own two requests and nothing else.
        expect(record.journal.map((e) => e.session)).toEqual([record.taskId, record.taskId])
        expect(record.journal.map((e) => e.message)).toEqual([
          `${record.token} turn 1`,
          `${record.token} turn 2`,
        ])
      }
      await expectPortsClosed([...portOf.values()])
    }
  }, 120_000)

  test('toHaveCalledTool passes and fails when it should, .not included, and a failure shows the journal', async () => {
    const run = await runFailingProject()
    expectExitedByItself(run)
    expect(run.code).toBe(1)

    const results = assertionsByTitle(run.report)
    for (const [title, result] of results) {
      expect({ title, status: result.status }).toEqual({
        title,
        status: title.startsWith('fails:') ? 'failed' : 'passed',
      })
    }
    expect([...results.keys()].filter((t) => t.startsWith('fails:'))).toHaveLength(5)
    expect([...results.keys()].filter((t) => t.startsWith('passes:'))).toHaveLength(4)

    const wrongQuery = results.get('fails: toHaveCalledTool when the app searched for something else')!
      .failureMessages[0]
    expect(wrongQuery).toContain('expect(standin).toHaveCalledTool(expected)')
    expect(wrongQuery).toContain('with arguments matching { "query": StringContaining "weather" }')
    expect(wrongQuery).toContain('- search { "query": "ACME share price" }')
    expect(wrongQuery).toMatch(/standin journal \(2 requests\):[\s\S]*user: "how are my stocks\?"/)

    const negated = results.get('fails: .not.toHaveCalledTool when the app searched for the weather')!
      .failureMessages[0]
    expect(negated).toContain('expect(standin).not.toHaveCalledTool(expected)')
    expect(negated).toContain('- search { "query": "weather in Paris" }')

    const neverRan = results.get(
      'fails: toHaveCalledTool when the model asked for the tool but the app never ran it',
    )!
    expect(neverRan.failureMessages[0]).toContain('no result for it came back')
  }, 60_000)

  test('a failing test prints its own journal, and no other test’s', async () => {
    const run = await runFailingProject()

    const title = 'journal-on-failure.spec.ts > fails: the second test, on an assertion unrelated to standin'
    const printed = run.output.split(`standin journal of "${title}" (1 request):\n`)
    expect(printed).toHaveLength(2)
    expect(printed[1]).toMatch(
      /^req_\d+ POST \/v1\/chat\/completions \[openai\.chat\] -> 200 \(fixture plain\)\n {4}user: "token-bravo-9c1"/,
    )
    // The passing tests' requests (same file, same worker) appear nowhere in the output.
    expect(run.output).not.toContain('token-alpha-7f3')
    expect(run.output).not.toContain('token-charlie-2d5')
    // Passing tests print nothing.
    expect(run.output).not.toContain('standin journal of "journal-on-failure.spec.ts > passes')

    // The user's own setup file ran after standin's (the URL was set) and the workers' ports are closed.
    const ports = (readRecords(run, 'port-') as { url?: string }[]).map((r) => Number(new URL(r.url!).port))
    expect(ports.length).toBeGreaterThan(0)
    await expectPortsClosed(ports)
  }, 60_000)

  test('a journal is shown once per failing test, even when a matcher’s message already holds it', async () => {
    const run = await runFailingProject()
    // The unrelated assertion's test: printed under the test, once.
    expect(run.output.split('user: "token-bravo-9c1"')).toHaveLength(2)
    // The matcher's test: its failure message holds the journal, so it is not printed again.
    expect(run.output.split('user: "token-delta-4e8"')).toHaveLength(2)
    expect(run.output).not.toContain(
      'standin journal of "journal-on-failure.spec.ts > fails: a standin matcher',
    )
    const failure = assertionsByTitle(run.report).get(
      'fails: a standin matcher, whose message already shows the journal',
    )!
    expect(failure.failureMessages[0]).toMatch(
      /standin journal \(1 request\):\n.*\n {4}user: "token-delta-4e8"/,
    )
  }, 60_000)

  test('the example type-checks, matchers included', async () => {
    const tsc = spawn(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', EXAMPLE, '--noEmit'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    tsc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    tsc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => tsc.once('close', resolve))
    expect(output).toBe('')
    expect(code).toBe(0)
  }, 60_000)
})
