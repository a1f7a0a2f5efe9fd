/* global fetch */
/**
 * Matching cost as fixtures grow (10 / 1,000 / 10,000 / 100,000), the request hitting a fixture near the
 * end of the list (worst case for a first-match scan) or in the middle.
 * - In-process (no network noise): standin `handle(new Request(...))` per call; aimock has no in-process
 *   handler, so its exported `matchFixture()` is timed alone (a lower bound on its cost per request).
 * - Over the port: c=1 latency of the end-of-list request, each server in its own process.
 */
import { requestFor, targetIndex } from '../fixtures.mjs'
import { load, runJson, startServer } from '../lib/procs.mjs'
import { ratio } from '../lib/stats.mjs'
import { ms, num, table, us, x } from '../table.mjs'
import { CHAT_PATH } from './throughput.mjs'

export async function run({ matching }) {
  const { sizes, mixes, positions } = matching
  const standin = await runJson('workers/match-standin.mjs', [
    JSON.stringify({ sizes, mixes, positions, rounds: matching.rounds, batchMs: matching.batchMs }),
  ])
  const aimock = await runJson('workers/match-aimock.mjs', [
    JSON.stringify({
      sizes,
      mixes,
      positions,
      budgetMs: matching.aimockBudgetMs,
      minCalls: matching.minCalls,
    }),
  ])
  const overPort = []
  for (const n of sizes) {
    const body = JSON.stringify(requestFor(targetIndex(n, 'plain', 'end'), 'plain'))
    const row = { n }
    for (const name of ['standin', 'aimock']) {
      const server = await startServer(name, { env: { BENCH_FIXTURES: String(n), BENCH_MIX: 'plain' } })
      try {
        const res = await fetch(server.url + CHAT_PATH, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
        const content = (await res.json())?.choices?.[0]?.message?.content
        const expected = `answer ${targetIndex(n, 'plain', 'end')}`
        if (content !== expected)
          throw new Error(
            `${name} with ${n} fixtures answered ${JSON.stringify(content)}, expected ${expected}`,
          )
        const r = await load({ url: server.url + CHAT_PATH, body, connections: 1, ...matching.overPort })
        row[name] = {
          startupMs: server.readyMs,
          rps: r.rps,
          p50: r.p50,
          p99: r.p99,
          ok: r.ok,
          failures: r.non2xx + r.errors + r.timeouts,
        }
      } finally {
        await server.stop()
      }
    }
    overPort.push(row)
  }
  return { sizes, mixes, positions, aimockBudgetMs: matching.aimockBudgetMs, standin, aimock, overPort }
}

const find = (list, mix, n, position) =>
  list.find((r) => r.mix === mix && r.n === n && r.position === position)

/** handle() time with the most fixtures over the time with the fewest (the target: ≤ 1.10). */
export function growth(data, mix, position, list = data.standin) {
  const small = find(list, mix, data.sizes[0], position)
  const large = find(list, mix, data.sizes[data.sizes.length - 1], position)
  return ratio(large.medianMs, small.medianMs)
}

export function render(data) {
  const out = []
  for (const mix of data.mixes) {
    const rows = data.sizes.map((n) => {
      const s = data.positions.map((p) => find(data.standin, mix, n, p))
      const a = data.positions.map((p) => find(data.aimock, mix, n, p))
      const s0 = find(data.standin, mix, data.sizes[0], 'end')
      const a0 = find(data.aimock, mix, data.sizes[0], 'end')
      return [
        num(n),
        ...s.map((r) => us(r.medianMs)),
        x(ratio(s[0].medianMs, s0.medianMs)),
        ms(s[0].loadMs),
        ...a.map((r) => us(r.medianMs)),
        x(ratio(a[0].medianMs, a0.medianMs)),
        num(Math.min(...a.map((r) => r.calls))),
        ms(a[0].loadMs),
      ]
    })
    const desc =
      mix === 'plain'
        ? 'distinct userMessage per fixture'
        : 'a quarter userMessage, a quarter +model, a quarter +toolName, a quarter toolName-only / model-only'
    out.push(
      table(
        `Matching in-process, ${mix} fixtures (${desc}); median per request`,
        [
          'fixtures',
          ...data.positions.map((p) => `standin ${p}`),
          'end vs 10',
          'add() time',
          ...data.positions.map((p) => `aimock ${p}`),
          'end vs 10',
          'aimock calls',
          'on() time',
        ],
        rows,
        [
          'standin: mock.handle(new Request(...)) and reading the body: the whole in-process pipeline (JSON, match, journal, encode).',
          'aimock: matchFixture(fixtures, JSON.parse(body)) only (it has no in-process handler), so its full cost per request is higher;',
          `"aimock calls" = calls timed per configuration, capped at about ${num(data.aimockBudgetMs)} ms each.`,
          '"end" = the last matchable fixture, "middle" = one halfway; "end vs 10" = end time over the end time with 10 fixtures.',
        ],
      ),
    )
  }
  const first = data.overPort[0]
  out.push(
    table(
      'Matching over the port: c=1, request matching the last of N plain fixtures (p50 / req/s)',
      [
        'fixtures',
        'standin p50',
        'standin req/s',
        'vs 10',
        'aimock p50',
        'aimock req/s',
        'vs 10',
        'standin vs aimock',
        'ready: standin',
        'ready: aimock',
      ],
      data.overPort.map((r) => [
        num(r.n),
        ms(r.standin.p50),
        num(r.standin.rps),
        x(ratio(r.standin.p50, first.standin.p50)),
        ms(r.aimock.p50),
        num(r.aimock.rps),
        x(ratio(r.aimock.p50, first.aimock.p50)),
        x(ratio(r.standin.rps, r.aimock.rps)),
        ms(r.standin.startupMs),
        ms(r.aimock.startupMs),
      ]),
      [
        '"ready" = process start to listening with N fixtures loaded (standin validates every entry with its schema).',
      ],
    ),
  )
  return out.join('\n')
}
