/**
 * Per-test recordings in Jest, driven the way users run it: `jest` in a child process over a copy of
 * test/integrations/projects/jest-record (openai SDK), its misses sent to a local fake OpenAI. The
 * scenarios follow one project through its life: record, replay in CI, re-record with `-u`. Needs the
 * built package (`npm test` builds first).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { FakeUpstream } from '../record/fake-upstream'
import {
  chatCalls,
  copyProject,
  fromRoot,
  numberingUpstream,
  recordings,
  removeCopies,
  ROOT,
  typecheck,
  upstreamEnv,
} from './record-projects'
import { expectPassed, recordingLifecycle, type RunnerRun } from './record-lifecycle'
import { removeRunDirs, runJest } from './run-jest'

let fake: FakeUpstream

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/jest/reporter.js')))
    throw new Error('standin is not built: run `npx tsup` (npm test builds first)')
  fake = await numberingUpstream()
})

afterAll(async () => {
  await fake?.close()
  removeCopies()
  removeRunDirs()
})

/** `--ci=false` unless asked: Jest would otherwise read CI from the machine the suite runs on. */
async function run(project: string, env: Record<string, string>, args: string[] = []): Promise<RunnerRun> {
  const ci = env.CI === 'true' ? [] : ['--ci=false']
  const result = await runJest({ config: `${fromRoot(project)}/jest.config.js`, args: [...ci, ...args], env })
  return {
    code: result.code,
    passed: result.report.numPassedTests,
    failed: result.report.numFailedTests,
    output: `${result.stdout}\n${result.stderr}`,
    dir: result.dir,
  }
}

recordingLifecycle({ name: 'jest', template: 'jest-record', specExtension: 'js', run }, () => fake)

describe('examples/jest-record', () => {
  test('replays its committed recordings in CI: strict, no upstream call, nothing written', async () => {
    const committed = recordings(join(ROOT, 'examples/jest-record'), 'tests/__recordings__')
    expect([...committed.keys()].sort()).toEqual([
      'tests/__recordings__/assistant.test.ts/answers the weather after calling its tool.json',
      'tests/__recordings__/assistant.test.ts/naming a cat › a first suggestion.json',
      'tests/__recordings__/assistant.test.ts/naming a cat › a second suggestion.json',
    ])
    // A copy: the run must not touch the committed files, and is checked against them.
    const project = copyProject('examples/jest-record')
    const calls = chatCalls(fake)

    const result = await run(project, { ...upstreamEnv(fake), CI: 'true' })

    expectPassed(result, 3)
    expect(chatCalls(fake)).toBe(calls)
    expect(recordings(project, 'tests/__recordings__')).toEqual(committed)
  }, 60_000)

  test('type-checks', async () => {
    const { code, output } = await typecheck('examples/jest-record')
    expect(output).toBe('')
    expect(code).toBe(0)
  }, 60_000)
})
