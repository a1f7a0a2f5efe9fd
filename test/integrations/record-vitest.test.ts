/**
 * Per-test recordings in Vitest, driven the way users run it: `vitest run` in a child process over a copy
 * of test/integrations/projects/vitest-record (openai SDK), its misses sent to a local fake OpenAI. The
 * scenarios follow one project through its life: record, replay in CI, re-record with `-u`. Needs the
 * built package (`npm test` builds first).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { FakeUpstream } from '../record/fake-upstream'
import {
  answers,
  chatCalls,
  CLIENT_KEY,
  copyProject,
  fixturesIn,
  fromRoot,
  numberingUpstream,
  plantRecording,
  recordings,
  removeCopies,
  ROOT,
  typecheck,
  UPSTREAM_KEY,
  upstreamEnv,
  validate,
} from './record-projects'
import { assertionsByTitle, runVitest, type VitestRun } from './run-vitest'

const FOLDER = '__recordings__/chat.spec.ts'
const FIRST = `${FOLDER}/greeting › first asks hello.json`
const SECOND = `${FOLDER}/greeting › second asks hello.json`
const WHY = `${FOLDER}/asks_ _why__ _ twice.json`
const STREAM = `${FOLDER}/streams its answer.json`
const NOTHING = `${FOLDER}/sends nothing.json`
/** Tests that ask something: 5 questions in 4 tests. */
const QUESTIONS = 5

let fake: FakeUpstream

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/vitest/setup.mjs')))
    throw new Error('standin is not built: run `npx tsup` (npm test builds first)')
  fake = await numberingUpstream()
})

afterAll(async () => {
  await fake?.close()
  removeCopies()
})

function run(project: string, env: Record<string, string>, args: string[] = []): Promise<VitestRun> {
  return runVitest({ root: fromRoot(project), args, env })
}

function expectPassed(run: VitestRun, passed = 5): void {
  expect(run.timedOut, run.output).toBe(false)
  expect({ code: run.code, passed: run.report.numPassedTests }, run.output).toEqual({ code: 0, passed })
}

describe('a project through its life: record, replay in CI, re-record with -u', () => {
  let project: string
  let recorded: Record<string, string>

  beforeAll(() => {
    project = copyProject('vitest-record')
  })

  test('STANDIN_RECORD=missing records each test into its own file beside the test file', async () => {
    const calls = chatCalls(fake)
    const result = await run(project, { ...upstreamEnv(fake), STANDIN_RECORD: 'missing', CI: '' })

    expectPassed(result)
    expect(chatCalls(fake) - calls).toBe(QUESTIONS)
    const files = recordings(project)
    // One file per test that sent something; the test that sent nothing has none.
    expect([...files.keys()].sort()).toEqual([FIRST, SECOND, STREAM, WHY].sort())
    recorded = answers(result.dir)
    // Same prompt, two tests, two answers: each test recorded its own.
    expect(recorded.first).toMatch(/^answer \d+ to hello$/)
    expect(recorded.second).toMatch(/^answer \d+ to hello$/)
    expect(recorded.first).not.toBe(recorded.second)
    expect(fixturesIn(files.get(FIRST))).toEqual([
      expect.objectContaining({
        match: expect.objectContaining({ userMessage: 'hello', model: 'gpt-4o-mini', exact: true }),
        response: expect.objectContaining({ content: recorded.first }),
      }),
    ])
    expect(fixturesIn(files.get(SECOND))[0]!.response.content).toBe(recorded.second)
    // Two questions in one test: both in its file, in order.
    expect(fixturesIn(files.get(WHY)).map((f) => [f.match.userMessage, f.response.content])).toEqual([
      ['why?', recorded['why-1']],
      ['and why not?', recorded['why-2']],
    ])
    // A streamed answer is recorded collapsed, with its cadence.
    const [story] = fixturesIn(files.get(STREAM))
    expect(story!.response.content).toBe(recorded.stream)
    expect(story!.recordedTimings?.interChunkDelaysMs.length).toBeGreaterThan(0)
    // The upstream got the upstream key; neither key is written anywhere.
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`)
    for (const [path, text] of files) {
      expect(text, path).not.toContain(UPSTREAM_KEY)
      expect(text, path).not.toContain(CLIENT_KEY)
    }
    // The seed's format: `standin validate` reads the folder.
    const checked = await validate([join(project, '__recordings__')])
    expect(checked.code, checked.output).toBe(0)
  }, 60_000)

  test('CI=true replays without one upstream call, each test its own answer, and lists obsolete recordings', async () => {
    plantRecording(join(project, FOLDER, 'renamed away.json'), 'old')
    mkdirSync(join(project, '__recordings__/deleted.spec.ts'))
    plantRecording(join(project, '__recordings__/deleted.spec.ts/gone.json'), 'old')
    const before = recordings(project)
    const calls = chatCalls(fake)

    // The upstream is still configured: only the mode keeps the run away from it.
    const result = await run(project, { ...upstreamEnv(fake), CI: 'true' })

    expectPassed(result)
    expect(chatCalls(fake)).toBe(calls)
    expect(answers(result.dir)).toEqual(recorded)
    // Replay writes nothing, and reports without removing.
    expect(recordings(project)).toEqual(before)
    expect(result.output).toContain('standin: 2 obsolete recordings (no test uses them). Run `vitest -u`')
    expect(result.output).toContain(`↳ ${FOLDER}/renamed away.json`)
    expect(result.output).toContain('↳ __recordings__/deleted.spec.ts/ (its test file is gone)')
  }, 60_000)

  test('vitest -u re-records every test and removes obsolete recordings', async () => {
    plantRecording(join(project, NOTHING), 'stale')
    const calls = chatCalls(fake)

    const result = await run(project, { ...upstreamEnv(fake), CI: '' }, ['-u'])

    expectPassed(result)
    // Everything was asked again, recordings on disk notwithstanding.
    expect(chatCalls(fake) - calls).toBe(QUESTIONS)
    const now = answers(result.dir)
    for (const name of Object.keys(recorded)) expect(now[name], name).not.toBe(recorded[name])
    const files = recordings(project)
    // Obsolete files gone; so is the file of the test that recorded nothing this time.
    expect([...files.keys()].sort()).toEqual([FIRST, SECOND, STREAM, WHY].sort())
    expect(fixturesIn(files.get(FIRST))).toHaveLength(1)
    expect(fixturesIn(files.get(FIRST))[0]!.response.content).toBe(now.first)
    expect(result.output).toContain('standin: removed 2 obsolete recordings:')
    expect(existsSync(join(project, '__recordings__/deleted.spec.ts'))).toBe(false)
  }, 60_000)
})

describe('the record option', () => {
  test('CI=true writes nothing and calls no upstream; the same option records outside CI', async () => {
    const project = copyProject('vitest-record')
    const calls = chatCalls(fake)

    const inCi = await run(project, { ...upstreamEnv(fake), RECORD_OPTION: 'missing', CI: 'true' })

    // Replay: every question misses (404), so the four tests that ask fail; only "sends nothing" passes.
    expect(inCi.report.numPassedTests, inCi.output).toBe(1)
    expect(inCi.report.numFailedTests).toBe(4)
    expect(chatCalls(fake)).toBe(calls)
    expect(recordings(project).size).toBe(0)
    expect(existsSync(join(project, '__recordings__'))).toBe(false)

    const local = await run(project, { ...upstreamEnv(fake), RECORD_OPTION: 'missing', CI: '' })

    expectPassed(local)
    expect(chatCalls(fake) - calls).toBe(QUESTIONS)
    expect(recordings(project).size).toBe(4)
  }, 60_000)
})

describe('examples/vitest-record', () => {
  test('replays its committed recordings in CI: strict, no upstream call, nothing written', async () => {
    const committed = recordings(join(ROOT, 'examples/vitest-record'), 'tests/__recordings__')
    expect([...committed.keys()].sort()).toEqual([
      'tests/__recordings__/assistant.test.ts/answers the weather after calling its tool.json',
      'tests/__recordings__/assistant.test.ts/naming a cat › a first suggestion.json',
      'tests/__recordings__/assistant.test.ts/naming a cat › a second suggestion.json',
    ])
    // A copy: the run must not touch the committed files, and is checked against them.
    const project = copyProject('examples/vitest-record')
    const calls = chatCalls(fake)

    const result = await run(project, { ...upstreamEnv(fake), CI: 'true' })

    expectPassed(result, 3)
    expect(chatCalls(fake)).toBe(calls)
    expect(recordings(project, 'tests/__recordings__')).toEqual(committed)

    // Without its recording, the second test fails loudly (strict: 503), and still nothing is forwarded.
    rmSync(join(project, 'tests/__recordings__/assistant.test.ts/naming a cat › a second suggestion.json'))
    const missing = await run(project, { ...upstreamEnv(fake), CI: 'true' })

    expect(missing.report.numPassedTests, missing.output).toBe(2)
    expect(assertionsByTitle(missing.report).get('a second suggestion')?.failureMessages.join('\n')).toMatch(
      /503/,
    )
    expect(chatCalls(fake)).toBe(calls)
  }, 60_000)

  test('type-checks', async () => {
    const { code, output } = await typecheck('examples/vitest-record')
    expect(output).toBe('')
    expect(code).toBe(0)
  }, 60_000)
})
