/**
 * Large fixture sets (issue 15): 100,000 plain fixtures registered and the server started, each server
 * kind in a fresh child process: the floor (the same objects kept in a list behind node:http), aimock `on()` and
 * its `loadFixtureFile()`, standin `mock.on()` and standin loading the same entries from a JSON file
 * (which validates every entry). Reports the time from the first registration to listening, RSS after
 * start and after a forced GC, and checks that a request for the last fixture gets its answer.
 * Kinds run round-robin, `reps` times each; medians are reported.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateFixtures } from '../fixtures.mjs'
import { runJson } from '../lib/procs.mjs'
import { median, ratio } from '../lib/stats.mjs'
import { mb, ms, num, table, x } from '../table.mjs'

export const KINDS = ['floor', 'aimock', 'aimock-file', 'standin', 'standin-file']

export async function run({ largeFixtures }) {
  const { count, reps } = largeFixtures
  const dir = mkdtempSync(join(tmpdir(), 'standin-bench-'))
  const file = join(dir, 'fixtures.json')
  writeFileSync(file, JSON.stringify({ fixtures: generateFixtures(count, 'plain') }))
  const runs = Object.fromEntries(KINDS.map((k) => [k, []]))
  try {
    for (let r = 0; r < reps; r++) {
      for (const kind of KINDS) {
        const args = [kind, String(count), ...(kind.endsWith('-file') ? [file] : [])]
        const result = await runJson('workers/large-fixtures.mjs', args, { nodeArgs: ['--expose-gc'] })
        if (!result.ok)
          throw new Error(`${kind}: the last fixture answered ${JSON.stringify(result.answered)}`)
        runs[kind].push(result)
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const servers = {}
  for (const [kind, list] of Object.entries(runs)) {
    servers[kind] = {
      loadMs: median(list.map((r) => r.loadMs)),
      loadCpuMs: median(list.map((r) => r.loadCpuMs)),
      rss: median(list.map((r) => r.rss)),
      rssAfterGc: median(list.map((r) => r.rssAfterGc)),
      heapAfterGc: median(list.map((r) => r.heapAfterGc)),
      firstRequestMs: median(list.map((r) => r.firstRequestMs)),
      rssAfterRequestGc: median(list.map((r) => r.rssAfterRequestGc)),
      secondRequestMs: median(list.map((r) => r.secondRequestMs)),
      runs: list,
    }
  }
  return { count, reps, servers }
}

export function render(data) {
  const s = data.servers
  const vs = (kind) => (kind.endsWith('-file') ? 'aimock-file' : 'aimock')
  const rows = KINDS.map((kind) => [
    kind,
    ms(s[kind].loadMs),
    x(ratio(s[kind].loadMs, s[vs(kind)].loadMs)),
    x(ratio(s[kind].loadMs, s.floor.loadMs)),
    ms(s[kind].loadCpuMs),
    x(ratio(s[kind].loadCpuMs, s[vs(kind)].loadCpuMs)),
    mb(s[kind].rss),
    mb(s[kind].rssAfterGc),
    x(ratio(s[kind].rssAfterGc, s[vs(kind)].rssAfterGc)),
    mb(s[kind].heapAfterGc),
    ms(s[kind].firstRequestMs),
    mb(s[kind].rssAfterRequestGc),
    ms(s[kind].secondRequestMs),
  ])
  return table(
    `Large fixture sets: ${num(data.count)} fixtures registered + started, fresh process each (median of ${data.reps})`,
    [
      'server',
      'register + start',
      'vs aimock',
      'vs floor',
      'CPU',
      'vs aimock',
      'RSS',
      'RSS after GC',
      'vs aimock',
      'heap after GC',
      '1st request',
      'RSS after it + GC',
      '2nd request',
    ],
    rows,
    [
      '"register + start" = first registration to listening; the fixture objects (or the JSON file) exist before the clock starts;',
      '"CPU" = the process\'s CPU time over the same span (GC threads included), steadier than wall time on a busy machine.',
      'floor = the same objects in a list behind node:http; *-file = the same entries from one JSON file (standin validates each);',
      'file kinds are compared with aimock-file, the others with aimock; "1st request" = c=1 request for the last fixture (standin fills its',
      'match index then, so it belongs with the load), "RSS after it + GC" = RSS after that request and a GC; "2nd request" = the same again.',
    ],
  )
}

/** Summary rows: load time within 1.5x aimock's and RSS within 1.3x. */
export function targets(data) {
  const s = data.servers
  const out = []
  for (const [kind, peer] of [
    ['standin', 'aimock'],
    ['standin-file', 'aimock-file'],
  ]) {
    const t = ratio(s[kind].loadMs, s[peer].loadMs)
    const m = ratio(s[kind].rssAfterGc, s[peer].rssAfterGc)
    const how = kind === 'standin' ? 'mock.on()' : 'a fixture file'
    out.push({
      target: `${num(data.count)} fixtures via ${how} + start ≤ 1.5x aimock`,
      measured: `${ms(s[kind].loadMs)} = ${x(t)} ${peer} (by CPU: ${x(ratio(s[kind].loadCpuMs, s[peer].loadCpuMs))}; ${x(ratio(s[kind].loadMs, s.floor.loadMs))} floor)`,
      met: t <= 1.5,
    })
    out.push({
      target: `RSS with ${num(data.count)} fixtures via ${how} ≤ 1.3x aimock`,
      measured: `${mb(s[kind].rssAfterGc)} after GC = ${x(m)} ${peer} (${x(ratio(s[kind].rssAfterGc, s.floor.rssAfterGc))} floor)`,
      met: m <= 1.3,
    })
  }
  return out
}
