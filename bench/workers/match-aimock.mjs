/**
 * In-process matching cost for aimock. aimock has no in-process request handler, so this times its
 * exported `matchFixture(fixtures, request)` alone (a lower bound on its per-request cost). Large
 * fixture lists are slow to scan, so each configuration stops after a time budget; the number of calls
 * made is reported. Prints one JSON line.
 */
import { performance } from 'node:perf_hooks'
import { LLMock, matchFixture } from '@copilotkit/aimock'
import { generateFixtures, requestFor, targetIndex } from '../fixtures.mjs'
import { median, percentile } from '../lib/stats.mjs'

const { sizes, mixes, positions, budgetMs, minCalls } = JSON.parse(process.argv[2])

const out = []
for (const mix of mixes) {
  for (const n of sizes) {
    const mock = new LLMock({ port: 0, logLevel: 'silent' })
    const entries = generateFixtures(n, mix)
    const started = performance.now()
    for (const f of entries) mock.on(f.match, f.response)
    const loadMs = performance.now() - started
    const fixtures = mock.getFixtures()
    for (const position of positions) {
      const target = targetIndex(n, mix, position)
      const body = JSON.stringify(requestFor(target, mix))
      // Parse per call, as its server does before matching.
      const call = () => matchFixture(fixtures, JSON.parse(body))
      const hit = call()
      if (hit?.response?.content !== `answer ${target}`)
        throw new Error(`aimock ${mix}/${n}/${position}: wrong fixture`)
      // Batches sized to ~1 ms so the clock's resolution does not matter; warm-up first.
      const t0 = performance.now()
      call()
      const size = Math.max(1, Math.floor(1 / Math.max(performance.now() - t0, 1e-4)))
      const samples = []
      const until = performance.now() + budgetMs / 5
      while (performance.now() < until) for (let i = 0; i < size; i++) call()
      const end = performance.now() + budgetMs
      while (samples.length * size < minCalls || performance.now() < end) {
        const s = performance.now()
        for (let i = 0; i < size; i++) call()
        samples.push((performance.now() - s) / size)
      }
      out.push({
        mix,
        n,
        position,
        target,
        loadMs,
        calls: samples.length * size,
        medianMs: median(samples),
        p90Ms: percentile(samples, 90),
      })
    }
  }
}
console.log(JSON.stringify(out))
