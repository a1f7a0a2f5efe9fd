/**
 * standin/playwright end to end: the example project (examples/playwright) in Debian Chromium in both
 * modes, four workers with their own ports three runs in a row, the retrying matchers, the journal
 * attachment of a failing test, the propagation modes, chaos on the page's own routed calls, and nothing
 * left listening afterwards.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, test } from 'vitest'
import {
  listeningPorts,
  portOf,
  ROOT,
  runPlaywright,
  type FlatResult,
  type PlaywrightRun,
} from './playwright-run'

const EXAMPLE = 'examples/playwright'
const CHECKS = 'test/integrations/projects/playwright-checks'
const RUN_TIMEOUT = 120_000

beforeAll(() => {
  for (const file of ['dist/playwright/index.js', 'dist/propagate/index.mjs', 'dist/cli/index.js']) {
    if (!existsSync(join(ROOT, file)))
      throw new Error(`${file} is missing: run \`npx tsup\` (npm test builds first)`)
  }
})

/** Exit code, report totals, and what the run may leave behind: no process, and none of `ports` listening. */
function expectCleanRun(run: PlaywrightRun, totals: { passed: number; failed?: number }, ports: number[]) {
  expect(
    { code: run.code, expected: run.report.stats.expected, unexpected: run.report.stats.unexpected },
    run.output,
  ).toEqual({
    code: totals.failed ? 1 : 0,
    expected: totals.passed,
    unexpected: totals.failed ?? 0,
  })
  expect(run.report.stats.flaky + run.report.stats.skipped).toBe(0)
  expect(run.report.errors).toEqual([])
  expect(run.leftovers, 'processes of the run still alive').toEqual([])
  const listening = listeningPorts()
  expect(
    ports.filter((port) => listening.has(port)),
    'ports still listening',
  ).toEqual([])
}

/** The app's port and its LLM's (the shared mock's), from the line the app prints at start-up. */
function portsFromAppLog(output: string): number[] {
  const line = /app listening on (http:\/\/\S+) \(LLM at (http:\/\/\S+)\)/.exec(output)
  return [portOf(line?.[1]), portOf(line?.[2])]
}

describe('examples/playwright in Debian Chromium', () => {
  test(
    'shared mode: one mock and one app server for two workers, each test seeing only its session',
    async () => {
      const run = await runPlaywright(`${EXAMPLE}/playwright.config.ts`)

      expectCleanRun(run, { passed: 8 }, portsFromAppLog(run.output))
      expect(new Set(run.results.map((r) => r.parallelIndex))).toEqual(new Set([0, 1]))
      expect(run.results.every((r) => r.status === 'passed')).toBe(true)
    },
    RUN_TIMEOUT,
  )

  test(
    'per-worker mode: each worker starts its own mock and app',
    async () => {
      const run = await runPlaywright(`${EXAMPLE}/playwright.worker.config.ts`)

      // The mocks and apps live inside the worker processes: no process left means no port left.
      expectCleanRun(run, { passed: 8 }, [])
      expect(new Set(run.results.map((r) => r.parallelIndex))).toEqual(new Set([0, 1]))
    },
    RUN_TIMEOUT,
  )

  test('type-checks (tsc over the example, against the built package types)', async () => {
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc')
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', EXAMPLE, '--noEmit'], {
      cwd: ROOT,
    }).then(
      () => ({ code: 0, output: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
    )
    expect(result).toEqual({ code: 0, output: '' })
  }, 60_000)
})

describe('four workers, three runs: own ports, own journals', () => {
  for (const attempt of [1, 2, 3]) {
    test(
      `run ${attempt}`,
      async () => {
        const run = await runPlaywright(`${CHECKS}/playwright.workers.config.ts`)

        const byWorker = new Map<number, FlatResult[]>()
        for (const r of run.results) byWorker.set(r.workerIndex, [...(byWorker.get(r.workerIndex) ?? []), r])
        const ports = [...byWorker.values()].map(
          (results) => new Set(results.map((r) => r.note('standin-port'))),
        )
        expectCleanRun(
          run,
          { passed: 8 },
          [...byWorker.values()].map((results) => Number(results[0]!.note('standin-port'))),
        )
        // Four workers ran at once, each on one port of its own.
        expect(new Set(run.results.map((r) => r.parallelIndex))).toEqual(new Set([0, 1, 2, 3]))
        expect(ports.every((set) => set.size === 1)).toBe(true)
        expect(new Set(ports.map((set) => [...set][0])).size).toBe(byWorker.size)
        for (const [workerIndex, results] of byWorker) {
          for (const r of results) {
            // The SDK's base URL (set by the worker fixture) is that worker's mock...
            expect(portOf(r.note('openai-base-url'))).toBe(Number(r.note('standin-port')))
            // ...and the worker's mock saw this test's request and nothing from any other worker.
            const seen = JSON.parse(r.note('worker-journal') ?? 'null') as string[]
            expect(seen).toEqual([r.note('message')])
            expect(r.note('message')).toMatch(new RegExp(`-${workerIndex}$`))
          }
        }
      },
      RUN_TIMEOUT,
    )
  }
})

describe('matchers, journal attachments and propagation modes', () => {
  let run: PlaywrightRun
  const result = (project: string, title: string) => {
    const found = run.results.find((r) => r.project === project && r.title.startsWith(title))
    if (!found) throw new Error(`no result for [${project}] ${title}:\n${run.output}`)
    return found
  }
  const journalAttachment = (r: FlatResult) => r.attachments.find((a) => a.name === 'standin-journal.json')

  beforeAll(async () => {
    run = await runPlaywright(`${CHECKS}/playwright.config.ts`)
  }, RUN_TIMEOUT)

  test('everything passes but the two deliberate failures, and nothing is left running', () => {
    const shared = result('shared', 'header propagation › the app forwards')
    expectCleanRun(run, { passed: 15, failed: 2 }, [
      portOf(shared.note('standin-url')),
      portOf(shared.note('app-url')),
    ])
  })

  test('toHaveCalledTool(search, { query: stringContaining(weather) }) passes and fails correctly', () => {
    for (const title of [
      'toHaveCalledTool passes when the app ran search',
      'toHaveCalledTool fails, showing the journal',
      'retries until the request lands',
      'fixtures added with on() take precedence',
    ]) {
      expect(result('worker', title).status, title).toBe('passed')
    }
  })

  test.each(['worker', 'shared'])(
    'a failing test carries its own journal in the report (%s mode)',
    (project) => {
      const failed = result(project, 'deliberately fails')
      expect(failed.status).toBe('failed')
      expect(failed.errors[0]?.message).toContain('expected the app to have called tool "search"')
      expect(failed.errors[0]?.message).toContain('sports scores')

      const attachment = journalAttachment(failed)
      expect(attachment?.contentType).toBe('application/json')
      const journal = JSON.parse(Buffer.from(attachment!.body!, 'base64').toString('utf8')) as Array<{
        body: string
        session: string
      }>
      expect(journal).toHaveLength(2)
      expect(journal.every((e) => e.body.includes('sports results, failing test'))).toBe(true)
      expect(new Set(journal.map((e) => e.session)).size).toBe(1)

      // The same entries as the journal page, standalone: the report opens it after the mock is gone.
      const page = failed.attachments.find((a) => a.name === 'standin-journal.html')
      expect(page?.contentType).toBe('text/html')
      const html = Buffer.from(page!.body!, 'base64').toString('utf8')
      expect(html).toContain('deliberately fails')
      const embedded = /<script type="application\/json" id="standin-data">(.*?)<\/script>/.exec(html)?.[1]
      expect(JSON.parse(embedded ?? 'null')).toEqual(journal)

      expect(journalAttachment(result(project, 'passes: no journal attached'))).toBeUndefined()
    },
  )

  test.each(['header', 'route'])('the app server forwards the session (%s propagation)', (mode) => {
    expect(result('shared', `${mode} propagation › the app forwards this test session`).status).toBe('passed')
  })

  test('routeBrowser redirects calls the page makes itself, streaming', () => {
    expect(result('shared', 'routeBrowser sends').status).toBe('passed')
  })

  // route.continue leaves the connection to the browser: the mock's own chaos reaches the page as a provider
  // would send it (a reset connection, a 500, a stream cut mid-way).
  test.each(['worker', 'shared'])(
    'chaos through routeBrowser: disconnect, drop and a cut stream as the page sees them (%s mode)',
    (project) => {
      for (const title of [
        'chaos through routeBrowser › disconnect: the page fetch rejects',
        'chaos through routeBrowser › drop: the page gets the provider 500',
        'chaos through routeBrowser › truncateAfterChunks: the page reader errors mid-way',
      ])
        expect(result(project, title).status, title).toBe('passed')
    },
  )
})
