/**
 * The load generator, always in its own process: autocannon against one URL, a warm-up run first, then
 * the measured run. Latencies are taken from autocannon's per-response event (fractional ms) because its
 * own histogram has 1 ms resolution, too coarse for a local mock. Prints one JSON line.
 *
 * Usage: node bench/load.mjs '{"url":"http://127.0.0.1:1234/v1/chat/completions","body":"{...}","connections":32,"duration":6,"warmup":2}'
 */
import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'

const options = JSON.parse(process.argv[2])

function run({ duration, amount, record }) {
  const latencies = []
  let ok = 0
  let lastAt = 0
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: options.body,
        connections: options.connections,
        pipelining: 1,
        ...(amount ? { amount } : { duration }),
        timeout: 30,
      },
      (error, result) => {
        if (error) return reject(error)
        // autocannon notices that `amount` is done on its 1 s tick; time to the last response instead.
        const elapsed = ((lastAt || performance.now()) - started) / 1000
        resolve({ result, latencies, ok, elapsed })
      },
    )
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status < 200 || status >= 300) return
      ok++
      lastAt = performance.now()
      if (record) latencies.push(responseTime)
    })
  })
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

const warmup = options.warmup ? await run({ duration: options.warmup, record: false }) : { ok: 0 }
const { result, latencies, ok, elapsed } = await run({
  duration: options.duration,
  amount: options.amount,
  record: true,
})
const sorted = Float64Array.from(latencies).sort()
const seconds = options.amount ? elapsed : result.duration
// Bytes per second from autocannon's total, over the same window.
console.log(
  JSON.stringify({
    connections: options.connections,
    ok,
    warmupOk: warmup.ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds,
    rps: ok / seconds,
    bytesPerSec: result.throughput.total / seconds,
    bytes: result.throughput.total,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
  }),
)
