/**
 * The benchmark (`npm run bench`): floor, standin and aimock measured in one run on 127.0.0.1, each server
 * in its own child process, load from a separate autocannon process. Prints one table per case and a
 * summary against the targets, and writes bench/results/latest.json. Numbers are reported, never
 * asserted; the exit code is non-zero only when a server answered wrongly or a case crashed.
 *
 *   node bench/run.mjs [--only=cold-start,throughput,streaming,matching,memory,memory-4mb,large-stream,import,lifecycle,suite]
 *   BENCH_SCALE=0.25 node bench/run.mjs     shorter durations and counts, for a quick look
 */
import { performance } from 'node:perf_hooks'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import * as coldStart from './cases/cold-start.mjs'
import * as importCase from './cases/import.mjs'
import * as largeStream from './cases/large-stream.mjs'
import * as lifecycle from './cases/lifecycle.mjs'
import * as matching from './cases/matching.mjs'
import * as memory4mb from './cases/memory-4mb.mjs'
import * as memory from './cases/memory.mjs'
import * as streaming from './cases/streaming.mjs'
import * as suite from './cases/suite.mjs'
import * as throughput from './cases/throughput.mjs'
import { config } from './lib/config.mjs'
import * as summary from './summary.mjs'

const CASES = {
  'cold-start': coldStart,
  throughput,
  streaming,
  matching,
  memory,
  'memory-4mb': memory4mb,
  'large-stream': largeStream,
  import: importCase,
  lifecycle,
  suite,
}
const root = fileURLToPath(new URL('..', import.meta.url))
const version = (file) => JSON.parse(readFileSync(`${root}${file}`, 'utf8')).version

const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',')
const selected = Object.keys(CASES).filter((name) => !only || only.includes(name))
if (only && selected.length !== only.length) {
  console.error(`unknown case in --only; cases are: ${Object.keys(CASES).join(', ')}`)
  process.exit(2)
}

const started = performance.now()
const cpus = os.cpus()
const meta = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  cpu: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`,
  loadAverageAtStart: os.loadavg(),
  versions: {
    standin: version('package.json'),
    aimock: version('node_modules/@copilotkit/aimock/package.json'),
    autocannon: version('node_modules/autocannon/package.json'),
  },
  config,
}
console.log(`standin benchmark — ${meta.date}`)
console.log(`node ${meta.node}, ${meta.platform}, ${meta.cpu}`)
console.log(
  `standin ${meta.versions.standin} vs @copilotkit/aimock ${meta.versions.aimock}; load: autocannon ${meta.versions.autocannon}; scale ${config.scale}`,
)
const load1 = meta.loadAverageAtStart[0]
if (load1 > cpus.length * 0.5) {
  console.log(
    `note: load average ${load1.toFixed(1)} on ${cpus.length} cores at start; other processes compete, so absolute numbers are noisy (ratios are measured side by side)`,
  )
}

const results = { meta }
let failed = false
for (const name of selected) {
  const t0 = performance.now()
  try {
    const data = await CASES[name].run(config)
    data.elapsedS = (performance.now() - t0) / 1000
    results[name] = data
    console.log(CASES[name].render(data))
  } catch (error) {
    failed = true
    results[name] = { error: String(error?.stack ?? error) }
    console.log(`\n${name}: FAILED — ${error?.message ?? error}`)
  }
}

console.log(summary.render(results))
results.summary = summary.targets(results)
results.meta.elapsedS = (performance.now() - started) / 1000
mkdirSync(`${root}bench/results`, { recursive: true })
writeFileSync(`${root}bench/results/latest.json`, JSON.stringify(results, null, 2) + '\n')
console.log(`\nwhole run: ${results.meta.elapsedS.toFixed(0)} s; results: bench/results/latest.json`)
process.exit(failed ? 1 : 0)
