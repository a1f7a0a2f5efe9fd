/**
 * The fixture-usage report of `standin/playwright/reporter`, through the built package: a project with
 * three loaded fixtures whose two tests (two workers, no browser) use one each.
 */
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { runPlaywright, type PlaywrightRun } from './playwright-run'

const CONFIG = 'test/integrations/projects/playwright-usage/playwright.config.ts'
const REPORTER = fileURLToPath(new URL('./projects/playwright-usage/usage-reporter.ts', import.meta.url))

const run = (unused: string, args: string[] = []): Promise<PlaywrightRun> =>
  runPlaywright(CONFIG, [`--reporter=json,${REPORTER}`, ...args], { UNUSED: unused })

describe('fixture-usage report (Playwright)', () => {
  test('names the one fixture no test used, and only it, after two workers each used another', async () => {
    const result = await run('report')
    expect(result.report.stats.expected, result.output).toBe(2)
    expect(result.code).toBe(0)
    expect(result.output).toMatch(
      /standin: 1 of 3 loaded fixtures was not used in this run:\n {2}\S*usage\.json#2\n/,
    )
    expect(result.output).not.toMatch(/usage\.json#[01]|greeting/)
  }, 60_000)

  test("'fail' fails a run that passed, with the list", async () => {
    const result = await run('fail')
    expect(result.report.stats.expected, result.output).toBe(2)
    expect(result.code).toBe(1)
    expect(result.output).toMatch(/not used in this run \(unusedFixtures: 'fail'\):\n {2}\S*usage\.json#2/)
  }, 60_000)

  test("'off' prints nothing", async () => {
    const result = await run('off')
    expect(result.code, result.output).toBe(0)
    expect(result.output).not.toMatch(/loaded fixtures/)
  }, 60_000)

  test('a run filtered by --grep says it is filtered and does not fail', async () => {
    const result = await run('fail', ['--grep', 'hello'])
    expect(result.report.stats.expected, result.output).toBe(1)
    expect(result.code).toBe(0)
    expect(result.output).toMatch(
      /2 of 3 loaded fixtures were not used in this run \(a filtered run: --grep;/,
    )
  }, 60_000)
})
