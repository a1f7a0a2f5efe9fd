/**
 * What users feel: a Vitest and a Jest project of 40 files × 5 tests on 2 workers, run whole by the
 * runner's CLI, with standin's integration (`standin`) against the same tests on a bare node:http server
 * started the same way (`floor`) and with no mock at all (`none`); see bench/suite/generate.mjs. Each
 * project also comes in 2 files × 5 tests, so the gap between the two sizes gives the cost per file (each
 * file starts its own mock: a fresh worker per file in Vitest, a test environment per file in Jest).
 * Every run must exit 0 with all tests passed in the runner's JSON report, or the case fails.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { median } from '../lib/stats.mjs'
import { generateProject, linkModules, RUNNERS, VARIANTS } from '../suite/generate.mjs'
import { runProject } from '../suite/run-project.mjs'
import { ms, table } from '../table.mjs'

/**
 * The project sizes: 40 files × 5 tests (the target's suite) and 2 × 5. Below BENCH_SCALE=1 the large
 * project shrinks (10 files at 0.25), for a quick look; the report names the sizes it ran.
 */
export function shapes(scale) {
  const files = scale >= 1 ? 40 : Math.max(10, Math.round(40 * scale))
  return { full: { files, tests: 5 }, small: { files: 2, tests: 5 } }
}

/**
 * Round-robin rounds over every project; at least 2 even at a small BENCH_SCALE. BENCH_SUITE_ROUNDS sets
 * the count: a suite's time moves by ±5–10% between runs on a shared machine, so judging a 5% target needs
 * more rounds than a quick look (the paired figures below narrow with them).
 */
export const rounds = (scale, env = process.env) => {
  const asked = Number(env.BENCH_SUITE_ROUNDS)
  return Number.isInteger(asked) && asked > 0 ? asked : Math.max(2, Math.round(3 * scale))
}

export async function run({ scale }) {
  const SHAPES = shapes(scale)
  const root = mkdtempSync(join(tmpdir(), 'standin-bench-suite-'))
  try {
    linkModules(root)
    const projects = []
    for (const runner of RUNNERS) {
      for (const variant of VARIANTS) {
        for (const [shape, size] of Object.entries(SHAPES)) {
          const dir = join(root, `${runner}-${variant}-${shape}`)
          const { tests } = generateProject({ dir, runner, variant, ...size })
          projects.push({
            runner,
            variant,
            shape,
            dir,
            expectedTests: tests,
            wallMs: [],
            cpuMs: [],
            testMs: [],
          })
        }
      }
    }
    // One untimed run of each small project: fills the file cache and Vite's caches (the large projects
    // load the same modules), and checks every variant passes before anything is timed.
    for (const p of projects) if (p.shape === 'small') await runProject(p)
    const n = rounds(scale)
    for (let round = 0; round < n; round++) {
      // Round-robin, reversed every other round, so drift and position hit every project alike.
      const order = round % 2 === 0 ? projects : [...projects].reverse()
      for (const p of order) {
        const { wallMs, cpuMs, testMs } = await runProject(p)
        p.wallMs.push(wallMs)
        p.cpuMs.push(cpuMs)
        if (p.shape === 'full') p.testMs.push(...testMs)
      }
    }
    const runners = {}
    for (const runner of RUNNERS) {
      const variants = {}
      for (const variant of VARIANTS) {
        const of = (shape) =>
          projects.find((p) => p.runner === runner && p.variant === variant && p.shape === shape)
        variants[variant] = {
          fullMs: median(of('full').wallMs),
          smallMs: median(of('small').wallMs),
          testMedianMs: median(of('full').testMs),
          fullCpuMs: median(of('full').cpuMs),
          smallCpuMs: median(of('small').cpuMs),
          runs: { full: of('full').wallMs, small: of('small').wallMs },
          cpuRuns: { full: of('full').cpuMs, small: of('small').cpuMs },
        }
      }
      runners[runner] = {
        variants,
        vsFloor: overhead(variants, 'floor', SHAPES),
        vsNone: overhead(variants, 'none', SHAPES),
      }
    }
    return { rounds: n, shapes: SHAPES, workers: 2, runners }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

/** standin's extra time over the `base` variant, whole and split per test, per file and per run. */
export function overhead(variants, base, { full, small }) {
  const s = variants.standin
  const b = variants[base]
  const fullMs = s.fullMs - b.fullMs
  const smallMs = s.smallMs - b.smallMs
  const perFileMs = (fullMs - smallMs) / (full.files - small.files)
  const perTestReportedMs = s.testMedianMs - b.testMedianMs
  return {
    fullMs,
    fraction: fullMs / b.fullMs,
    perTestMs: fullMs / (full.files * full.tests),
    perFileMs,
    perTestReportedMs,
    // A file's cost minus its tests' (as the runner times them): starting the file's worker mock.
    perStartMs: perFileMs - full.tests * perTestReportedMs,
    tests: full.files * full.tests,
    fixedMs: smallMs - small.files * perFileMs,
    // The same comparison by CPU time of the runner and its workers (less sensitive to a busy machine).
    cpuMs: s.fullCpuMs - b.fullCpuMs,
    cpuFraction: (s.fullCpuMs - b.fullCpuMs) / b.fullCpuMs,
    ...paired(s, b),
  }
}

/**
 * standin's extra time as a fraction of the base's, round by round (the two runs of a round are minutes
 * apart at most, so a machine that slows down for a while slows both): the median and the spread of those
 * fractions, by wall and by CPU time. With two rounds the median equals the plain one's; with more it
 * drops a round the machine disturbed.
 */
export function paired(s, b) {
  const fractions = (a, c) => (a ?? []).map((value, i) => value / c[i] - 1).filter(Number.isFinite)
  const wall = fractions(s.runs?.full, b.runs?.full ?? [])
  const cpu = fractions(s.cpuRuns?.full, b.cpuRuns?.full ?? [])
  return { pairedFraction: middle(wall), pairedCpuFraction: middle(cpu), roundFractions: wall }
}

/**
 * The median, with an even count the mean of the two middle values: the bench's `median` takes the lower
 * one, which would judge a target on the better of two rounds.
 */
function middle(values) {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const half = sorted.length >> 1
  return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2
}

const pct = (fraction) =>
  Number.isFinite(fraction) ? `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%` : '—'
const spread = (fractions) =>
  fractions.length ? `${pct(Math.min(...fractions))}…${pct(Math.max(...fractions))}` : '—'
const signedMs = (value) => (Number.isFinite(value) ? `${value >= 0 ? '+' : '−'}${ms(Math.abs(value))}` : '—')

export function render(data) {
  const { full, small } = data.shapes
  const rows = []
  for (const [runner, r] of Object.entries(data.runners)) {
    for (const [variant, v] of Object.entries(r.variants)) {
      rows.push([
        runner,
        variant,
        ms(v.fullMs),
        ms(v.smallMs),
        ms(v.fullCpuMs),
        ms(v.smallCpuMs),
        ms(v.testMedianMs),
      ])
    }
  }
  const times = table(
    `Suite: ${full.files} files × ${full.tests} tests on ${data.workers} workers, whole run by the CLI (median of ${data.rounds}; lower is better)`,
    [
      'runner',
      'variant',
      `${full.files} files`,
      `${small.files} files`,
      `CPU ${full.files} files`,
      `CPU ${small.files} files`,
      'test (runner)',
    ],
    rows,
    [
      'standin: the integration as in the README, two fixtures and one openai SDK request per test, asserted.',
      'floor: the same request to a bare node:http server started the same way; none: no mock, no request.',
      'CPU: user + system time of the runner and all its workers. "test (runner)": median duration of one',
      'test as the runner reports it.',
    ],
  )
  const costs = []
  for (const [runner, r] of Object.entries(data.runners)) {
    for (const [base, o] of [
      ['floor', r.vsFloor],
      ['none', r.vsNone],
    ]) {
      costs.push([
        runner,
        `vs ${base}`,
        signedMs(o.fullMs),
        pct(o.fraction),
        signedMs(o.perTestMs),
        signedMs(o.perFileMs),
        signedMs(o.perTestReportedMs),
        signedMs(o.perStartMs),
        signedMs(o.fixedMs),
        pct(o.cpuFraction),
        `${pct(o.pairedFraction)} (${spread(o.roundFractions)})`,
      ])
    }
  }
  const split = table(
    "Suite: standin's extra time (target: under 5% of the suite's time)",
    [
      'runner',
      'base',
      'suite',
      '% of suite',
      'per test',
      'per file',
      'per test (runner)',
      'per start',
      'per run',
      '% of CPU',
      'paired % (rounds)',
    ],
    costs,
    [
      `per test: the suite's extra time / ${full.files * full.tests} tests. per file: (extra at ${full.files} files − extra at ${small.files}) / ${full.files - small.files}.`,
      'per start: per file − 5 × per test (runner); per run: extra at 2 files − 2 × per file. Both derived, so noisier.',
      "vs floor is standin's own cost; vs none adds what any HTTP mock costs (SDK import, a server per file, a round trip).",
      "paired: the median of the rounds' own fractions (each round's standin run over its base run), and their range:",
      'a range wider than the target says the run cannot judge it (BENCH_SUITE_ROUNDS=N runs more rounds).',
    ],
  )
  return `${times}\n${split}`
}
