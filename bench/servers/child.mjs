/**
 * The glue every server child shares: announce readiness on stdout, answer the orchestrator's IPC
 * messages (memory stats after a forced GC, exit), exit when the parent goes away.
 */

import { performance } from 'node:perf_hooks'

/** Prints `READY {"url","readyMs"}`; readyMs is the time since this process started. */
export function ready(url) {
  process.stdout.write(`READY ${JSON.stringify({ url, readyMs: performance.now() })}\n`)
}

/**
 * `stats` answers memory (after a forced GC unless `gc: false`), CPU time used so far and the journal size.
 * @param {{ journal?: () => number, stop: () => Promise<void> | void }} server
 */
export function control(server) {
  if (!process.send) return
  process.on('message', async (message) => {
    if (message?.cmd === 'stats') {
      if (message.gc !== false && globalThis.gc) {
        globalThis.gc()
        globalThis.gc()
      }
      const memory = process.memoryUsage()
      const cpu = process.cpuUsage()
      process.send({
        id: message.id,
        cpuUs: cpu.user + cpu.system,
        cpuUserUs: cpu.user,
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        external: memory.external,
        journal: server.journal?.() ?? null,
      })
    } else if (message?.cmd === 'exit') {
      await server.stop()
      process.exit(0)
    }
  })
  process.on('disconnect', () => process.exit(0))
}

/** Fixture count and mix from the environment (the matching case starts servers with many fixtures). */
export function fixtureConfig() {
  return { count: Number(process.env.BENCH_FIXTURES ?? 0), mix: process.env.BENCH_MIX ?? 'plain' }
}
