/**
 * Profiles a server child (standin by default) under load and prints its hotspots, mapped back to src/.
 * Not part of `npm run bench`; run it after `npm run build`:
 *
 *   node bench/profile.mjs                 non-streaming hello at c=32
 *   node bench/profile.mjs --stream        the 2,000-char SSE stream
 *   node bench/profile.mjs --fixtures=100000 --mix=plain   a request matching the last of N fixtures
 *   node bench/profile.mjs --server=floor  the same load on the floor (or aimock), for comparison
 *
 * The .cpuprofile is written to bench/results/profiles/ (open it in Chrome DevTools for the flame chart).
 */
import { mkdirSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { helloBody, requestFor, streamBody, targetIndex } from './fixtures.mjs'
import { summarise } from './lib/cpuprofile.mjs'
import { load, startServer } from './lib/procs.mjs'

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=')
    return [k, v ?? true]
  }),
)
const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '')
const dir = `${root}/bench/results/profiles/${Date.now()}`
mkdirSync(dir, { recursive: true })

const fixtures = Number(args.fixtures ?? 0)
const mix = args.mix ?? 'plain'
const body = args.stream
  ? streamBody
  : fixtures > 0
    ? JSON.stringify(requestFor(targetIndex(fixtures, mix, 'end'), mix))
    : helloBody
const name = args.server ?? 'standin'
const server = await startServer(name, {
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  env: fixtures > 0 ? { BENCH_FIXTURES: String(fixtures), BENCH_MIX: mix } : {},
})
const result = await load({
  url: `${server.url}/v1/chat/completions`,
  body,
  connections: Number(args.connections ?? 32),
  duration: Number(args.duration ?? 6),
})
await server.stop()
const file = `${dir}/${readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))}`
const summary = summarise(file, root)
const top = Number(args.top ?? 25)
const row = (e) =>
  `  ${e.pct.toFixed(1).padStart(5)}%  ${e.ms.toFixed(0).padStart(7)} ms  ${e.name}  ${e.where}`
console.log(
  `${name} under load: ${Math.round(result.rps)} req/s, p50 ${result.p50?.toFixed(3)} ms (profiling slows it down)`,
)
console.log(`profile: ${file} (${summary.totalMs.toFixed(0)} ms sampled)\n`)
console.log('Self time, top functions:')
for (const e of summary.self.slice(0, top)) console.log(row(e))
console.log('\nInclusive time, functions in src/:')
for (const e of summary.inclusive.filter((e) => e.where.startsWith('src/')).slice(0, top)) console.log(row(e))
