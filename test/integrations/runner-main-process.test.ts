/**
 * A runner's main process (Vitest's config process, Jest's reporter, Playwright's test collection) never
 * runs a mock, so it does not load the engine: `standin/vitest`, `standin/jest/reporter` and
 * `standin/playwright` take their plumbing from the engine-free `standin/internal/runners`, and the engine
 * loads on first real need (the matchers, a worker's mock).
 * Through the built package, in a child process of its own (the engine is a CommonJS module, so it shows
 * in `require.cache` whichever module system loaded it).
 */
import { describe, expect, test } from 'vitest'
import { runNodeArgs } from './run-jest'

/** Prints, as JSON, whether the engine was loaded before and after `after` ran. */
const ENGINE_LOADED =
  'Object.keys(require.cache).some((path) => /[\\\\/]dist[\\\\/]internal[\\\\/]/.test(path))'

describe('runner main processes', () => {
  test('importing standin/vitest, making the plugin and running its globalSetup (mode worker) load no engine; its matchers load it on first use', async () => {
    const esm = [
      "import { createRequire } from 'node:module'",
      "import { standin, matchers } from 'standin/vitest'",
      'const require = createRequire(import.meta.url)',
      'const plugin = standin({ fixtures: "./fixtures" })',
      'const config = {}',
      'plugin.config(config)',
      // The globalSetup the plugin adds runs in this process too: in the default mode it starts nothing.
      'const globalSetup = await import(config.test.globalSetup[0])',
      "const project = { getProvidedContext: () => ({ 'standin:options': {} }) }",
      'if ((await globalSetup.default(project)) !== undefined) throw new Error("a teardown in mode worker")',
      `const before = ${ENGINE_LOADED}`,
      'const names = Object.keys(matchers)',
      `console.log(JSON.stringify({ before, after: ${ENGINE_LOADED}, names, setup: config.test.setupFiles.length, kind: typeof matchers.toHaveRequestCount }))`,
    ].join('\n')
    const cjs = [
      "const { standin, matchers } = require('standin/vitest')",
      'standin()',
      `const before = ${ENGINE_LOADED}`,
      'const names = Object.keys(matchers)',
      `console.log(JSON.stringify({ before, after: ${ENGINE_LOADED}, names, setup: 1, kind: typeof matchers.toHaveRequestCount }))`,
    ].join('\n')
    for (const args of [
      ['--input-type=module', '-e', esm],
      ['-e', cjs],
    ]) {
      const run = await runNodeArgs(args)
      expect(run.code, run.output).toBe(0)
      const seen = JSON.parse(run.output) as {
        before: boolean
        after: boolean
        names: string[]
        setup: number
        kind: string
      }
      expect(seen.before).toBe(false)
      expect(seen.after).toBe(true)
      expect(seen.names).toContain('toHaveCalledTool')
      expect(seen.names).toContain('toHaveRequestCount')
      expect(seen.kind).toBe('function')
      expect(seen.setup).toBe(1)
    }
  }, 30_000)

  test("Jest's config and reporter load no engine, and the reporter still makes and removes the run's usage folder", async () => {
    const script = [
      "const { existsSync } = require('node:fs')",
      "const { withStandin } = require('standin/jest')",
      "const Reporter = require('standin/jest/reporter').default",
      'const config = withStandin({}, {})',
      'const reporter = new Reporter({ rootDir: process.cwd(), updateSnapshot: "new" }, {})',
      'const dir = process.env.STANDIN_USAGE_DIR',
      'const made = existsSync(dir)',
      "reporter.onRunComplete(undefined, { testResults: [{ testFilePath: require('node:path').resolve('nowhere.test.js'), testResults: [{ ancestorTitles: [], title: 'a' }] }] })",
      `console.log(JSON.stringify({ engine: ${ENGINE_LOADED}, made, removed: !existsSync(dir), reporters: config.reporters.length, error: reporter.getLastError() === undefined }))`,
    ].join('\n')
    const run = await runNodeArgs(['-e', script])
    expect(run.code, run.output).toBe(0)
    expect(JSON.parse(run.output)).toEqual({
      engine: false,
      made: true,
      removed: true,
      reporters: 2,
      error: true,
    })
  }, 30_000)

  test('importing standin/playwright (test, expect, the web server entry) and its reporter load no engine; a matcher loads it on first use', async () => {
    const body = (imports: string) =>
      [
        imports,
        "const server = standinWebServer({ fixtures: './fixtures' })",
        'const reporter = new Reporter({})',
        'const dir = process.env.STANDIN_USAGE_DIR',
        `const before = ${ENGINE_LOADED}`,
        // Playwright's expect runs outside a test too: the matcher passes, then fails with standin's message.
        'await expect([]).toHaveRequestCount(0)',
        'const message = await expect([]).toHaveRequestCount(1).then(() => "passed", (e) => e.message)',
        "require('node:fs').rmSync(dir, { recursive: true, force: true })",
        `console.log(JSON.stringify({ before, after: ${ENGINE_LOADED}, extend: typeof test.extend, command: typeof server.command, dir: typeof dir, message }))`,
      ].join('\n')
    const esm = body(
      [
        "import { createRequire } from 'node:module'",
        "import { test, expect, standinWebServer } from 'standin/playwright'",
        "import Reporter from 'standin/playwright/reporter'",
        'const require = createRequire(import.meta.url)',
      ].join('\n'),
    )
    const cjs = body(
      [
        "const { test, expect, standinWebServer } = require('standin/playwright')",
        "const Reporter = require('standin/playwright/reporter').default",
      ].join('\n'),
    )
    for (const args of [
      ['--input-type=module', '-e', esm],
      ['-e', `(async () => {\n${cjs}\n})().catch((e) => { console.error(e); process.exit(1) })`],
    ]) {
      const run = await runNodeArgs(args)
      expect(run.code, run.output).toBe(0)
      const seen = JSON.parse(run.output) as Record<string, unknown>
      expect(seen).toMatchObject({
        before: false,
        after: true,
        extend: 'function',
        command: 'string',
        dir: 'string',
      })
      expect(seen.message).toContain('expected 1 request(s), found 0')
    }
  }, 30_000)
})
