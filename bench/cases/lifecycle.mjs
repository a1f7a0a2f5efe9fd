/**
 * Lifecycle (issue 15, "Start" and "Per test"): what a test pays per instance and per test, in process.
 * One child per server kind (bench/workers/lifecycle.mjs), so each pays its own lazy loading: the very first
 * instance in a fresh process; new → listening (median after warm-up); 8 instances started together;
 * reset + re-register 10 fixtures; a fresh instance per test (create, 10 fixtures, listen, 1 request,
 * stop); and, for standin, a session's creation and reset next to 1 vs 1,000 existing sessions.
 * The floor is node:http (createServer + listen(0) + close; its "reset" clears and refills an array of 10
 * objects); AIMock is LLMock.
 */
import { runJson, SERVERS } from '../lib/procs.mjs'
import { median, ratio } from '../lib/stats.mjs'
import { ms, table, us, x } from '../table.mjs'

const METRICS = ['firstMs', 'startMs', 'parallelMs', 'resetMs', 'resetOnlyMs', 'perTestMs']

export async function run({ lifecycle }) {
  const runs = Object.fromEntries(SERVERS.map((n) => [n, []]))
  // Round-robin children so drift hits every kind alike; each figure is the median over the children.
  for (let i = 0; i < lifecycle.children; i++) {
    for (const name of SERVERS)
      runs[name].push(await runJson('workers/lifecycle.mjs', [name, JSON.stringify(lifecycle)]))
  }
  const servers = {}
  for (const name of SERVERS) {
    const r = runs[name]
    servers[name] = Object.fromEntries(METRICS.map((m) => [m, median(r.map((o) => o[m]))]))
    if (r[0].sessions) {
      servers[name].sessions = Object.fromEntries(
        lifecycle.sessionCounts.map((k) => [
          k,
          {
            createMs: median(r.map((o) => o.sessions[k].createMs)),
            resetMs: median(r.map((o) => o.sessions[k].resetMs)),
          },
        ]),
      )
    }
  }
  return { parallel: lifecycle.parallel, sessionCounts: lifecycle.sessionCounts, servers }
}

export function render(data) {
  const s = data.servers
  const rows = [
    ['first instance in a fresh process', 'firstMs', ms],
    ['new → listening, one instance', 'startMs', ms],
    [`${data.parallel} instances started together`, 'parallelMs', ms],
    ['reset + re-register 10 fixtures', 'resetMs', us],
    ['  of which reset() alone', 'resetOnlyMs', us],
    ['fresh instance per test (10 fixtures, 1 request, stop)', 'perTestMs', ms],
  ].map(([label, key, fmt]) => [
    label,
    fmt(s.floor[key]),
    fmt(s.aimock[key]),
    fmt(s.standin[key]),
    x(ratio(s.standin[key], s.floor[key])),
    x(ratio(s.standin[key], s.aimock[key])),
  ])
  const [few, many] = data.sessionCounts
  const sess = s.standin.sessions
  if (sess) {
    for (const [label, key] of [
      ['session: create + 10 fixtures', 'createMs'],
      ['session: reset + 10 fixtures', 'resetMs'],
    ]) {
      rows.push([
        `${label} (${few} vs ${many} other sessions)`,
        '',
        '',
        `${us(sess[few][key])} / ${us(sess[many][key])}`,
        '',
        `${x(ratio(sess[many][key], sess[few][key]))} growth`,
      ])
    }
  }
  return table(
    'Lifecycle, in process (median; lower is better)',
    ['', 'floor', 'aimock', 'standin', 'vs floor', 'vs aimock'],
    rows,
    [
      'Floor: node:http createServer + listen(0) + close; its reset clears and refills an array of 10 objects.',
      'First instance: the time to the first listening server after the import (it pays lazy loading).',
      `Sessions: the same work next to ${few} and ${many} existing sessions of 10 fixtures each; growth ≈1.00x is O(own).`,
    ],
  )
}
