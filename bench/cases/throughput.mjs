/* global fetch */
/**
 * Requests/s and latency of non-streaming POST /v1/chat/completions at concurrency 1 and 32, load from a
 * separate autocannon process. All three servers stay up; after a warm-up, measurement slices go
 * round-robin (floor, standin, aimock, floor, ...) so a noisy neighbour hurts every server alike, and the
 * median slice is reported.
 */
import { HELLO_TEXT, helloBody } from '../fixtures.mjs'
import { load, loadWithCpu, SERVERS, startServer } from '../lib/procs.mjs'
import { median, ratio } from '../lib/stats.mjs'
import { ms, num, table, us, x } from '../table.mjs'

export const CHAT_PATH = '/v1/chat/completions'

/** One real request first: a server that answers the wrong thing fast must not win. */
export async function checkHello(server) {
  const res = await fetch(server.url + CHAT_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: helloBody,
  })
  const json = await res.json()
  const content = json?.choices?.[0]?.message?.content
  if (res.status !== 200 || content !== HELLO_TEXT) {
    throw new Error(`${server.name} answered ${res.status} ${JSON.stringify(json).slice(0, 300)}`)
  }
}

export async function run({ throughput }) {
  const servers = []
  try {
    for (const name of SERVERS) servers.push(await startServer(name))
    for (const server of servers) await checkHello(server)
    const slices = {}
    for (const server of servers) slices[server.name] = {}
    for (const connections of throughput.concurrency) {
      const options = { body: helloBody, connections }
      for (const server of servers) {
        await load({ ...options, url: server.url + CHAT_PATH, duration: throughput.warmup })
        slices[server.name][connections] = []
      }
      for (let round = 0; round < throughput.rounds; round++) {
        for (const server of servers) {
          slices[server.name][connections].push(
            await loadWithCpu(server, {
              ...options,
              url: server.url + CHAT_PATH,
              duration: throughput.slice,
            }),
          )
        }
      }
    }
    const result = {}
    for (const [name, byConcurrency] of Object.entries(slices)) {
      result[name] = {}
      for (const [c, runs] of Object.entries(byConcurrency)) {
        const rps = runs.map((r) => r.rps)
        result[name][c] = {
          rps: median(rps),
          rpsMin: Math.min(...rps),
          rpsMax: Math.max(...rps),
          p50: median(runs.map((r) => r.p50)),
          p99: median(runs.map((r) => r.p99)),
          cpuUsPerReq: median(runs.map((r) => r.serverCpuUsPerReq)),
          userUsPerReq: median(runs.map((r) => r.serverUserUsPerReq)),
          failures: runs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
          slices: runs,
        }
      }
    }
    return { ...throughput, servers: result }
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
  }
}

export function render(data) {
  const rows = []
  for (const c of data.concurrency) {
    for (const name of Object.keys(data.servers)) {
      const r = data.servers[name][c]
      rows.push([
        name,
        String(c),
        num(r.rps),
        `${num(r.rpsMin)}–${num(r.rpsMax)}`,
        ms(r.p50),
        ms(r.p99),
        us(r.cpuUsPerReq / 1000),
        us(r.userUsPerReq / 1000),
        x(ratio(r.rps, data.servers.floor[c].rps)),
        name === 'aimock' ? '' : x(ratio(r.rps, data.servers.aimock[c].rps)),
        r.failures === 0 ? 'ok' : `${r.failures} failed`,
      ])
    }
  }
  const lines = data.concurrency.map((c) => {
    const s = data.servers.standin[c].rps
    return `c=${c}: standin ${num(s)} req/s = ${x(ratio(s, data.servers.floor[c].rps))} floor, ${x(ratio(s, data.servers.aimock[c].rps))} aimock`
  })
  return table(
    `Non-streaming chat completions: median of ${data.rounds} round-robin slices of ${data.slice} s after a ${data.warmup} s warm-up (autocannon in its own process)`,
    [
      'server',
      'conc',
      'req/s',
      'slices',
      'p50',
      'p99',
      'server CPU/req',
      'of it user',
      'vs floor',
      'vs aimock',
      'responses',
    ],
    rows,
    [
      '"slices" = slowest–fastest slice. "server CPU/req" = the server process\'s user+system CPU time per response',
      '(median slice), which depends less than req/s on other load on the machine; "of it user" = JavaScript and GC,',
      'the rest is kernel time (socket reads, writes and wake-ups).',
      ...lines,
    ],
  )
}
