/**
 * Matcher and option typing as a consumer gets it: strict `tsc --noEmit` over small consumer projects
 * (test/integrations/projects/typecheck) that import the built package, with the documented setup of each
 * runner: Jest with the global `expect` of @types/jest, Jest with `expect` from @jest/globals, and
 * Playwright's own `defineConfig` typed with standin's options. Declarations are checked too
 * (`skipLibCheck` off). A project of misspellings must fail, on the lines it marks.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ROOT, runNode } from './run-jest'

const PROJECTS = 'test/integrations/projects/typecheck'

function tsc(project: string) {
  return runNode('typescript/bin/tsc', ['-p', `${PROJECTS}/${project}`, '--pretty', 'false'])
}

// The four compilations run at once: each takes a while, and none depends on another.
const runs = new Map(
  ['jest-global', 'jest-globals', 'playwright', 'misspelt'].map((project) => [project, tsc(project)]),
)
const run = (project: string) => runs.get(project)!

/** `file(line)` of every line marked `// error` in the misspelt project. */
function markedLines(): string[] {
  const dir = join(ROOT, PROJECTS, 'misspelt')
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .flatMap((name) =>
      readFileSync(join(dir, name), 'utf8')
        .split('\n')
        .flatMap((line, index) => (line.endsWith('// error') ? [`${name}(${index + 1})`] : [])),
    )
    .sort()
}

describe('strict tsc in consumer projects, on the built package', () => {
  test.each([
    ['jest-global', 'Jest, global expect (types: jest, standin/jest/types)'],
    ['jest-globals', 'Jest, expect from @jest/globals (types: standin/jest/types)'],
    ['playwright', "Playwright, defineConfig<StandinOptions> from @playwright/test, and standin's test"],
  ])(
    '%s compiles with no error: %s',
    async (project) => {
      const { code, output } = await run(project)
      expect(output).toBe('')
      expect(code).toBe(0)
    },
    240_000,
  )

  test('a misspelt matcher or option fails to compile, where it is misspelt', async () => {
    const { code, output } = await run('misspelt')
    expect(code).not.toBe(0)
    const errors = [...output.matchAll(/([\w.-]+\.ts)\((\d+),\d+\): error (TS\d+)/g)]
    expect(errors.map(([, file, line]) => `${file}(${line})`).sort()).toEqual(markedLines())
    expect(output).toContain("Property 'toHaveCaledTool' does not exist")
    expect(output).toContain("Did you mean 'toHaveCalledTool'?")
    expect(output).toContain("Property 'toHaveRecievedMessage' does not exist")
    expect(output).toContain("'standinMod' does not exist")
  }, 240_000)
})
