/**
 * Import (issue 15, "Import"): a fresh `node -e "import('<specifier>')"` from spawn to exit, for `standin`
 * and each runner subpath, against bare `node -e 0` and, where the subpath loads its runner's package, that
 * package alone (so the row shows standin's share); @copilotkit/aimock for reference. Round-robin, median.
 * Then a --cpu-prof of `import('standin')`: self time by package / bundled source module, top functions.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { summarise } from '../lib/cpuprofile.mjs'
import { median, ratio } from '../lib/stats.mjs'
import { ms, table } from '../table.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '')

/** [specifier, the runner package it loads (or null)]. */
export const SUBJECTS = [
  ['standin', null],
  ['standin/vitest', null],
  ['standin/vitest/setup', 'vitest'],
  ['standin/playwright', '@playwright/test'],
  ['standin/jest', null],
  ['standin/jest/environment', 'jest-environment-node'],
  ['standin/msw', 'msw'],
  ['standin/msw/node', 'msw/node'],
  ['@copilotkit/aimock', null],
]
// standin/vitest/setup throws outside a Vitest worker once everything is loaded (its first afterAll()):
// the error is caught, so the time is the import's.
const code = (specifier) => `import(${JSON.stringify(specifier)}).catch(() => {})`

function timeOnce(args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d) => (err += d))
    child.once('exit', (c) =>
      c === 0 ? resolve(performance.now() - t0) : reject(new Error(`${args.join(' ')}: exit ${c} ${err}`)),
    )
  })
}

/**
 * The subpath's import in a process that has already imported its runner package, as a test run has: wall
 * and CPU milliseconds of the second import alone. Two ~0.5 s processes (Playwright) differ by more than
 * standin's whole share from one spawn to the next on a shared machine; inside one process they do not.
 */
function timeAfterRunner(runner, specifier) {
  const script = `
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
import(${JSON.stringify(runner)}).catch(() => {}).then(async () => {
  const t0 = performance.now(), c0 = cpu()
  await import(${JSON.stringify(specifier)}).catch(() => {})
  process.stdout.write(JSON.stringify({ wall: performance.now() - t0, cpu: cpu() - c0 }))
})`
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.once('exit', (c) => {
      if (c !== 0) return reject(new Error(`${specifier} after ${runner}: exit ${c} ${err}`))
      try {
        resolve(JSON.parse(out))
      } catch {
        reject(new Error(`${specifier} after ${runner}: no figures (${out}${err})`))
      }
    })
  })
}

/** Self time of `import('standin')` grouped by package, node internals and the bundle's source modules. */
export function profileImport(specifier = 'standin') {
  const dir = mkdtempSync(join(tmpdir(), 'standin-import-prof-'))
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100', '-e', code(specifier)],
      {
        cwd: root,
        stdio: 'ignore',
      },
    )
    child.once('exit', () => {
      try {
        const file = join(
          dir,
          readdirSync(dir).find((f) => f.endsWith('.cpuprofile')),
        )
        resolve({ ...groupProfile(summarise(file, root)), evaluation: bundleEvaluation(file) })
      } catch (e) {
        reject(e)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })
}

/** The bundle names each inlined module with a `// src/...` comment: a line maps to the last one above it. */
const bundleIndex = new Map()
function moduleAt(file, line) {
  if (!bundleIndex.has(file)) {
    const marks = []
    try {
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .forEach((text, i) => {
          const m = /^\/\/ ((?:src|integrations)\/\S+)/.exec(text)
          if (m) marks.push([i + 1, m[1]])
        })
    } catch {
      // Not a bundle we can read: samples stay attributed to the file itself.
    }
    bundleIndex.set(file, marks)
  }
  let found = file
  for (const [at, name] of bundleIndex.get(file)) {
    if (at > line) break
    found = name
  }
  return found
}

function groupOf(where) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)
  if (pkg) return pkg[1]
  const dist = /^(dist\/\S+?):(\d+)$/.exec(where)
  if (dist) return `standin ${moduleAt(dist[1], Number(dist[2]))}`
  if (where.startsWith('node:')) {
    if (/modules|deps\/cjs-module-lexer/.test(where)) return 'node: module loading'
    return 'node: other internals'
  }
  return where ? where.replace(/:\d+$/, '') : '(vm: compile, gc, program)'
}

/**
 * The bundles' module-level code (the top-level function of each dist file): its inclusive time (what
 * evaluating the modules costs, zod schema building included) and its own line ticks mapped to source
 * modules.
 */
function bundleEvaluation(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'))
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const interval = profile.samples.length ? (profile.endTime - profile.startTime) / profile.samples.length : 0
  const tops = profile.nodes.filter(
    (n) => n.callFrame.url.includes('/dist/') && n.callFrame.lineNumber === 0 && !n.callFrame.functionName,
  )
  const selfHits = new Map()
  for (const id of profile.samples) selfHits.set(id, (selfHits.get(id) ?? 0) + 1)
  const inclusive = (n) =>
    (selfHits.get(n.id) ?? 0) + (n.children ?? []).reduce((a, c) => a + inclusive(byId.get(c)), 0)
  let totalHits = 0
  const lines = new Map()
  for (const n of tops) {
    totalHits += inclusive(n)
    const distFile = n.callFrame.url.replace(/^file:\/\//, '').replace(`${root}/`, '')
    for (const { line, ticks } of n.positionTicks ?? []) {
      const name = moduleAt(distFile, line)
      lines.set(name, (lines.get(name) ?? 0) + ticks)
    }
  }
  const top = [...lines]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([name, hits]) => ({ name, ms: (hits * interval) / 1000 }))
  return { inclusiveMs: (totalHits * interval) / 1000, topModules: top }
}

function groupProfile(summary) {
  const groups = new Map()
  for (const e of summary.self) groups.set(groupOf(e.where), (groups.get(groupOf(e.where)) ?? 0) + e.ms)
  const byGroup = [...groups]
    .map(([name, ms]) => ({ name, ms, pct: (100 * ms) / summary.totalMs }))
    .sort((a, b) => b.ms - a.ms)
  const top = summary.self.slice(0, 15).map((e) => ({ name: e.name, where: e.where, ms: e.ms, pct: e.pct }))
  return { totalMs: summary.totalMs, byGroup: byGroup.slice(0, 20), top }
}

export async function run({ importCase }) {
  const subjects = [['bare node -e 0', ['-e', '0']]]
  const seen = new Set()
  for (const [spec, runner] of SUBJECTS) {
    subjects.push([spec, ['-e', code(spec)]])
    if (runner && !seen.has(runner)) {
      seen.add(runner)
      subjects.push([runner, ['-e', code(runner)]])
    }
  }
  for (const [, args] of subjects) await timeOnce(args) // warm the file cache; not counted
  const times = Object.fromEntries(subjects.map(([name]) => [name, []]))
  for (let i = 0; i < importCase.runs; i++)
    for (const [name, args] of subjects) times[name].push(await timeOnce(args))
  const medians = Object.fromEntries(subjects.map(([name]) => [name, median(times[name])]))
  const afterRunner = {}
  for (const [spec, runner] of SUBJECTS) {
    if (!runner) continue
    const samples = []
    for (let i = 0; i < importCase.runs; i++) samples.push(await timeAfterRunner(runner, spec))
    afterRunner[spec] = {
      wall: median(samples.map((s) => s.wall)),
      cpu: median(samples.map((s) => s.cpu)),
    }
  }
  const profile = await profileImport('standin')
  return {
    medians,
    times,
    afterRunner,
    runners: Object.fromEntries(SUBJECTS),
    runs: importCase.runs,
    profile,
  }
}

/** standin's import cost over bare node, net of the runner package the subpath loads anyway. */
/** A difference in ms with its sign: a subpath can cost less than its runner package alone (e.g.
 * `standin/msw` loads MSW's light entries, `msw` its main one). */
export function signedMs(value) {
  return `${value < 0 ? '−' : '+'}${ms(Math.abs(value))}`
}

/**
 * standin's share: the median of the per-round differences between the subpath and its base (the runner
 * package alone, else bare node), timed next to each other in the same round. A paired median: for a
 * runner package of ~570 ms (Playwright), the difference of the two medians moves by +-50 ms with the
 * machine's load between rounds, more than standin's whole share. Results without the raw times (older
 * runs) give the difference of the medians.
 */
export function overBare(data, specifier) {
  const runner = data.runners[specifier]
  const baseName = runner ?? 'bare node -e 0'
  const own = data.times?.[specifier]
  const base = data.times?.[baseName]
  if (own && base && own.length === base.length && own.length > 0)
    return median(own.map((t, i) => t - base[i]))
  return data.medians[specifier] - data.medians[baseName]
}

export function render(data) {
  const bare = data.medians['bare node -e 0']
  const rows = [['bare node -e 0', ms(bare), '', '', '', '']]
  for (const spec of Object.keys(data.runners)) {
    const runner = data.runners[spec]
    rows.push([
      spec,
      ms(data.medians[spec]),
      runner ? `${runner}: ${ms(data.medians[runner])}` : '',
      signedMs(overBare(data, spec)),
      afterRunnerText(data, spec),
      `${ratio(data.medians[spec], bare).toFixed(2)}x`,
    ])
  }
  const out = [
    table(
      `Import in a fresh process (spawn → exit, median of ${data.runs}, round-robin; lower is better)`,
      [
        'import',
        'time',
        'runner package alone',
        "standin's share",
        'after the runner, in process',
        'vs bare node',
      ],
      rows,
      [
        "standin's share: the time over the runner package alone where the subpath loads one, else over bare node:",
        'the median of the differences within each round (the two imports timed next to each other).',
        'after the runner, in process: the subpath imported by a process that has imported its runner package,',
        'timed alone (wall / CPU, median): what the test run pays for standin once the runner is loaded.',
      ],
    ),
    renderProfile(data.profile),
  ]
  return out.join('\n')
}

/** `wall / CPU` of the subpath's import after its runner package, when measured. */
export function afterRunnerText(data, spec) {
  const after = data.afterRunner?.[spec]
  return after ? `+${ms(after.wall)} / ${ms(after.cpu)} CPU` : ''
}

export function renderProfile(p) {
  const line = (e) =>
    `  ${e.pct.toFixed(1).padStart(5)}%  ${e.ms.toFixed(1).padStart(6)} ms  ${e.name}${e.where ? `  ${e.where}` : ''}`
  return [
    `\nProfile of import('standin') (--cpu-prof, 0.1 ms sampling; ${p.totalMs.toFixed(0)} ms sampled, profiling slows it)`,
    '  Self time by package / bundled module:',
    ...p.byGroup.map(line),
    '  Top functions (self):',
    ...p.top.map(line),
    `  Evaluating the bundles' module-level code (inclusive of what it calls, e.g. zod): ${p.evaluation.inclusiveMs.toFixed(1)} ms; its own time by module:`,
    ...p.evaluation.topModules.map((e) => `  ${e.ms.toFixed(1).padStart(6)} ms  ${e.name}`),
  ].join('\n')
}
