/**
 * `test` from standin/vitest first used inside describe(), nested describe, test.each / test.for, hooks,
 * test.concurrent, test.extend (an auto fixture too), hooks called on the test (beforeAll, aroundEach) and
 * Vitest's own test composed with standinFixtures: every file loads and every test passes; the test handle can be spied on. Runs
 * test/integrations/projects/vitest-describe with Vitest in a child process; needs the built package.
 */
import { expect, test } from 'vitest'
import { assertionsByTitle, runVitest } from './run-vitest'

test('test from standin/vitest works in any position, first use included', async () => {
  const run = await runVitest({ root: 'test/integrations/projects/vitest-describe' })
  expect(run.timedOut, run.output).toBe(false)
  expect(run.output).not.toContain('FixtureDependencyError')
  expect(run.code, run.output).toBe(0)
  expect(run.report.testResults.map((file) => file.status)).toEqual(
    run.report.testResults.map(() => 'passed'),
  )
  expect([...assertionsByTitle(run.report).keys()].sort()).toEqual(
    [
      'gets its session',
      'test.each a',
      'test.each b',
      'test.for c',
      'top-level after the describe blocks',
      'concurrent 1',
      'concurrent 2',
      'describe.concurrent test',
      'own fixture and standin together',
      'the handle can be spied on and destructured',
      'beforeAll on the test gets the worker fixture',
      'sees the same handle as the test',
      'an auto fixture of an extended test seeds the session',
      'standinFixtures compose with a user fixture',
    ].sort(),
  )
}, 90_000)
