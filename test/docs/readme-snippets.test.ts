/**
 * Every TypeScript block of README.md and docs/*.md compiles under a user's strict settings against the
 * built package, and the blocks marked ` ```ts run ` run. Conventions: test/docs/snippets.ts and
 * CONTRIBUTING.md. Needs `npm run build` (npm test does it) and `node scripts/link-self.mjs`.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'
import { runVitest } from '../integrations/run-vitest'
import {
  checkSnippets,
  CONSUMER,
  extractSnippets,
  formatErrors,
  ROOT,
  snippetFileName,
  snippetSource,
  type Snippet,
} from './snippets'

const MARKDOWN = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
]
const snippets = MARKDOWN.flatMap((file) => extractSnippets(readFileSync(join(ROOT, file), 'utf8'), file))
const runnable = snippets.filter((snippet) => snippet.flags.has('run'))
const usesVitest = (snippet: Snippet) => /from ['"](vitest|standin\/vitest)['"]/.test(snippet.code)
/** A test written with `test` from standin/vitest needs the plugin; one that builds its own mock (MSW) must not have it. */
const usesPlugin = (snippet: Snippet) =>
  /import\s*\{[^}]*\b(test|it)\b[^}]*\}\s*from\s*['"]standin\/vitest['"]/.test(snippet.code)

describe('the documentation code blocks', () => {
  test('the built package is there to check them against', () => {
    expect(existsSync(join(ROOT, 'dist/index.d.mts')), 'run `npm run build` first').toBe(true)
    expect(existsSync(join(ROOT, 'node_modules/standin')), 'run `node scripts/link-self.mjs` first').toBe(
      true,
    )
  })

  test('every ts block compiles under strict tsc in a consumer project', { timeout: 240_000 }, () => {
    expect(snippets.length).toBeGreaterThan(10)
    const errors = checkSnippets(snippets)
    // As text, so a failure reads as tsc output: `README.md:123: Property 'x' does not exist...`.
    expect(formatErrors(errors)).toBe('')
  })

  test('a block with a type error is reported with its README line', { timeout: 60_000 }, () => {
    const markdown = [
      '# Title',
      '',
      '<!-- snippet-context: declare function ask(q: string): Promise<string> -->',
      '```ts',
      "import { createStandin } from 'standin'",
      "const mock = createStandin({ strict: 'yes' })",
      "const answer: number = await ask('hi')",
      '```',
      '',
      '```ts no-check',
      'this is not TypeScript at all',
      '```',
    ].join('\n')
    const found = extractSnippets(markdown, 'BROKEN.md')
    expect(found.map((s) => [s.line, [...s.flags]])).toEqual([
      [5, []],
      [11, ['no-check']],
    ])

    const errors = checkSnippets(found)

    expect(errors.map((e) => e.at)).toEqual(['BROKEN.md:6', 'BROKEN.md:7'])
    expect(errors[0]?.message).toMatch(/Type 'string' is not assignable to type 'boolean/)
    expect(errors[1]?.message).toMatch(/Type 'string' is not assignable to type 'number'/)
    expect(formatErrors(errors)).toContain('BROKEN.md:7: Type ')
  })

  test(
    "matchers are untyped on Vitest's expect until standin/vitest is imported",
    { timeout: 60_000 },
    () => {
      const block = (extra: string) =>
        [
          '```ts',
          "import { expect } from 'vitest'",
          "import { createStandin } from 'standin'",
          extra,
          'const mock = createStandin()',
          "expect(mock).toHaveCalledTool('search')",
          '```',
        ].join('\n')

      const without = checkSnippets(extractSnippets(block('// no standin/vitest'), 'MSW.md'))
      const withImport = checkSnippets(extractSnippets(block("import 'standin/vitest'"), 'MSW.md'))

      expect(without.map((e) => `${e.at}: ${e.message}`)).toEqual([
        "MSW.md:6: Property 'toHaveCalledTool' does not exist on type 'Assertion<Standin>'.",
      ])
      expect(withImport).toEqual([])
    },
  )

  describe.each(runnable.filter(usesVitest).map((s) => [`${s.source}:${s.line}`, s] as const))(
    'the Vitest block at %s',
    (_, snippet) => {
      test('passes when run with Vitest', { timeout: 120_000 }, async () => {
        const root = join(CONSUMER, 'run', snippetFileName(snippet, ''))
        rmSync(root, { recursive: true, force: true })
        mkdirSync(root, { recursive: true })
        writeFileSync(join(root, 'example.snippet.ts'), snippetSource(snippet))
        // The README's own config: the plugin with the bundled fixtures folder.
        const plugin = `plugins: [standin({ fixtures: ${JSON.stringify(join(ROOT, 'fixtures'))} })], `
        writeFileSync(
          join(root, 'vitest.config.ts'),
          [
            "import { defineConfig } from 'vitest/config'",
            "import { standin } from 'standin/vitest'",
            `export default defineConfig({ ${usesPlugin(snippet) ? plugin : ''}test: { include: ['*.snippet.ts'] } })`,
          ].join('\n'),
        )

        const run = await runVitest({ root })

        expect(run.report.numTotalTests, run.output).toBeGreaterThan(0)
        expect(run.report.success, run.output).toBe(true)
      })
    },
  )

  test.each(runnable.filter((s) => !usesVitest(s)).map((s) => [`${s.source}:${s.line}`, s] as const))(
    'the Node block at %s runs to the end',
    { timeout: 60_000 },
    (_, snippet) => {
      const dir = join(CONSUMER, 'run')
      mkdirSync(dir, { recursive: true })
      const file = join(dir, snippetFileName(snippet, '.mjs'))
      const { outputText } = ts.transpileModule(snippetSource(snippet), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      })
      writeFileSync(file, outputText)

      // From the repository root, so `./fixtures` is the bundled fixtures folder.
      const run = spawnSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8', timeout: 50_000 })

      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0)
    },
  )
})
