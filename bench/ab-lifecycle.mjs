/**
 * A/B of two standin builds' lifecycle (issue 15: create/listen/stop, 8 at once, reset + 10 on(), a fresh
 * mock per test) by CPU per operation, each loop in its own process, the builds alternating (and the
 * node:http floor beside them where it has the case). Not part of `npm run bench`:
 *
 *   node bench/ab-lifecycle.mjs path/to/a/index.js path/to/b/index.js [rounds=2]
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { median } from './lib/stats.mjs'

const [a, b, rounds = '2'] = process.argv.slice(2)
const worker = fileURLToPath(new URL('./workers/lifecycle-cpu.mjs', import.meta.url))
const CASES = { start: 1500, parallel: 400, reset: 400_000, perTest: 1500 }
const runOnce = (build, which) =>
  JSON.parse(
    execFileSync(process.execPath, [worker, build, which, String(CASES[which])], { encoding: 'utf8' }),
  )

console.log('µs CPU per operation (user / user+system), median of', rounds, 'rounds, alternating')
for (const which of Object.keys(CASES)) {
  const builds = { a, b, ...(which === 'start' || which === 'parallel' ? { floor: 'floor' } : {}) }
  const got = Object.fromEntries(Object.keys(builds).map((k) => [k, []]))
  for (let r = 0; r < Number(rounds); r++) {
    const order = r % 2 ? Object.keys(builds).reverse() : Object.keys(builds)
    for (const name of order) got[name].push(runOnce(builds[name], which))
  }
  const cells = Object.entries(got).map(([name, runs]) => {
    const user = median(runs.map((x) => x.userUs))
    const total = median(runs.map((x) => x.userUs + x.systemUs))
    return `${name} ${user.toFixed(2)} / ${total.toFixed(2)}`
  })
  const ua = median(got.a.map((x) => x.userUs))
  const ub = median(got.b.map((x) => x.userUs))
  console.log(`${which.padEnd(9)} ${cells.join('   ')}   b/a user ${(ub / ua).toFixed(2)}`)
}
