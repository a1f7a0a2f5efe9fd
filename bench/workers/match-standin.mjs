/* global Request */
/**
 * In-process matching cost for standin: per-request time of `mock.handle(new Request(...))` (body read
 * included) with N fixtures, the request hitting a fixture near the end of the list or in the middle.
 * Every configuration is built first, then measured in rounds (one batch of calls per configuration, each
 * about `batchMs` long, in a shuffled order), so JIT warm-up, GC and drift fall on all of them alike.
 * Prints one JSON line.
 */
import { performance } from 'node:perf_hooks'
import { createStandin } from '../../dist/index.mjs'
import { generateFixtures, requestFor, targetIndex } from '../fixtures.mjs'
import { median, percentile } from '../lib/stats.mjs'

const { sizes, mixes, positions, rounds, batchMs } = JSON.parse(process.argv[2])
const URL = 'http://standin.bench/v1/chat/completions'
const HEADERS = { 'content-type': 'application/json' }

const configs = []
for (const mix of mixes) {
  for (const n of sizes) {
    const mock = createStandin({ strict: false })
    const entries = generateFixtures(n, mix)
    const started = performance.now()
    mock.add(entries)
    const loadMs = performance.now() - started
    for (const position of positions) {
      const t = targetIndex(n, mix, position)
      configs.push({
        mix,
        n,
        position,
        target: t,
        loadMs,
        mock,
        body: JSON.stringify(requestFor(t, mix)),
        samples: [],
      })
    }
  }
}

const call = async (c) =>
  (await c.mock.handle(new Request(URL, { method: 'POST', headers: HEADERS, body: c.body }))).text()

for (const c of configs) {
  const json = JSON.parse(await call(c))
  const content = json.choices?.[0]?.message?.content
  if (content !== `answer ${c.target}`)
    throw new Error(`standin ${c.mix}/${c.n}/${c.position}: got ${JSON.stringify(json).slice(0, 200)}`)
}
// Warm-up, and a batch size per configuration so one batch takes about `batchMs` (from the fastest
// warm-up pass, so a GC pause during calibration does not shrink the batch).
for (const c of configs) c.fastest = Infinity
for (let r = 0; r < 4; r++) {
  for (const c of configs) {
    const started = performance.now()
    for (let i = 0; i < 20; i++) await call(c)
    c.fastest = Math.min(c.fastest, (performance.now() - started) / 20)
  }
}
for (const c of configs) c.batch = Math.max(1, Math.min(500, Math.round(batchMs / c.fastest)))

// A new order every round: a GC pause left behind by a heavy configuration must not always land on the
// one measured after it.
let state = 0x9e3779b9
/** mulberry32: a small seeded PRNG, so the orders are the same every run. */
const random = () => {
  state = (state + 0x6d2b79f5) | 0
  let t = Math.imul(state ^ (state >>> 15), 1 | state)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const shuffled = (list) => {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

for (let r = 0; r < rounds; r++) {
  for (const c of shuffled(configs)) {
    const started = performance.now()
    for (let i = 0; i < c.batch; i++) await call(c)
    c.samples.push((performance.now() - started) / c.batch)
  }
}

console.log(
  JSON.stringify(
    configs.map(({ mix, n, position, target, loadMs, samples, batch }) => ({
      mix,
      n,
      position,
      target,
      loadMs,
      calls: samples.length * batch,
      medianMs: median(samples),
      p90Ms: percentile(samples, 90),
    })),
  ),
)
