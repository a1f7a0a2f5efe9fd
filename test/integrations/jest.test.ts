/**
 * `standin/jest` through the built package, the way users run it: Jest 30 in a child process loading
 * standin's CommonJS build with no transform of standin, on the example project in examples/jest and on
 * test-only projects in test/integrations/projects/jest-*.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import {
  assertionsByName,
  probePort,
  removeRunDirs,
  ROOT,
  runJest,
  runNode,
  runNodeArgs,
  type JestRun,
} from './run-jest'

const EXAMPLE = 'examples/jest/jest.config.js'
const PROJECTS = 'test/integrations/projects'
// Signs of leaked handles in Jest's output (exit code 0 notwithstanding).
const LEAK_SIGNS = /open handle|did not exit|failed to exit gracefully|Cannot log after tests are done/i

interface WorkerRecord {
  file: string
  pid: number
  worker: string
  url: string
  port: number
  baseUrlAtLoad: string
  leftover: number
  tests: { label: string; session: string; entries: { id: string; session: string; text: string }[] }[]
}

function readRecords(run: JestRun): WorkerRecord[] {
  return readdirSync(run.dir)
    .filter((name) => /^worker-\d\.json$/.test(name))
    .map((name) => JSON.parse(readFileSync(join(run.dir, name), 'utf8')) as WorkerRecord)
}

function describeRun(run: JestRun): string {
  return `exit ${run.code}\n${run.stderr.slice(-4000)}`
}

// One run of the report project serves the matcher, failure-output and pragma checks.
let reportRun: Promise<JestRun> | undefined
const reportRunOnce = () => (reportRun ??= runJest({ config: `${PROJECTS}/jest-report/jest.config.js` }))

afterAll(removeRunDirs)

describe('standin/jest', () => {
  test('the example project passes', async () => {
    const run = await runJest({ config: EXAMPLE, args: ['--maxWorkers=2'] })
    expect(run.code, describeRun(run)).toBe(0)
    expect(run.report.numFailedTests).toBe(0)
    expect(run.report.numPassedTests).toBe(5)
    expect(run.report.testResults.map((file) => file.name.split('/').pop()).sort()).toEqual([
      'agent.test.ts',
      'news.test.ts',
    ])
  }, 60_000)

  test('the Jest entries load as CommonJS and require nothing but standin, Jest, the interceptors and node builtins', () => {
    const required = (file: string) =>
      [...readFileSync(join(ROOT, 'dist', file), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])
    const allowed = new Set([
      'standin',
      'standin/internal',
      // The reporter's engine-free plumbing (the main process never loads the engine).
      'standin/internal/runners',
      'jest-environment-node',
      '@jest/globals',
      // The live-call guard, required in the sandbox by jest/setup (CommonJS builds, no ESM-only deps).
      '@mswjs/interceptors/ClientRequest',
      '@mswjs/interceptors/fetch',
      'path',
      'node:path',
      'async_hooks',
      'node:async_hooks',
      // createRequire, for the live-call guard's engine and builtins, loaded on first use (integrations/engine.ts),
      // and Module._load, which the guard hooks to wrap node:https as a test first requires it.
      'module',
      'node:module',
    ])
    for (const entry of ['jest/index.js', 'jest/environment.js', 'jest/setup.js', 'jest/reporter.js']) {
      expect(
        required(entry).filter((name) => !allowed.has(name!)),
        entry,
      ).toEqual([])
    }
    // The engine itself (loaded in the test sandbox by `standin/jest`) never pulls msw in.
    for (const engine of ['index.js', 'internal/index.js'])
      expect(required(engine).filter((name) => /msw|interceptors/.test(name!))).toEqual([])
  })

  test('importing the environment loads neither node:http nor node:https (setup and the guard take them)', async () => {
    const loaded = `process.moduleLoadList.filter((m) => /^NativeModule (https?|tls)$/.test(m))`
    const script = `require('jest-environment-node')
      require('standin/jest/environment')
      const cjs = ${loaded}
      import('standin/jest/environment').then(() => process.stdout.write(JSON.stringify([cjs, ${loaded}])))`
    const { code, output } = await runNodeArgs(['-e', script])
    expect(output).toBe('[[],[]]')
    expect(code).toBe(0)
  })

  test('four parallel workers get their own ports with no cross-talk, in three runs', async () => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      // STANDIN_JEST_PEERS makes every file wait until all four run at once, so their mocks are alive together.
      const run = await runJest({
        config: `${PROJECTS}/jest-workers/jest.config.js`,
        args: ['--maxWorkers=4'],
        env: { STANDIN_JEST_PEERS: '4' },
      })
      expect(run.code, describeRun(run)).toBe(0)
      expect(run.report.numPassedTests).toBe(8)
      const records = readRecords(run)
      expect(records.map((r) => r.file).sort()).toEqual(['worker-1', 'worker-2', 'worker-3', 'worker-4'])
      expect(new Set(records.map((r) => r.worker)).size, 'JEST_WORKER_IDs').toBe(4)
      expect(new Set(records.map((r) => r.pid)).size, 'worker processes').toBe(4)
      expect(new Set(records.map((r) => r.port)).size, `ports ${records.map((r) => r.port)}`).toBe(4)
      for (const record of records) {
        expect(record.url).toBe(`http://127.0.0.1:${record.port}`)
        // The SDK client built at module load saw this file's own mock.
        expect(record.baseUrlAtLoad).toBe(`${record.url}/v1`)
        expect(record.leftover).toBe(0)
        expect(record.tests.map((t) => t.label).sort()).toEqual(['first', 'second'])
        for (const { label, session, entries } of record.tests) {
          expect(entries).toEqual([
            { id: expect.stringMatching(/^req_\d+$/), session, text: `hello from ${record.file}/${label}` },
          ])
        }
        expect(new Set(record.tests.map((t) => t.session)).size).toBe(2)
      }
      // Every environment closed its port at teardown.
      for (const { port } of records) expect(await probePort(port), `port ${port}`).toBe('ECONNREFUSED')
    }
  }, 120_000)

  describe('matchers and failure output', () => {
    const report = reportRunOnce

    test('matchers made outside the sandbox read RegExps and objects from the test file, and throw its TypeError', async () => {
      const run = await report()
      const byName = assertionsByName(run.report)
      for (const name of [
        'RegExps and objects made in the test file match as written',
        "a matcher's TypeError is the test realm's TypeError, with standin's message",
        "standin/jest's matchers export lists every matcher",
      ]) {
        const result = byName.get(`matchers across realms ${name}`)
        expect(result?.status, result?.failureMessages.join('\n')).toBe('passed')
      }
    }, 60_000)

    test('toHaveCalledTool passes and fails correctly, .not included', async () => {
      const run = await report()
      const byName = assertionsByName(run.report)
      const status = (name: string) => byName.get(`toHaveCalledTool ${name}`)?.status
      const failure = (name: string) =>
        byName.get(`toHaveCalledTool ${name}`)?.failureMessages.join('\n') ?? ''

      expect(status('passes with an asymmetric argument')).toBe('passed')
      expect(status('.not passes when no call matches')).toBe('passed')

      expect(status('FAILS: the query does not match')).toBe('failed')
      const mismatch = failure('FAILS: the query does not match')
      expect(mismatch).toContain('expect(received).toHaveCalledTool(expected)')
      expect(mismatch).toContain('search { "query": "beaches near Nice" }')
      expect(mismatch).toContain('- "query": StringContaining "weather"')
      expect(mismatch).toContain('standin journal (2 requests)')
      expect(mismatch).toContain('user: "Which beach should I visit?"')

      expect(status('FAILS: .not while the tool was called')).toBe('failed')
      const negated = failure('FAILS: .not while the tool was called')
      expect(negated).toContain('expect(received).not.toHaveCalledTool(expected)')
      expect(negated).toContain('search { "query": "weather in Paris" }')

      expect(status('FAILS: no request reached the mock')).toBe('failed')
      expect(failure('FAILS: no request reached the mock')).toContain('no requests reached the mock')

      expect(status('FAILS: the model asked for the tool but the app never ran it')).toBe('failed')
      expect(failure('FAILS: the model asked for the tool but the app never ran it')).toContain(
        'did the app run the tool?',
      )
    }, 60_000)

    test('a failing test prints the journal of that test only', async () => {
      const run = await report()
      const byName = assertionsByName(run.report)
      expect(byName.get('failure journal a passing test before')?.status).toBe('passed')
      expect(byName.get('failure journal FAILS: a plain assertion')?.status).toBe('failed')
      expect(byName.get('failure journal a passing test after')?.status).toBe('passed')
      expect(run.report.numFailedTests).toBe(5)

      const output = run.stderr
      const header = 'standin journal of "failure journal › FAILS: a plain assertion" (1 request):'
      expect(output.split(header).length - 1, output.slice(-4000)).toBe(1)
      expect(output).toContain('user: "marker-beta-failing"')
      // The passing tests' requests are in no printed journal.
      expect(output).not.toContain('marker-alpha-passing')
      expect(output).not.toContain('marker-gamma-passing')
    }, 60_000)
  })

  test('a failing standin matcher shows the journal once, in its message, and prints no second copy', async () => {
    const run = await reportRunOnce()
    const failure = assertionsByName(run.report)
      .get('toHaveCalledTool FAILS: the query does not match')
      ?.failureMessages.join('\n')
    expect(failure).toContain('standin journal (2 requests)')
    // Jest prints each failure message once; the environment adds no console copy of the same journal.
    const output = run.stderr
    expect(output.split('user: "Which beach should I visit?"').length - 1, output.slice(-4000)).toBe(1)
    expect(output).not.toContain('standin journal of "toHaveCalledTool › FAILS: the query does not match"')
    // A .not failure lists the matching call only, so the journal is printed beside it, once.
    const negated = 'standin journal of "toHaveCalledTool › FAILS: .not while the tool was called"'
    expect(output.split(negated).length - 1).toBe(1)
  }, 60_000)

  describe('test.concurrent', () => {
    let concurrentRun: Promise<JestRun> | undefined
    const concurrent = () =>
      (concurrentRun ??= runJest({ config: `${PROJECTS}/jest-concurrent/jest.config.js` }))

    test('clients built from standin.url are isolated: own answers, own journals, own fixtures', async () => {
      const run = await concurrent()
      const byName = assertionsByName(run.report)
      for (const name of ['alpha', 'beta', 'gamma']) {
        const test = byName.get(`concurrent ${name}`)
        expect(test?.status, test?.failureMessages.join('\n')).toBe('passed')
      }
      const after = byName.get(
        'after the concurrent tests, a plain test sees none of their fixtures or requests',
      )
      expect(after?.status, after?.failureMessages.join('\n')).toBe('passed')
    }, 60_000)

    test('a header-less request among concurrent tests is a provider-shaped 400 and fails every running test in standin words', async () => {
      const run = await concurrent()
      const byName = assertionsByName(run.report)
      const refused = [
        'FAILS: a header-less request among concurrent tests',
        'FAILS: the other test running at the time',
      ]
      for (const name of refused) {
        const test = byName.get(name)
        expect(test?.status).toBe('failed')
        const message = test?.failureMessages.join('\n') ?? ''
        expect(message).toContain('names no session while 2 tests run concurrently in this worker')
        expect(message).toContain(refused.map((t) => `"${t}"`).join(', '))
        expect(message).toContain('standin.url')
      }
      // The app swallowed the SDK's error; it was the provider-shaped 400.
      const swallowed = JSON.parse(readFileSync(join(run.dir, 'swallowed.json'), 'utf8')) as {
        status: number
        type: string
      }
      expect(swallowed).toMatchObject({ status: 400, type: 'standin_no_session' })
      // Once they are done, header-less requests join the running test again.
      const after = byName.get('a plain test after them sends header-less requests again')
      expect(after?.status, after?.failureMessages.join('\n')).toBe('passed')
      expect(run.report.numFailedTests).toBe(2)
    }, 60_000)

    test('concurrent tests a focus skips do not count as running: a lone focused one is not refused', async () => {
      const run = await concurrent()
      const byName = assertionsByName(run.report)
      const focused = byName.get('a lone focused concurrent test sends header-less requests')
      expect(focused?.status, focused?.failureMessages.join('\n')).toBe('passed')
      expect(byName.get('skipped by the focus')?.status).toBe('pending')
    }, 60_000)
  })

  test('the @standin-strict docblock pragma applies to its file (examples/jest/tests/news.test.ts covers @standin-fixtures)', async () => {
    const run = await reportRunOnce()
    const strict = assertionsByName(run.report).get(
      '@standin-strict makes misses answer 503, and a RegExp from the test only matches what it says',
    )
    expect(strict?.status, strict?.failureMessages.join('\n')).toBe('passed')
  }, 60_000)

  test('jest --detectOpenHandles is clean and every mock stops listening at teardown', async () => {
    const example = await runJest({ config: EXAMPLE, args: ['--detectOpenHandles'] })
    expect(example.code, describeRun(example)).toBe(0)
    expect(example.report.numPassedTests).toBe(5)
    expect(example.stdout + example.stderr).not.toMatch(LEAK_SIGNS)

    // In band, by name: the second file probes the port of the first file's (torn down) mock.
    const handles = await runJest({
      config: `${PROJECTS}/jest-handles/jest.config.js`,
      args: ['--detectOpenHandles'],
    })
    expect(handles.code, describeRun(handles)).toBe(0)
    expect(handles.report.numPassedTests).toBe(2)
    expect(handles.stdout + handles.stderr).not.toMatch(LEAK_SIGNS)
    const firstPort = Number(readFileSync(join(handles.dir, 'first-port'), 'utf8'))
    expect(await probePort(firstPort)).toBe('ECONNREFUSED')
  }, 60_000)

  test('the example type-checks with tsc, with @jest/globals and with @types/jest', async () => {
    const { code, output } = await runNode('typescript/bin/tsc', ['-p', 'examples/jest/tsconfig.json'])
    // Needs dist/jest/types.d.ts and its "./jest/types" export (one entry types both expects).
    expect(output).toBe('')
    expect(code).toBe(0)
  }, 60_000)
})
