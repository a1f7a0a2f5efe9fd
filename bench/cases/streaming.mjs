/* global fetch */
/**
 * A 2,000-character answer streamed as SSE (stream:true; default chunk size 20 → ~100 content chunks).
 * Per-stream latency at concurrency 1, then the time to complete N streams at higher concurrency.
 * The floor writes an equivalent pre-built SSE body.
 */
import { STREAM_TEXT, streamBody } from '../fixtures.mjs'
import { load, loadWithCpu, SERVERS, startServer } from '../lib/procs.mjs'
import { ratio } from '../lib/stats.mjs'
import { mb, ms, num, table, us, x } from '../table.mjs'
import { CHAT_PATH } from './throughput.mjs'

/** Reads one stream and checks it reassembles to the fixture text. */
async function checkStream(server) {
  const res = await fetch(server.url + CHAT_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: streamBody,
  })
  const raw = await res.text()
  let text = ''
  let contentChunks = 0
  let frames = 0
  for (const line of raw.split('\n')) {
    if (!line.startsWith('data: ')) continue
    frames++
    const data = line.slice(6)
    if (data === '[DONE]') continue
    const delta = JSON.parse(data).choices?.[0]?.delta?.content
    if (delta) {
      text += delta
      contentChunks++
    }
  }
  if (res.status !== 200 || text !== STREAM_TEXT) {
    throw new Error(
      `${server.name} streamed ${res.status}, ${text.length} chars; expected the ${STREAM_TEXT.length}-char text`,
    )
  }
  return { contentChunks, frames, bytes: Buffer.byteLength(raw) }
}

export async function run({ streaming }) {
  const servers = []
  try {
    for (const name of SERVERS) servers.push(await startServer(name))
    const result = {}
    for (const server of servers) {
      const url = server.url + CHAT_PATH
      const shape = await checkStream(server)
      const single = await load({
        url,
        body: streamBody,
        connections: 1,
        warmup: streaming.warmup,
        duration: streaming.latencyDuration,
      })
      result[server.name] = { shape, single, batches: [] }
    }
    // Completing N streams: round-robin over the servers, median batch reported.
    for (let round = 0; round < streaming.rounds; round++) {
      for (const server of servers) {
        const batch = await loadWithCpu(server, {
          url: server.url + CHAT_PATH,
          body: streamBody,
          connections: streaming.concurrency,
          warmup: streaming.warmup,
          amount: streaming.streams,
        })
        result[server.name].batches.push(batch)
      }
    }
    for (const r of Object.values(result)) {
      const sorted = [...r.batches].sort((a, b) => a.seconds - b.seconds)
      r.batch = sorted[Math.floor((sorted.length - 1) / 2)]
    }
    return {
      chars: STREAM_TEXT.length,
      concurrency: streaming.concurrency,
      streams: streaming.streams,
      rounds: streaming.rounds,
      servers: result,
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
  }
}

export function render(data) {
  const s = data.servers
  const rows = Object.entries(s).map(([name, r]) => [
    name,
    `${r.shape.contentChunks} / ${num(r.shape.bytes)} B`,
    ms(r.single.p50),
    ms(r.single.p99),
    ms(r.batch.seconds * 1000),
    num(r.batch.rps),
    `${mb(r.batch.bytesPerSec)}/s`,
    us(r.batch.serverCpuUsPerReq / 1000),
    x(ratio(r.batch.rps, s.floor.batch.rps)),
    name === 'aimock' ? '' : x(ratio(r.batch.rps, s.aimock.batch.rps)),
    [r.single, ...r.batches].every((b) => b.non2xx + b.errors + b.timeouts === 0 && b.ok > 0)
      ? 'ok'
      : 'errors',
  ])
  const st = s.standin.batch.rps
  return table(
    `Streaming: ${num(data.chars)}-char answer over SSE (c=1 per-stream latency; then ${num(data.streams)} streams at c=${data.concurrency}, median of ${data.rounds} rounds)`,
    [
      'server',
      'chunks / body',
      'p50 (c=1)',
      'p99 (c=1)',
      `${num(data.streams)} streams`,
      'streams/s',
      'throughput',
      'CPU/stream',
      'vs floor',
      'vs aimock',
      'result',
    ],
    rows,
    [
      '"chunks / body" = frames carrying content / bytes of one response; the time for N streams includes autocannon reading',
      'every byte; "CPU/stream" = the server process\'s CPU time per stream.',
      `standin ${num(st)} streams/s = ${x(ratio(st, s.floor.batch.rps))} floor, ${x(ratio(st, s.aimock.batch.rps))} aimock`,
    ],
  )
}
