/**
 * The suite benchmark's generated projects: the three variants run the same tests (same names, same
 * request and answer), differ only in what answers, and the bare server answers the openai SDK as the
 * standin variant's fixture does. The bench case itself checks that every generated suite passes.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI from 'openai'
import { afterAll, describe, expect, test } from 'vitest'

interface Variant {
  fullMs: number
  smallMs: number
  testMedianMs: number
  fullCpuMs: number
}
interface Shapes {
  full: { files: number; tests: number }
  small: { files: number; tests: number }
}
interface GenerateModule {
  RUNNERS: string[]
  VARIANTS: string[]
  generateProject(options: { dir: string; runner: string; variant: string; files: number; tests: number }): {
    files: number
    tests: number
  }
}
interface SuiteCase {
  shapes(scale: number): Shapes
  rounds(scale: number, env?: Record<string, string | undefined>): number
  paired(
    standin: { runs: { full: number[] }; cpuRuns: { full: number[] } },
    base: { runs: { full: number[] }; cpuRuns: { full: number[] } },
  ): { pairedFraction: number; pairedCpuFraction: number; roundFractions: number[] }
  overhead(
    variants: Record<string, Variant>,
    base: string,
    shapes: Shapes,
  ): Record<
    'fullMs' | 'fraction' | 'perTestMs' | 'perFileMs' | 'perStartMs' | 'fixedMs' | 'cpuFraction',
    number
  >
}
interface RunProjectModule {
  childrenCpuMs(times: string): number
}

const load = async <T>(path: string) => (await import(new URL(path, import.meta.url).href)) as T
const generate = await load<GenerateModule>('../../bench/suite/generate.mjs')
const suite = await load<SuiteCase>('../../bench/cases/suite.mjs')
const runProject = await load<RunProjectModule>('../../bench/suite/run-project.mjs')

const root = mkdtempSync(join(tmpdir(), 'standin-suite-gen-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Test names in the order they appear in a project's files. */
function testNames(dir: string): string[] {
  return readdirSync(join(dir, 'tests'))
    .sort()
    .flatMap((file) =>
      [...readFileSync(join(dir, 'tests', file), 'utf8').matchAll(/^test\("([^"]+)"/gm)].map(
        (m) => m[1] ?? '',
      ),
    )
}

describe.each(generate.RUNNERS)('%s projects', (runner) => {
  const project = (variant: string) => {
    const dir = join(root, `${runner}-${variant}`)
    const expected = generate.generateProject({ dir, runner, variant, files: 3, tests: 4 })
    return {
      dir,
      expected,
      source: readFileSync(join(dir, 'tests', readdirSync(join(dir, 'tests'))[0]!), 'utf8'),
    }
  }
  const projects = Object.fromEntries(generate.VARIANTS.map((v) => [v, project(v)]))

  test('every variant holds the same tests, files × tests of them', () => {
    const names = testNames(projects['standin']!.dir)
    expect(names).toHaveLength(12)
    expect(new Set(names).size).toBe(12)
    for (const variant of generate.VARIANTS) {
      expect(projects[variant]!.expected).toEqual({ files: 3, tests: 12 })
      expect(testNames(projects[variant]!.dir)).toEqual(names)
    }
  })

  test('the standin variant registers two fixtures per test, requests through the SDK and checks the journal', () => {
    const { source } = projects['standin']!
    const perTest = (pattern: RegExp) => source.match(pattern)?.length
    expect(perTest(/\.on\(\{ userMessage:/g)).toBe(8)
    expect(perTest(/chat\.completions\.create/g)).toBe(4)
    expect(perTest(/toHaveRequestCount\(1\)/g)).toBe(4)
    expect(source).toContain(runner === 'vitest' ? "from 'standin/vitest'" : "require('standin/jest')")
  })

  test('the bare-server variant makes the same request with no standin; the no-mock one makes none', () => {
    const floor = projects['floor']!.source
    expect(floor.match(/chat\.completions\.create/g)).toHaveLength(4)
    expect(floor).not.toContain('standin')
    expect(projects['none']!.source).not.toMatch(/openai|standin|fetch/)
  })
})

test('the bare server answers the openai SDK as the standin variant’s fixture does', async () => {
  const require = createRequire(import.meta.url)
  const { startFloor } = require('../../bench/suite/templates/floor-server.cjs') as {
    startFloor(): Promise<{ url: string; close(): Promise<void> }>
  }
  const server = await startFloor()
  try {
    const openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sk-test', maxRetries: 0 })
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'question 7.3' }],
    })
    expect(completion.choices[0]?.message.content).toBe('answer 7.3')
  } finally {
    await server.close()
  }
})

test("bash's times output gives the children's CPU time", () => {
  expect(runProject.childrenCpuMs('0m0.010s 0m0.002s\n1m5.120s 0m1.030s\n')).toBeCloseTo(66_150, 6)
  expect(() => runProject.childrenCpuMs('')).toThrow(/bash times/)
})

test('the overhead splits into per test, per file, per worker start and per run', () => {
  const shapes = suite.shapes(1)
  expect(shapes).toEqual({ full: { files: 40, tests: 5 }, small: { files: 2, tests: 5 } })
  expect(suite.shapes(0.25).full.files).toBe(10)
  // standin: 1,000 ms per run + 20 ms per start + 2 ms per test, on top of the base.
  const base = { fullMs: 10_000, smallMs: 1_000, testMedianMs: 5, fullCpuMs: 20_000 }
  const extra = (files: number) => 1_000 + files * (20 + 5 * 2)
  const standin = {
    fullMs: base.fullMs + extra(40),
    smallMs: base.smallMs + extra(2),
    testMedianMs: 7,
    fullCpuMs: 22_000,
  }
  const o = suite.overhead({ standin, floor: base }, 'floor', shapes)
  expect(o.fullMs).toBeCloseTo(2_200, 6)
  expect(o.fraction).toBeCloseTo(0.22, 6)
  expect(o.perTestMs).toBeCloseTo(11, 6)
  expect(o.perFileMs).toBeCloseTo(30, 6)
  expect(o.perStartMs).toBeCloseTo(20, 6)
  expect(o.fixedMs).toBeCloseTo(1_000, 6)
  expect(o.cpuFraction).toBeCloseTo(0.1, 6)
})

test('the paired figure is the median of the rounds’ own fractions, so one disturbed round moves it little', () => {
  // Round 2 ran while the machine was busy: both runs slowed, the base more.
  const standin = { runs: { full: [10_300, 16_000, 10_400] }, cpuRuns: { full: [20_600, 21_000, 20_400] } }
  const base = { runs: { full: [10_000, 12_000, 10_000] }, cpuRuns: { full: [20_000, 20_000, 20_000] } }
  const p = suite.paired(standin, base)
  expect(p.roundFractions.map((f) => Math.round(f * 1000))).toEqual([30, 333, 40])
  expect(p.pairedFraction).toBeCloseTo(0.04, 6)
  expect(p.pairedCpuFraction).toBeCloseTo(0.03, 6)
  expect(suite.paired({ runs: { full: [] }, cpuRuns: { full: [] } }, base).pairedFraction).toBeNaN()
  // With an even number of rounds, the mean of the two middle ones (not the better of them).
  const four = (full: number[]) => ({ runs: { full }, cpuRuns: { full } })
  const even = suite.paired(four([10_020, 10_950, 11_270, 10_460]), four([10_000, 10_000, 10_000, 10_000]))
  expect(even.pairedFraction).toBeCloseTo(0.0705, 6)
})

test('BENCH_SUITE_ROUNDS sets the number of rounds; otherwise it follows the scale', () => {
  expect(suite.rounds(1, {})).toBe(3)
  expect(suite.rounds(0.25, {})).toBe(2)
  expect(suite.rounds(0.5, { BENCH_SUITE_ROUNDS: '7' })).toBe(7)
  expect(suite.rounds(1, { BENCH_SUITE_ROUNDS: 'many' })).toBe(3)
})
