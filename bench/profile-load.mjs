/**
 * Profiles registering N fixtures and starting (the large-fixtures case's worker under --cpu-prof) and
 * prints the top functions, mapped back to src/ when the bundle has a source map. Not part of
 * `npm run bench`; run it after `npm run build`:
 *
 *   node bench/profile-load.mjs                    standin, 100,000 fixtures via mock.on()
 *   node bench/profile-load.mjs --kind=standin-file --count=100000
 *   BENCH_STANDIN=/path/to/dist/index.mjs node bench/profile-load.mjs   another build (with a .map)
 */
import { writeFileSync } from 'node:fs'
import { generateFixtures } from './fixtures.mjs'
import { printProfile, profileCli, readProfile } from './lib/cpuprofile.mjs'
import { runJson } from './lib/procs.mjs'

const { args, root, dir } = profileCli()
const kind = args.kind ?? 'standin'
const count = Number(args.count ?? 100_000)
const extra = []
if (kind.endsWith('-file')) {
  const file = `${dir}/fixtures.json`
  writeFileSync(file, JSON.stringify({ fixtures: generateFixtures(count, 'plain') }))
  extra.push(file)
}
const result = await runJson('workers/large-fixtures.mjs', [kind, String(count), ...extra], {
  nodeArgs: ['--expose-gc', '--cpu-prof', `--cpu-prof-dir=${dir}`],
})
const { file, summary } = readProfile(dir, root)
const top = Number(args.top ?? 25)
console.log(
  `${kind}, ${count} fixtures: register + start ${result.loadMs.toFixed(0)} ms (profiling slows it down), RSS ${(result.rss / 2 ** 20).toFixed(1)} MB`,
)
console.log(`profile: ${file} (${summary.totalMs.toFixed(0)} ms sampled, whole process)\n`)
printProfile(summary, top)
