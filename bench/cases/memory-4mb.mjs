/* global fetch, AbortSignal */
/**
 * Memory under 4 MB prompts (issue 9, item 2): K non-streaming chat requests, one at a time, each with a
 * distinct ~4 MB user message matched by a short marker. The server's RSS and heap are sampled after a
 * forced GC after the warm-up and every K/8 requests; its peak RSS is read from /proc after every
 * request. A journal capped by entries but not bytes keeps every prompt, so memory grows with each
 * request until the server dies; with a byte budget it stops growing once the budget is reached (the
 * "2nd half" figure assumes the budget fills within the first half: 200 prompts, 800 MB, at scale 1; 50
 * at BENCH_SCALE=0.25). A server that dies is reported ("crashed at request N"), not thrown.
 */
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { BIG_PROMPT_REPLY, bigPromptBody } from '../fixtures.mjs'
import { SERVERS, startServer } from '../lib/procs.mjs'
import { mb, num, table } from '../table.mjs'
import { CHAT_PATH, checkHello } from './throughput.mjs'

/** One prompt; true when the server gave the fixture's answer. Throws on a network error or timeout. */
async function send(server, body, timeoutS) {
  const res = await fetch(server.url + CHAT_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(timeoutS * 1000),
  })
  const json = await res.json().catch(() => null)
  return res.status === 200 && json?.choices?.[0]?.message?.content === BIG_PROMPT_REPLY
}

/** Waits a little for a server whose request just failed: a dying process may take a moment to exit. */
async function exited(server, waitMs = 5_000) {
  for (let t = 0; t < waitMs && server.alive(); t += 100) await sleep(100)
  return server.exit()
}

async function feed(server, { prompts, warmup, samples: sampleCount, timeoutS }, prompt) {
  const every = Math.max(1, Math.round(prompts / sampleCount))
  const total = warmup + prompts
  const samples = []
  let peakRss = 0
  let ok = 0
  let wrong = 0
  let errors = 0
  let crash = null
  const started = performance.now()
  for (let i = 1; i <= total && !crash; i++) {
    prompt.stamp(i)
    try {
      if (await send(server, prompt.buffer, timeoutS)) ok++
      else wrong++
    } catch (error) {
      const exit = await exited(server)
      if (exit) crash = { request: i, ...exit }
      else errors++
      if (!exit && errors >= 3) crash = { request: i, code: null, signal: null, reason: String(error) }
    }
    peakRss = Math.max(peakRss, server.memory()?.rss ?? 0)
    const measured = i - warmup
    if (!crash && measured >= 0 && (measured % every === 0 || i === total)) {
      const s = await server.stats().catch(() => null)
      if (s) samples.push({ requests: measured, rss: s.rss, heapUsed: s.heapUsed, journal: s.journal })
    }
  }
  peakRss = Math.max(peakRss, server.memory()?.peakRss ?? 0)
  return {
    sent: crash ? crash.request : total,
    ok,
    wrong,
    errors,
    crash,
    peakRss,
    samples,
    seconds: (performance.now() - started) / 1000,
    ...growth(samples),
  }
}

/**
 * Growth per measured request from the first sample to the last, and the late growth (from the sample at
 * or past halfway to the last, as a fraction): near zero once a bounded journal is full.
 */
export function growth(samples) {
  const first = samples[0]
  const last = samples[samples.length - 1]
  if (!first || last === first) return { rssPerRequest: NaN, heapPerRequest: NaN, lateHeapGrowth: NaN }
  const half = samples.find((s) => s.requests >= last.requests / 2) ?? first
  const n = last.requests - first.requests
  return {
    rssPerRequest: (last.rss - first.rss) / n,
    heapPerRequest: (last.heapUsed - first.heapUsed) / n,
    lateHeapGrowth: half === last ? NaN : (last.heapUsed - half.heapUsed) / half.heapUsed,
    lateRssGrowth: half === last ? NaN : (last.rss - half.rss) / half.rss,
  }
}

export async function run({ memory4mb }) {
  const prompt = bigPromptBody(memory4mb.promptBytes)
  const servers = {}
  for (const name of SERVERS) {
    const server = await startServer(name, { env: { BENCH_LARGE: '1' } })
    try {
      await checkHello(server)
      servers[name] = await feed(server, memory4mb, prompt)
    } finally {
      await server.stop()
    }
  }
  return { ...memory4mb, bodyBytes: prompt.buffer.length, servers }
}

const perRequest = (bytes) => (Number.isFinite(bytes) ? `${num(bytes / 1024)} KB` : '—')
const signed = (fraction) =>
  Number.isFinite(fraction) ? `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%` : '—'

export function render(data) {
  const total = data.warmup + data.prompts
  const rows = Object.entries(data.servers).map(([name, r]) => {
    const first = r.samples[0]
    const last = r.samples[r.samples.length - 1]
    return [
      name,
      `${num(r.ok)} / ${num(total)}`,
      mb(first?.rss),
      mb(last?.rss),
      mb(r.peakRss),
      perRequest(r.rssPerRequest),
      perRequest(r.heapPerRequest),
      signed(r.lateHeapGrowth),
      last?.journal === null || last?.journal === undefined ? 'none' : num(last.journal),
      r.crash
        ? `crashed at request ${num(r.crash.request)}${r.crash.reason ? `: ${r.crash.reason.replace(/^FATAL ERROR: /, '').slice(0, 80)}` : ''}`
        : r.wrong + r.errors > 0
          ? `${r.wrong} wrong, ${r.errors} failed`
          : 'ok',
    ]
  })
  const series = Object.entries(data.servers).map(
    ([name, r]) =>
      `${name} RSS (MB) by request: ${r.samples.map((s) => `${s.requests}: ${(s.rss / 1048576).toFixed(0)}`).join(', ')}`,
  )
  return table(
    `Memory under ${num(data.prompts)} prompts of ${mb(data.promptBytes)} (${mb(data.bodyBytes)} bodies, one at a time, after ${data.warmup} warm-up; sampled after a forced GC)`,
    [
      'server',
      'answered',
      'RSS after warm-up',
      'RSS at end',
      'peak RSS',
      'RSS/request',
      'heap/request',
      'heap, 2nd half',
      'journal',
      'result',
    ],
    rows,
    [
      '"RSS at end" = the last sample (before a crash, if any); "peak RSS" = the highest RSS seen between requests',
      '(and /proc VmHWM); "heap, 2nd half" = heap used from the sample past halfway to the last: near 0 once a',
      'bounded journal is full. "journal" = entries held at the last sample.',
      ...series,
    ],
  )
}
