/**
 * Child processes: server children (spawn, wait for READY, ask for stats, stop) and the load generator.
 * Every child is tracked so an interrupted run leaves nothing behind.
 */
import { performance } from 'node:perf_hooks'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { clearTimeout, setTimeout } from 'node:timers'
import { fileURLToPath } from 'node:url'

const BENCH = fileURLToPath(new URL('..', import.meta.url))
export const SERVERS = ['floor', 'standin', 'aimock']
const live = new Set()

function track(child) {
  live.add(child)
  child.once('exit', () => live.delete(child))
  return child
}

export function killAll() {
  for (const child of live) child.kill('SIGKILL')
}
process.once('exit', killAll)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAll()
    process.exit(130)
  })
}

/**
 * Spawns `servers/<name>.mjs` and resolves once it prints READY.
 * @returns {Promise<{ name, url, readyMs, spawnToReadyMs, child, stats(): Promise<object>, stop(): Promise<void> }>}
 */
export function startServer(name, { env = {}, nodeArgs = ['--expose-gc'] } = {}) {
  const started = performance.now()
  const child = track(
    spawn(process.execPath, [...nodeArgs, `${BENCH}servers/${name}.mjs`], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, ...env },
    }),
  )
  // Passed through, and the tail kept so a case can say why a server died ("FATAL ERROR: ...").
  let stderrTail = ''
  child.stderr.on('data', (data) => {
    process.stderr.write(data)
    stderrTail = (stderrTail + data).slice(-4096)
  })
  child.stderrTail = () => stderrTail
  return new Promise((resolve, reject) => {
    let buffered = ''
    const onExit = (code) => reject(new Error(`${name} server exited (${code}) before it was ready`))
    child.once('exit', onExit)
    child.stdout.on('data', (data) => {
      buffered += data
      const line = buffered.split('\n').find((l) => l.startsWith('READY '))
      if (!line) return
      child.stdout.removeAllListeners('data')
      child.stdout.resume()
      child.off('exit', onExit)
      const info = JSON.parse(line.slice(6))
      resolve(serverHandle(name, child, info, performance.now() - started))
    })
  })
}

function serverHandle(name, child, info, spawnToReadyMs) {
  let nextId = 1
  const alive = () => child.exitCode === null && child.signalCode === null
  return {
    name,
    url: info.url,
    readyMs: info.readyMs,
    spawnToReadyMs,
    child,
    alive,
    /** How the child ended, and the last line it printed that says why; null while it runs. */
    exit() {
      if (alive()) return null
      const lines = child.stderrTail().trim().split('\n')
      const reason = lines.find((l) => /FATAL ERROR|out of memory|Error:/i.test(l)) ?? lines.pop() ?? ''
      return { code: child.exitCode, signal: child.signalCode, reason: reason.trim() }
    },
    /**
     * Rejects, rather than waiting forever, when the child is gone or exits before it answers.
     * @param {{ gc?: boolean }} [options] gc defaults to true (needs --expose-gc)
     */
    stats({ gc = true } = {}) {
      const id = nextId++
      return new Promise((resolve, reject) => {
        const done = () => {
          child.off('message', onMessage)
          child.off('exit', onExit)
        }
        const onMessage = (message) => {
          if (message?.id !== id) return
          done()
          resolve(message)
        }
        const onExit = () => {
          done()
          reject(new Error(`${name} server exited (${child.signalCode ?? child.exitCode})`))
        }
        if (!alive()) return onExit()
        child.on('message', onMessage)
        child.once('exit', onExit)
        child.send({ cmd: 'stats', id, gc }, (error) => error && onExit())
      })
    },
    /** Resident memory now and its peak so far, read by the parent from /proc (null off Linux or once gone). */
    memory: () => procMemory(child.pid),
    stop() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
      return new Promise((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
        child.once('exit', () => {
          clearTimeout(timer)
          resolve()
        })
        child.send({ cmd: 'exit' })
      })
    },
  }
}

/**
 * VmRSS and VmHWM (the peak RSS since start) of a process, in bytes, from /proc/<pid>/status: costs the
 * child nothing and still works while it is stuck in a long GC.
 */
export function procMemory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (key) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN) * 1024
    return { rss: kb('VmRSS'), peakRss: kb('VmHWM') }
  } catch {
    return null
  }
}

/** Runs a node script as a child and resolves to the JSON it prints last on stdout. */
export function runJson(script, args = [], { nodeArgs = [] } = {}) {
  const child = track(
    spawn(process.execPath, [...nodeArgs, `${BENCH}${script}`, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  )
  let out = ''
  child.stdout.on('data', (data) => (out += data))
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const last = out.trim().split('\n').pop()
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`))
      try {
        resolve(JSON.parse(last))
      } catch {
        reject(new Error(`${script} printed no JSON result: ${out.slice(-500)}`))
      }
    })
  })
}

/**
 * Load from a separate process (autocannon in `load.mjs`).
 * @param {{ url: string, body: string, connections: number, duration?: number, amount?: number, warmup?: number }} options
 */
export function load(options) {
  return runJson('load.mjs', [JSON.stringify(options)])
}

/**
 * Load plus the server's own CPU time per 2xx response over the whole load run (warm-up included in
 * both counts). CPU per request depends less than req/s on what else the machine is running.
 */
export async function loadWithCpu(server, options) {
  const before = await server.stats({ gc: false })
  const result = await load(options)
  const after = await server.stats({ gc: false })
  const served = Math.max(1, result.ok + (result.warmupOk ?? 0))
  return {
    ...result,
    serverCpuUsPerReq: (after.cpuUs - before.cpuUs) / served,
    serverUserUsPerReq: (after.cpuUserUs - before.cpuUserUs) / served,
  }
}
