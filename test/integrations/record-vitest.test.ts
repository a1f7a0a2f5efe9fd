/**
 * Per-test recordings in Vitest, driven the way users run it: `vitest run` in a child process over a copy
 * of test/integrations/projects/vitest-record (openai SDK), its misses sent to a local fake OpenAI. The
 * scenarios follow one project through its life: record, replay in CI, re-record with `-u`. Needs the
 * built package (`npm test` builds first).
 */
import { existsSync, rmSync } from 'node:fs'
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
import { assertionsByTitle, runVitest, type VitestRun } from './run-vitest'

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

async function run(project: string, env: Record<string, string>, args: string[] = []): Promise<VitestRun> {
  return runVitest({ root: fromRoot(project), args, env })
}

/** A Vitest run in the terms the shared scenarios use (a timed-out run counts as a failed one). */
async function runInCommonTerms(
  project: string,
  env: Record<string, string>,
  args?: string[],
): Promise<RunnerRun> {
  const result = await run(project, env, args)
  return {
    code: result.timedOut ? null : result.code,
    passed: result.report.numPassedTests,
    failed: result.report.numFailedTests,
    output: result.output,
    dir: result.dir,
  }
}

recordingLifecycle(
  { name: 'vitest', template: 'vitest-record', specExtension: 'ts', run: runInCommonTerms },
  () => fake,
)

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

    expect(result.timedOut, result.output).toBe(false)
    expectPassed({ ...result, passed: result.report.numPassedTests, failed: result.report.numFailedTests }, 3)
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
