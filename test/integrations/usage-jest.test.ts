/**
 * The fixture-usage report of `standin/jest/reporter`, through the built package: a project with three
 * loaded fixtures whose two test files (each with its own mock) use one each.
 */
import { afterAll, describe, expect, test } from 'vitest'
import { removeRunDirs, runJest, type JestRun } from './run-jest'

const CONFIG = 'test/integrations/projects/jest-usage/jest.config.js'

const run = (unused: string, args: string[] = []): Promise<JestRun> =>
  runJest({ config: CONFIG, args, env: { UNUSED: unused } })

afterAll(removeRunDirs)

describe('fixture-usage report (Jest)', () => {
  test('names the one fixture no test used, and only it, after two files each used another', async () => {
    const result = await run('report')
    expect(result.report.numPassedTests, result.stderr).toBe(2)
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(
      /standin: 1 of 3 loaded fixtures was not used in this run:\n {2}\S*usage\.json#2\n/,
    )
    expect(result.stderr).not.toMatch(/usage\.json#[01]|greeting/)
  }, 60_000)

  test("'fail' fails a run that passed, with the list", async () => {
    const result = await run('fail')
    expect(result.report.numPassedTests, result.stderr).toBe(2)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/not used in this run \(unusedFixtures: 'fail'\):\n {2}\S*usage\.json#2/)
  }, 60_000)

  test("'off' prints nothing", async () => {
    const result = await run('off')
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).not.toMatch(/loaded fixtures/)
  }, 60_000)

  test('a run filtered by -t says it is filtered and does not fail', async () => {
    const result = await run('fail', ['-t', 'hello'])
    expect(result.report.numPassedTests, result.stderr).toBe(1)
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(
      /2 of 3 loaded fixtures were not used in this run \(a filtered run: -t hello;/,
    )
  }, 60_000)
})
