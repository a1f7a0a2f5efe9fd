/**
 * The per-test recording scenarios every runner must pass, written once: one project through its life
 * (record, replay in CI with obsolete recordings listed, re-record with `-u`) and the `record` option's CI
 * rule. Each runner's test file gives how to run its project and what its spec files are called.
 * @module
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { FakeUpstream } from '../record/fake-upstream'
import {
  answers,
  chatCalls,
  CLIENT_KEY,
  copyProject,
  fixturesIn,
  plantRecording,
  recordings,
  UPSTREAM_KEY,
  upstreamEnv,
  validate,
} from './record-projects'

/** What a runner's run gives back, in the same terms for every runner. */
export interface RunnerRun {
  code: number | null
  passed: number
  failed: number
  /** stdout and stderr. */
  output: string
  /** Where the project's tests wrote their answers. */
  dir: string
}

export interface RecordingRunner {
  /** `vitest`, `jest`: the update flag's command in the obsolete report. */
  name: string
  /** The project template under test/integrations/projects. */
  template: string
  /** The spec file's extension (`ts`, `js`). */
  specExtension: string
  run(project: string, env: Record<string, string>, args?: string[]): Promise<RunnerRun>
}

/** Tests that ask something: 5 questions in 4 tests. */
const QUESTIONS = 5

export function expectPassed(run: RunnerRun, passed = 5): void {
  expect({ code: run.code, passed: run.passed }, run.output).toEqual({ code: 0, passed })
}

export function recordingLifecycle(runner: RecordingRunner, upstream: () => FakeUpstream): void {
  const FOLDER = `__recordings__/chat.spec.${runner.specExtension}`
  const DELETED = `__recordings__/deleted.spec.${runner.specExtension}`
  const FIRST = `${FOLDER}/greeting › first asks hello.json`
  const SECOND = `${FOLDER}/greeting › second asks hello.json`
  const WHY = `${FOLDER}/asks_ _why__ _ twice.json`
  const STREAM = `${FOLDER}/streams its answer.json`
  const NOTHING = `${FOLDER}/sends nothing.json`
  const { run } = runner

  describe('a project through its life: record, replay in CI, re-record with -u', () => {
    let project: string
    let recorded: Record<string, string>

    beforeAll(() => {
      project = copyProject(runner.template)
    })

    test('STANDIN_RECORD=missing records each test into its own file beside the test file', async () => {
      const fake = upstream()
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
      const fake = upstream()
      plantRecording(join(project, FOLDER, 'renamed away.json'), 'old')
      mkdirSync(join(project, DELETED))
      plantRecording(join(project, DELETED, 'gone.json'), 'old')
      const before = recordings(project)
      const calls = chatCalls(fake)

      // The upstream is still configured: only the mode keeps the run away from it.
      const result = await run(project, { ...upstreamEnv(fake), CI: 'true' })

      expectPassed(result)
      expect(chatCalls(fake)).toBe(calls)
      expect(answers(result.dir)).toEqual(recorded)
      // Replay writes nothing, and reports without removing.
      expect(recordings(project)).toEqual(before)
      expect(result.output).toContain(
        `standin: 2 obsolete recordings (no test uses them). Run \`${runner.name} -u\``,
      )
      expect(result.output).toContain(`↳ ${FOLDER}/renamed away.json`)
      expect(result.output).toContain(`↳ ${DELETED}/ (its test file is gone)`)
    }, 60_000)

    test(`${runner.name} -u re-records every test and removes obsolete recordings`, async () => {
      const fake = upstream()
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
      expect(existsSync(join(project, DELETED))).toBe(false)
    }, 60_000)
  })

  describe('the record option', () => {
    test('CI=true writes nothing and calls no upstream; the same option records outside CI', async () => {
      const fake = upstream()
      const project = copyProject(runner.template)
      const calls = chatCalls(fake)

      const inCi = await run(project, { ...upstreamEnv(fake), RECORD_OPTION: 'missing', CI: 'true' })

      // Replay: every question misses (404), so the four tests that ask fail; only "sends nothing" passes.
      expect(inCi.passed, inCi.output).toBe(1)
      expect(inCi.failed).toBe(4)
      expect(chatCalls(fake)).toBe(calls)
      expect(recordings(project).size).toBe(0)
      expect(existsSync(join(project, '__recordings__'))).toBe(false)

      const local = await run(project, { ...upstreamEnv(fake), RECORD_OPTION: 'missing', CI: '' })

      expectPassed(local)
      expect(chatCalls(fake) - calls).toBe(QUESTIONS)
      expect(recordings(project).size).toBe(4)
    }, 60_000)
  })
}
