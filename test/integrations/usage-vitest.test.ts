/**
 * The fixture-usage report of `standin/vitest`, through the built package: a project with three loaded
 * fixtures whose two test files (two workers) use one each.
 */
import { describe, expect, test } from 'vitest'
import { runVitest, type VitestRun } from './run-vitest'

const ROOT = 'test/integrations/projects/vitest-usage'
const HEADER = /^standin: .*loaded fixtures.*$/m

const run = (unused: string, args: string[] = []): Promise<VitestRun> =>
  runVitest({ root: ROOT, args, env: { UNUSED: unused } })

describe('fixture-usage report (Vitest)', () => {
  test('names the one fixture no test used, and only it, after two workers each used another', async () => {
    const result = await run('report')
    expect(result.report.numPassedTests, result.output).toBe(2)
    expect(result.code).toBe(0)
    expect(result.output).toMatch(
      /standin: 1 of 3 loaded fixtures was not used in this run:\n {2}\S*usage\.json#2\n/,
    )
    // The fixtures the two workers used are not listed, by file index or by id.
    expect(result.output).not.toMatch(/usage\.json#[01]|greeting/)
  }, 60_000)

  test("'fail' fails a run that passed, with the list", async () => {
    const result = await run('fail')
    expect(result.report.numPassedTests, result.output).toBe(2)
    expect(result.code).toBe(1)
    expect(result.output).toMatch(/not used in this run \(unusedFixtures: 'fail'\):\n {2}\S*usage\.json#2/)
  }, 60_000)

  test("'off' prints nothing", async () => {
    const result = await run('off')
    expect(result.code, result.output).toBe(0)
    expect(result.output).not.toMatch(HEADER)
  }, 60_000)

  test('a run filtered by -t says it is filtered and does not fail', async () => {
    const result = await run('fail', ['-t', 'hello'])
    expect(result.report.numPassedTests, result.output).toBe(1)
    expect(result.code).toBe(0)
    expect(result.output).toMatch(
      /2 of 3 loaded fixtures were not used in this run \(a filtered run: -t hello;/,
    )
  }, 60_000)

  test('a run of one test file says it is filtered', async () => {
    const result = await run('fail', ['hello.spec'])
    expect(result.code, result.output).toBe(0)
    expect(result.output).toMatch(/a filtered run: only files matching hello\.spec/)
  }, 60_000)
})
