/**
 * A/B of two standin builds' lifecycle (issue 15: create/listen/stop, 8 at once, reset + 10 on(), a fresh
 * mock per test) by CPU per operation, each loop in its own process, the builds alternating (and the
 * node:http floor beside them where it has the case). Not part of `npm run bench`:
 *
 *   node bench/ab-lifecycle.mjs path/to/a/index.js path/to/b/index.js [rounds=2]
 *
 * `perTest` opens a new connection per test, and the sockets it closes stay in TIME_WAIT for a minute: with
 * thousands of them, whichever build runs later pays more for its connections (0.69× and 1.09× were read in
 * two runs of the same pair). So before each such run it waits, up to 70 s, until the kernel holds fewer
 * than 500 of them (Linux's /proc/net/sockstat; elsewhere it does not wait).
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { median } from './lib/stats.mjs'

// The builds as file URLs, so paths relative to the working directory work too.
const [a, b] = process.argv.slice(2, 4).map((path) => pathToFileURL(resolve(path)).href)
const rounds = process.argv[4] ?? '2'
const worker = fileURLToPath(new URL('./workers/lifecycle-cpu.mjs', import.meta.url))
const CASES = { start: 1500, parallel: 400, reset: 400_000, perTest: 1500 }
const runOnce = (build, which) =>
  JSON.parse(
    execFileSync(process.execPath, [worker, build, which, String(CASES[which])], { encoding: 'utf8' }),
  )

/** TCP sockets in TIME_WAIT (`tw` in /proc/net/sockstat), or undefined where that file is not. */
function timeWait() {
  try {
    const match = /^TCP:.*\btw (\d+)/m.exec(readFileSync('/proc/net/sockstat', 'utf8'))
    return match ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}

/** Waits until TIME_WAIT sockets fall under `limit`, or `maxMs` passed. */
async function settleTimeWait(limit = 500, maxMs = 70_000) {
  const until = Date.now() + maxMs
  for (let tw = timeWait(); tw !== undefined && tw >= limit && Date.now() < until; tw = timeWait())
    await sleep(1000)
}

console.log('µs CPU per operation (user / user+system), median of', rounds, 'rounds, alternating')
for (const which of Object.keys(CASES)) {
  const builds = { a, b, ...(which === 'start' || which === 'parallel' ? { floor: 'floor' } : {}) }
  const got = Object.fromEntries(Object.keys(builds).map((k) => [k, []]))
  for (let r = 0; r < Number(rounds); r++) {
    const order = r % 2 ? Object.keys(builds).reverse() : Object.keys(builds)
    for (const name of order) {
      if (which === 'perTest') await settleTimeWait()
      got[name].push(runOnce(builds[name], which))
    }
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
