/**
 * Per-test recordings in Playwright: `playwright test` in a child process over a copy of
 * test/integrations/projects/playwright-record (openai SDK, no browser), misses sent to a local fake
 * OpenAI, through each worker's own mock and through the shared mock (`standinWebServer()`), where the
 * test's session names its file over the control API. Needs the built package (`npm test` builds first).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { standinWebServer, updatesSnapshots } from '../../integrations/playwright/web-server'
import type { FakeUpstream } from '../record/fake-upstream'
import { runPlaywright, type PlaywrightRun } from './playwright-run'
import {
  answers,
  chatCalls,
  CLIENT_KEY,
  copyProject,
  fixturesIn,
  fromRoot,
  numberingUpstream,
  recordings,
  removeCopies,
  ROOT,
  UPSTREAM_KEY,
  upstreamEnv,
} from './record-projects'

const FOLDER = '__recordings__/chat.spec.ts'
const FIRST = `${FOLDER}/greeting › first asks hello.json`
const SECOND = `${FOLDER}/greeting › second asks hello.json`
const RUN_TIMEOUT = 120_000

let fake: FakeUpstream
const runDirs: string[] = []

beforeAll(async () => {
  for (const file of ['dist/playwright/index.js', 'dist/cli/index.js'])
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run \`npx tsup\``)
  fake = await numberingUpstream()
})

afterAll(async () => {
  await fake?.close()
  removeCopies()
  for (const dir of runDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A run of `config` in `project`; the tests note their answers in the returned `dir`. */
async function run(
  project: string,
  config: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<PlaywrightRun & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'standin-pw-record-'))
  runDirs.push(dir)
  const result = await runPlaywright(`${fromRoot(project)}/${config}`, args, { RECORD_DIR: dir, ...env })
  return { ...result, dir }
}

function expectPassed(run: PlaywrightRun, passed = 3): void {
  expect({ code: run.code, expected: run.report.stats.expected }, run.output).toEqual({
    code: 0,
    expected: passed,
  })
  expect(run.leftovers, 'processes of the run still alive').toEqual([])
}

/** What every recording run shows: one file per asking test, its own answer in it, no key anywhere. */
function expectRecordedPerTest(project: string, noted: Record<string, string>): void {
  const files = recordings(project)
  expect([...files.keys()].sort()).toEqual([FIRST, SECOND])
  expect(noted.first).toMatch(/^answer \d+ to say something$/)
  expect(noted.second).toMatch(/^answer \d+ to say something$/)
  expect(noted.first).not.toBe(noted.second)
  expect(fixturesIn(files.get(FIRST)).map((f) => [f.match.userMessage, f.response.content])).toEqual([
    ['say something', noted.first],
  ])
  expect(fixturesIn(files.get(SECOND))[0]!.response.content).toBe(noted.second)
  for (const [path, text] of files) {
    expect(text, path).not.toContain(UPSTREAM_KEY)
    expect(text, path).not.toContain(CLIENT_KEY)
  }
}

describe('through the worker mock (standinMode: worker)', () => {
  const CONFIG = 'playwright.worker.config.ts'
  let project: string
  let recorded: Record<string, string>

  beforeAll(() => {
    project = copyProject('playwright-record')
  })

  test(
    'STANDIN_RECORD=missing records each test beside the spec, by title path',
    async () => {
      const calls = chatCalls(fake)
      const result = await run(project, CONFIG, { ...upstreamEnv(fake), STANDIN_RECORD: 'missing', CI: '' })

      expectPassed(result)
      expect(chatCalls(fake) - calls).toBe(2)
      recorded = answers(result.dir)
      expectRecordedPerTest(project, recorded)
      expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`)
    },
    RUN_TIMEOUT,
  )

  test(
    'CI=true replays each test its own answer without an upstream call',
    async () => {
      const calls = chatCalls(fake)
      const result = await run(project, CONFIG, { ...upstreamEnv(fake), CI: 'true' })

      expectPassed(result)
      expect(chatCalls(fake)).toBe(calls)
      expect(answers(result.dir)).toEqual(recorded)
    },
    RUN_TIMEOUT,
  )

  test(
    'playwright test -u re-records',
    async () => {
      const calls = chatCalls(fake)
      const result = await run(project, CONFIG, { ...upstreamEnv(fake), CI: '' }, ['-u'])

      expectPassed(result)
      expect(chatCalls(fake) - calls).toBe(2)
      const now = answers(result.dir)
      expect(now.first).not.toBe(recorded.first)
      expect(fixturesIn(recordings(project).get(FIRST))).toEqual([
        expect.objectContaining({ response: expect.objectContaining({ content: now.first }) }),
      ])
    },
    RUN_TIMEOUT,
  )
})

describe('through the shared mock (standinWebServer), each test naming its file over the control API', () => {
  const CONFIG = 'playwright.shared.config.ts'

  test(
    'records per test, then replays in CI without an upstream call',
    async () => {
      const project = copyProject('playwright-record')
      const calls = chatCalls(fake)
      const recording = await run(project, CONFIG, {
        ...upstreamEnv(fake),
        STANDIN_RECORD: 'missing',
        CI: '',
      })

      expectPassed(recording)
      expect(chatCalls(fake) - calls).toBe(2)
      const recorded = answers(recording.dir)
      expectRecordedPerTest(project, recorded)

      const replay = await run(project, CONFIG, { ...upstreamEnv(fake), CI: 'true' })

      expectPassed(replay)
      expect(chatCalls(fake) - calls).toBe(2)
      expect(answers(replay.dir)).toEqual(recorded)
    },
    RUN_TIMEOUT,
  )
})

describe('standinWebServer({ record })', () => {
  afterEach(() => vi.unstubAllEnvs())

  test('passes the mode and upstreams as flags, the keys through the environment only', () => {
    vi.stubEnv('CI', '')
    vi.stubEnv('STANDIN_RECORD', '')
    const entry = standinWebServer({
      record: {
        mode: 'missing',
        upstreams: { openai: 'http://127.0.0.1:9' },
        keys: { openai: UPSTREAM_KEY },
        recordErrors: true,
      },
    })
    expect(entry.command).toContain(
      '--record-mode missing --provider-openai http://127.0.0.1:9 --record-errors',
    )
    expect(entry.command).not.toContain(UPSTREAM_KEY)
    expect(entry.env).toEqual({ STANDIN_UPSTREAM_OPENAI_KEY: UPSTREAM_KEY })
    // No option and no update flag: the command is what it always was.
    expect(standinWebServer().command).not.toContain('--record-mode')
    vi.stubEnv('CI', 'true')
    expect(standinWebServer({ record: 'missing' }).command).toContain('--record-mode replay')
  })

  test('reads the update flag off the command line, as the mock starts before any worker', () => {
    const argv = (...args: string[]) => ['node', 'playwright', 'test', ...args]
    expect(updatesSnapshots(argv('-u'))).toBe(true)
    expect(updatesSnapshots(argv('-u', 'tests/a.spec.ts'))).toBe(true)
    expect(updatesSnapshots(argv('--update-snapshots', 'all'))).toBe(true)
    expect(updatesSnapshots(argv('--update-snapshots=changed'))).toBe(true)
    expect(updatesSnapshots(argv('--update-snapshots=none'))).toBe(false)
    expect(updatesSnapshots(argv('-u', 'missing'))).toBe(false)
    expect(updatesSnapshots(argv('--grep', 'x'))).toBe(false)
  })
})
