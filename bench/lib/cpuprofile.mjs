/**
 * Summarises a V8 .cpuprofile: self and inclusive time per function, locations in dist/ mapped back to
 * src/ through the bundle's source map.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const maps = new Map()
function sourceMapFor(url) {
  if (!url.includes('/dist/')) return null
  if (!maps.has(url)) {
    try {
      const file = url.startsWith('file:') ? fileURLToPath(url) : url
      maps.set(url, {
        map: new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))),
        dir: path.dirname(file),
      })
    } catch {
      maps.set(url, null)
    }
  }
  return maps.get(url)
}

function locate(frame, root) {
  const { url, lineNumber, columnNumber, functionName } = frame
  const name = functionName || '(anonymous)'
  if (!url) return { name, where: '' }
  const mapped = sourceMapFor(url)
  if (mapped) {
    const entry = mapped.map.findEntry(lineNumber, columnNumber)
    if (entry?.originalSource) {
      const file = path.relative(
        root,
        path.resolve(mapped.dir, entry.originalSource.replace(/^file:\/\//, '')),
      )
      return {
        name: entry.name && !functionName ? entry.name : name,
        where: `${file}:${entry.originalLine + 1}`,
      }
    }
  }
  const shown = url.replace(/^file:\/\//, '').replace(`${root}/`, '')
  return { name, where: `${shown}:${lineNumber + 1}` }
}

/**
 * @param {string} file a .cpuprofile
 * @param {string} root the project root (paths are shown relative to it)
 * @returns {{ totalMs: number, self: { name, where, ms, pct }[], inclusive: { name, where, ms, pct }[] }}
 */
export function summarise(file, root) {
  const profile = JSON.parse(readFileSync(file, 'utf8'))
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const selfUs = new Map()
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0)
  const self = new Map()
  const inclusive = new Map()
  for (const [id, us] of selfUs) {
    const node = byId.get(id)
    const key = keyOf(node, root)
    add(self, key, us)
    // Inclusive: every distinct function on the stack once.
    const seen = new Set()
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = keyOf(byId.get(cur), root)
      if (seen.has(k.id)) continue
      seen.add(k.id)
      add(inclusive, k, us)
    }
  }
  const list = (m) =>
    [...m.values()]
      .sort((a, b) => b.us - a.us)
      .map((e) => ({ name: e.name, where: e.where, ms: e.us / 1000, pct: (100 * e.us) / total }))
  return { totalMs: total / 1000, self: list(self), inclusive: list(inclusive) }
}

function keyOf(node, root) {
  const { name, where } = locate(node.callFrame, root)
  return { id: `${name}@${where}`, name, where }
}

function add(map, key, us) {
  const entry = map.get(key.id)
  if (entry) entry.us += us
  else map.set(key.id, { name: key.name, where: key.where, us })
}

/** The command line of a profiling script: `--key=value` flags, the repository root, a fresh profile folder. */
export function profileCli() {
  const args = Object.fromEntries(
    process.argv.slice(2).map((a) => {
      const [k, v] = a.replace(/^--/, '').split('=')
      return [k, v ?? true]
    }),
  )
  const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '')
  const dir = `${root}/bench/results/profiles/${Date.now()}`
  mkdirSync(dir, { recursive: true })
  return { args, root, dir }
}

/** The profile a child wrote into `dir`, summarised. */
export function readProfile(dir, root) {
  const file = `${dir}/${readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))}`
  return { file, summary: summarise(file, root) }
}

/** Prints the top self-time functions, then the top inclusive ones in src/. */
export function printProfile(summary, top) {
  const row = (e) =>
    `  ${e.pct.toFixed(1).padStart(5)}%  ${e.ms.toFixed(0).padStart(7)} ms  ${e.name}  ${e.where}`
  console.log('Self time, top functions:')
  for (const e of summary.self.slice(0, top)) console.log(row(e))
  console.log('\nInclusive time, functions in src/:')
  for (const e of summary.inclusive.filter((e) => e.where.startsWith('src/')).slice(0, top))
    console.log(row(e))
}
