/* global fetch, AbortSignal, TextDecoder */
/**
 * A 4 MB answer (issue 9, item 8), served unstreamed and streamed as SSE (stream:true, default chunk
 * size): the server's CPU time (process.cpuUsage over IPC, a forced GC after each request so the garbage
 * it leaves is counted) and the wall time until the client has read the last byte, several repetitions
 * round-robin. The target: streamed within 2x the unstreamed CPU. Then C such streams at once against a
 * fresh server, bounded in time: how many complete, whether the server survives, its peak RSS.
 */
import { performance } from 'node:perf_hooks'
import { clearInterval, setInterval } from 'node:timers'
import { largeReplyBody, largeReplyText } from '../fixtures.mjs'
import { SERVERS, startServer } from '../lib/procs.mjs'
import { median, ratio } from '../lib/stats.mjs'
import { mb, ms, num, table, x } from '../table.mjs'
import { CHAT_PATH, checkHello } from './throughput.mjs'

const DONE = 'data: [DONE]'

/** Posts the large-reply request and reads the body to its end; `keep` keeps the whole text. */
async function fetchLarge(server, { stream, timeoutS, keep = false }) {
  const res = await fetch(server.url + CHAT_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: largeReplyBody(stream),
    signal: AbortSignal.timeout(timeoutS * 1000),
  })
  const decoder = new TextDecoder()
  let bytes = 0
  let tail = ''
  const parts = []
  for await (const chunk of res.body) {
    bytes += chunk.byteLength
    const text = decoder.decode(chunk, { stream: true })
    if (keep) parts.push(text)
    tail = (tail + text).slice(-64)
  }
  return { status: res.status, bytes, tail, text: keep ? parts.join('') : '' }
}

/** One real answer each way first (also the warm-up): a server that answers the wrong thing must not win. */
async function checkLarge(server, timeoutS) {
  const expected = largeReplyText()
  const plain = await fetchLarge(server, { stream: false, timeoutS, keep: true })
  const content = JSON.parse(plain.text)?.choices?.[0]?.message?.content
  const streamed = await fetchLarge(server, { stream: true, timeoutS, keep: true })
  let text = ''
  let frames = 0
  for (const line of streamed.text.split('\n')) {
    if (!line.startsWith('data: ') || line === DONE) continue
    frames++
    text += JSON.parse(line.slice(6)).choices?.[0]?.delta?.content ?? ''
  }
  if (plain.status !== 200 || content !== expected || streamed.status !== 200 || text !== expected) {
    throw new Error(
      `${server.name} answered ${plain.status} with ${content?.length} chars, streamed ${streamed.status} with ${text.length}; expected ${expected.length}`,
    )
  }
  return { unstreamedBytes: plain.bytes, streamedBytes: streamed.bytes, frames }
}

/** One request, timed: server CPU (after a forced GC on both sides) and client wall time. */
async function timed(server, stream, timeoutS) {
  const before = await server.stats()
  const started = performance.now()
  const r = await fetchLarge(server, { stream, timeoutS })
  const wallMs = performance.now() - started
  const after = await server.stats()
  if (r.status !== 200) throw new Error(`${server.name} answered ${r.status}`)
  return { cpuMs: (after.cpuUs - before.cpuUs) / 1000, wallMs, bytes: r.bytes }
}

async function repetitions(servers, { reps, timeoutS }) {
  const result = {}
  for (const server of servers) {
    result[server.name] = { shape: await checkLarge(server, timeoutS), unstreamed: [], streamed: [] }
  }
  // Round-robin over servers and modes, so a noisy neighbour hurts every one alike.
  for (let rep = 0; rep < reps; rep++) {
    for (const server of servers) {
      const r = result[server.name]
      for (const mode of ['unstreamed', 'streamed']) {
        if (r.error) continue
        try {
          r[mode].push(await timed(server, mode === 'streamed', timeoutS))
        } catch (error) {
          r.error = `${mode}: ${error?.message ?? error}`
        }
      }
    }
  }
  for (const r of Object.values(result)) {
    for (const mode of ['unstreamed', 'streamed']) {
      r[`${mode}CpuMs`] = median(r[mode].map((t) => t.cpuMs))
      r[`${mode}WallMs`] = median(r[mode].map((t) => t.wallMs))
    }
    r.cpuRatio = ratio(r.streamedCpuMs, r.unstreamedCpuMs)
    r.wallRatio = ratio(r.streamedWallMs, r.unstreamedWallMs)
  }
  return result
}

/** C streams at once against a fresh server, bounded by timeoutS; RSS polled from /proc meanwhile. */
async function concurrent(name, { concurrency, timeoutS }) {
  const server = await startServer(name, { env: { BENCH_LARGE: '1' } })
  try {
    const base = server.memory()
    let peakRss = base?.rss ?? 0
    const poll = setInterval(() => (peakRss = Math.max(peakRss, server.memory()?.rss ?? 0)), 50)
    const started = performance.now()
    const outcomes = await Promise.allSettled(
      Array.from({ length: concurrency }, () => fetchLarge(server, { stream: true, timeoutS })),
    )
    const seconds = (performance.now() - started) / 1000
    clearInterval(poll)
    peakRss = Math.max(peakRss, server.memory()?.peakRss ?? 0)
    const completed = outcomes.filter(
      (o) => o.status === 'fulfilled' && o.value.status === 200 && o.value.tail.trimEnd().endsWith(DONE),
    ).length
    const firstError = outcomes.find((o) => o.status === 'rejected')?.reason
    let alive = server.alive()
    if (alive)
      alive = await checkHello(server).then(
        () => true,
        () => false,
      )
    return {
      completed,
      seconds,
      startRss: base?.rss ?? null,
      peakRss,
      survived: alive,
      exit: server.exit(),
      error: firstError ? String(firstError?.cause ?? firstError) : null,
    }
  } finally {
    await server.stop()
  }
}

export async function run({ largeStream }) {
  const servers = []
  let result
  try {
    for (const name of SERVERS) servers.push(await startServer(name, { env: { BENCH_LARGE: '1' } }))
    result = await repetitions(servers, largeStream)
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
  }
  for (const name of SERVERS) result[name].concurrent = await concurrent(name, largeStream)
  return { ...largeStream, bytes: largeReplyText().length, servers: result }
}

export function render(data) {
  const s = data.servers
  const rows = Object.entries(s).map(([name, r]) => [
    name,
    `${num(r.shape.frames)} / ${mb(r.shape.streamedBytes)}`,
    ms(r.unstreamedCpuMs),
    ms(r.streamedCpuMs),
    x(r.cpuRatio),
    ms(r.unstreamedWallMs),
    ms(r.streamedWallMs),
    x(r.wallRatio),
    x(ratio(r.streamedCpuMs, s.floor.streamedCpuMs)),
    r.error ? `error (${r.error.slice(0, 50)})` : 'ok',
  ])
  const c = data.concurrency
  const concurrentRows = Object.entries(s).map(([name, { concurrent: k }]) => [
    name,
    `${k.completed} / ${c}`,
    `${k.seconds.toFixed(1)} s`,
    mb(k.startRss),
    mb(k.peakRss),
    k.survived
      ? 'alive'
      : `died${k.exit ? `: ${k.exit.reason || k.exit.signal || k.exit.code}`.slice(0, 70) : ''}`,
  ])
  const st = s.standin
  return [
    table(
      `Large stream: a ${mb(data.bytes)} answer unstreamed vs streamed as SSE (median of ${data.reps}; CPU = the server's, wall = until the client read the last byte)`,
      [
        'server',
        'frames / SSE body',
        'CPU plain',
        'CPU streamed',
        'CPU ratio',
        'wall plain',
        'wall streamed',
        'wall ratio',
        'CPU vs floor',
        'result',
      ],
      rows,
      [
        '"ratio" = streamed / plain. CPU counts a forced GC after each request, so the garbage a request leaves',
        'behind is included; "CPU vs floor" = streamed CPU against the floor writing a pre-built SSE body. Target:',
        `streamed ≤ 2x plain CPU. standin: ${x(st.cpuRatio)} (wall ${x(st.wallRatio)}).`,
      ],
    ),
    table(
      `${c} streams of the ${mb(data.bytes)} answer at once, against a fresh server (bounded by ${data.timeoutS} s)`,
      ['server', 'completed', 'wall', 'RSS at start', 'peak RSS', 'server'],
      concurrentRows,
      ['"peak RSS" = polled every 50 ms from /proc, and VmHWM at the end.'],
    ),
  ].join('\n')
}
