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
import { helloBody, requestFor, streamBody, targetIndex } from './fixtures.mjs'
import { printProfile, profileCli, readProfile } from './lib/cpuprofile.mjs'
import { load, startServer } from './lib/procs.mjs'

const { args, root, dir } = profileCli()

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
const { file, summary } = readProfile(dir, root)
const top = Number(args.top ?? 25)
console.log(
  `${name} under load: ${Math.round(result.rps)} req/s, p50 ${result.p50?.toFixed(3)} ms (profiling slows it down)`,
)
console.log(`profile: ${file} (${summary.totalMs.toFixed(0)} ms sampled)\n`)
printProfile(summary, top)
