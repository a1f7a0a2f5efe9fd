/**
 * Cold start: from spawning `node servers/<name>.mjs` to the child printing READY (import + fixtures +
 * listen done), for one process and for 8 started together (wall time until all 8 are ready).
 */
import { performance } from 'node:perf_hooks'
import { median, ratio } from '../lib/stats.mjs'
import { SERVERS, startServer } from '../lib/procs.mjs'
import { ms, table, x } from '../table.mjs'

async function one(name) {
  const server = await startServer(name, { nodeArgs: [] })
  server.child.kill('SIGKILL')
  return { spawnToReadyMs: server.spawnToReadyMs, readyMs: server.readyMs }
}

async function parallel(name, count) {
  const started = performance.now()
  const servers = await Promise.all(Array.from({ length: count }, () => startServer(name, { nodeArgs: [] })))
  const wallMs = performance.now() - started
  for (const s of servers) s.child.kill('SIGKILL')
  return wallMs
}

export async function run({ coldStart }) {
  for (const name of SERVERS) await one(name) // warm the file cache; not counted
  const single = Object.fromEntries(SERVERS.map((n) => [n, []]))
  const inChild = Object.fromEntries(SERVERS.map((n) => [n, []]))
  const par = Object.fromEntries(SERVERS.map((n) => [n, []]))
  // Round-robin so drift (thermal, cache) hits every server alike.
  for (let i = 0; i < coldStart.singleRuns; i++) {
    for (const name of SERVERS) {
      const r = await one(name)
      single[name].push(r.spawnToReadyMs)
      inChild[name].push(r.readyMs)
    }
  }
  for (let i = 0; i < coldStart.parallelRuns; i++) {
    for (const name of SERVERS) par[name].push(await parallel(name, coldStart.parallel))
  }
  const result = {}
  for (const name of SERVERS) {
    result[name] = {
      singleMs: median(single[name]),
      singleMinMs: Math.min(...single[name]),
      readyInChildMs: median(inChild[name]),
      parallelWallMs: median(par[name]),
      runs: { single: single[name], parallel: par[name] },
    }
  }
  return { parallel: coldStart.parallel, servers: result }
}

export function render(data) {
  const s = data.servers
  const rows = Object.entries(s).map(([name, r]) => [
    name,
    ms(r.singleMs),
    ms(r.singleMinMs),
    ms(r.readyInChildMs),
    ms(r.parallelWallMs),
    x(ratio(r.singleMs, s.floor.singleMs)),
    name === 'aimock' ? '' : x(ratio(r.singleMs, s.aimock.singleMs)),
    name === 'aimock' ? '' : x(ratio(r.parallelWallMs, s.aimock.parallelWallMs)),
  ])
  return table(
    'Cold start: spawn → import + fixture + listen done (median; lower is better)',
    [
      'server',
      '1 process',
      'min',
      'in-child',
      `${data.parallel} in parallel (wall)`,
      '1 vs floor',
      '1 vs aimock',
      `${data.parallel} vs aimock`,
    ],
    rows,
    [
      `"in-child" is performance.now() in the child at READY (time since its process started).`,
      `Ratios here are times: below 1.00x means faster.`,
    ],
  )
}
