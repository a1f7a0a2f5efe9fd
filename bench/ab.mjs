/**
 * A/B of two standin builds under the same load, alternating, by server CPU per request (steadier than
 * req/s on a shared machine). Not part of `npm run bench`:
 *
 *   node bench/ab.mjs path/to/a/index.mjs path/to/b/index.mjs [connections=32] [rounds=3] [seconds=3]
 */
import { helloBody } from './fixtures.mjs'
import { loadWithCpu, startServer } from './lib/procs.mjs'
import { median } from './lib/stats.mjs'
import { CHAT_PATH, checkHello } from './cases/throughput.mjs'

const [a, b, connections = '32', rounds = '3', seconds = '3'] = process.argv.slice(2)
const builds = { a, b }
const servers = {}
for (const [name, path] of Object.entries(builds)) {
  servers[name] = await startServer('standin', { env: { BENCH_STANDIN: path } })
  await checkHello(servers[name])
}
const out = { a: [], b: [] }
for (const name of ['a', 'b'])
  await loadWithCpu(servers[name], {
    url: servers[name].url + CHAT_PATH,
    body: helloBody,
    connections: Number(connections),
    duration: 1,
  })
for (let r = 0; r < Number(rounds); r++) {
  for (const name of r % 2 ? ['b', 'a'] : ['a', 'b']) {
    const s = servers[name]
    const res = await loadWithCpu(s, {
      url: s.url + CHAT_PATH,
      body: helloBody,
      connections: Number(connections),
      duration: Number(seconds),
    })
    out[name].push(res)
  }
}
for (const name of ['a', 'b']) {
  const list = out[name]
  console.log(
    `${name}: ${builds[name]}: median ${median(list.map((r) => r.rps)).toFixed(0)} req/s, CPU/req ${median(list.map((r) => r.serverCpuUsPerReq)).toFixed(1)} µs (user ${median(list.map((r) => r.serverUserUsPerReq)).toFixed(1)} µs); all: ${list.map((r) => r.serverCpuUsPerReq.toFixed(0)).join(' ')}`,
  )
}
await Promise.all(Object.values(servers).map((s) => s.stop()))
