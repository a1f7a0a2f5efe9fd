/**
 * Memory under sustained traffic: 100,000 non-streaming requests over the port (c=32), RSS and heap
 * sampled after a forced GC at 25k / 50k / 75k / 100k. With the default journal cap (1,000 entries for
 * both products) memory should stop growing once the cap is reached.
 */
import { helloBody } from '../fixtures.mjs'
import { load, SERVERS, startServer } from '../lib/procs.mjs'
import { mb, num, table } from '../table.mjs'
import { CHAT_PATH, checkHello } from './throughput.mjs'

/** Growth from the first sample at or past the cap to the last one, as a fraction. */
export function growthAfterCap(samples, key) {
  const first = samples.find((s) => s.requests > 0 && s.requests >= 25_000) ?? samples[1]
  const last = samples[samples.length - 1]
  return (last[key] - first[key]) / first[key]
}

export async function run({ memory }) {
  const result = {}
  for (const name of SERVERS) {
    const server = await startServer(name, { nodeArgs: ['--expose-gc'] })
    try {
      await checkHello(server)
      const url = server.url + CHAT_PATH
      const samples = [{ requests: 0, ...(await server.stats()) }]
      let requests = 0
      for (let round = 0; round < memory.rounds; round++) {
        const r = await load({
          url,
          body: helloBody,
          connections: memory.connections,
          amount: memory.perRound,
        })
        requests += r.ok
        samples.push({ requests, ...(await server.stats()) })
      }
      result[name] = {
        samples,
        rssGrowth: growthAfterCap(samples, 'rss'),
        heapGrowth: growthAfterCap(samples, 'heapUsed'),
      }
    } finally {
      await server.stop()
    }
  }
  return { ...memory, servers: result }
}

export function render(data) {
  const names = Object.keys(data.servers)
  const counts = data.servers[names[0]].samples.map((s) => s.requests)
  const rows = []
  for (const name of names) {
    const r = data.servers[name]
    const journal = r.samples[r.samples.length - 1].journal
    rows.push([
      `${name} RSS`,
      ...r.samples.map((s) => mb(s.rss)),
      pct(r.rssGrowth),
      journal === null ? 'none' : num(journal),
    ])
    rows.push([`${name} heap used`, ...r.samples.map((s) => mb(s.heapUsed)), pct(r.heapGrowth), ''])
  }
  return table(
    `Memory over ${num(data.rounds * data.perRound)} requests (c=${data.connections}, over the port; sampled after a forced GC)`,
    [
      'server',
      ...counts.map((c) => (c === 0 ? 'start' : `${num(c / 1000)}k`)),
      `${num(counts[1] / 1000)}k → ${num(counts[counts.length - 1] / 1000)}k`,
      'journal',
    ],
    rows,
    ['"journal" = entries held at the end (both default to a cap of 1,000).'],
  )
}

function pct(fraction) {
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`
}
