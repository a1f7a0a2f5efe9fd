/**
 * The lifecycle case's child: one server kind (floor, standin or aimock) per process, so each pays its
 * own lazy loading. Prints one JSON line with every measurement (milliseconds).
 *
 *   node bench/workers/lifecycle.mjs <floor|standin|aimock> '<config json>'
 */
import { createServer } from 'node:http'
import { performance } from 'node:perf_hooks'
import { post } from '../lib/post.mjs'
import { helloBody, HELLO_TEXT, MODEL } from '../fixtures.mjs'
import { median } from '../lib/stats.mjs'

const [kind, json] = process.argv.slice(2)
const cfg = JSON.parse(json)

const TEN = Array.from({ length: 10 }, (_, i) => ({
  match: { userMessage: `lifecycle question ${i}` },
  response: { content: `answer ${i}` },
}))
const HELLO_FIXTURE = { match: { userMessage: 'hello' }, response: { content: HELLO_TEXT } }

const completion = JSON.stringify({
  id: 'chatcmpl-floor',
  object: 'chat.completion',
  created: 1700000000,
  model: MODEL,
  choices: [{ index: 0, message: { role: 'assistant', content: HELLO_TEXT }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 2, completion_tokens: 6, total_tokens: 8 },
})

/** Per kind: create (not listening), start (resolves to the URL), stop, add the 10 fixtures, reset. */
async function kindApi() {
  if (kind === 'floor') {
    return {
      create() {
        const fixtures = []
        const server = createServer((req, res) => {
          req.resume()
          req.on('end', () => {
            res.writeHead(200, {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(completion),
            })
            res.end(completion)
          })
        })
        return {
          fixtures,
          start: () =>
            new Promise((resolve) =>
              server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)),
            ),
          stop: () => new Promise((resolve) => server.close(() => resolve())),
          // The floor's "fixtures": an array of 10 objects, cleared and refilled.
          add: () => {
            for (const f of TEN) fixtures.push({ match: { ...f.match }, response: { ...f.response } })
          },
          reset: () => {
            fixtures.length = 0
          },
        }
      },
    }
  }
  if (kind === 'standin') {
    const { createStandin } = await import('standin')
    return {
      create() {
        const mock = createStandin({ strict: false })
        return {
          mock,
          start: async () => (await mock.listen({ port: 0 })).url,
          stop: () => mock.stop(),
          add: () => {
            for (const f of TEN) mock.on(f.match, f.response)
          },
          reset: () => mock.reset(),
        }
      },
    }
  }
  const { LLMock } = await import('@copilotkit/aimock')
  return {
    create() {
      const mock = new LLMock({ port: 0, logLevel: 'silent' })
      return {
        mock,
        start: () => mock.start(),
        stop: () => mock.stop(),
        add: () => {
          for (const f of TEN) mock.on(f.match, f.response)
        },
        reset: () => mock.reset(),
      }
    },
  }
}

const api = await kindApi()
const out = { kind }

// The very first instance in this process: pays whatever the library loads lazily.
{
  const t0 = performance.now()
  const inst = api.create()
  await inst.start()
  out.firstMs = performance.now() - t0
  await inst.stop()
}

// new → listening, one instance at a time (stop not counted).
{
  const times = []
  for (let i = 0; i < cfg.warmup + cfg.startIters; i++) {
    const t0 = performance.now()
    const inst = api.create()
    await inst.start()
    const t = performance.now() - t0
    await inst.stop()
    if (i >= cfg.warmup) times.push(t)
  }
  out.startMs = median(times)
}

// 8 instances created and started together (wall time until all listen).
{
  const times = []
  for (let i = 0; i < cfg.warmup + cfg.parallelIters; i++) {
    const t0 = performance.now()
    const insts = Array.from({ length: cfg.parallel }, () => api.create())
    await Promise.all(insts.map((s) => s.start()))
    const t = performance.now() - t0
    await Promise.all(insts.map((s) => s.stop()))
    if (i >= cfg.warmup) times.push(t)
  }
  out.parallelMs = median(times)
}

// reset + re-register 10 fixtures, in batches; the median batch's time per operation. The reset alone is
// timed too (summed around each call), to tell the reset from the registration of the 10 fixtures.
{
  const inst = api.create()
  inst.add()
  const perOp = []
  const resetOnly = []
  for (let round = 0; round < cfg.warmup + cfg.resetRounds; round++) {
    let resetT = 0
    const t0 = performance.now()
    for (let i = 0; i < cfg.resetBatch; i++) {
      const r0 = performance.now()
      inst.reset()
      resetT += performance.now() - r0
      inst.add()
    }
    const t = (performance.now() - t0) / cfg.resetBatch
    if (round >= cfg.warmup) {
      perOp.push(t)
      resetOnly.push(resetT / cfg.resetBatch)
    }
  }
  out.resetMs = median(perOp)
  out.resetOnlyMs = median(resetOnly)
}

// A fresh instance per test: create, 10 fixtures + the hello one, listen, 1 request, stop.
{
  const times = []
  for (let i = 0; i < cfg.warmup + cfg.perTestIters; i++) {
    const t0 = performance.now()
    const inst = api.create()
    inst.add()
    if (inst.mock) inst.mock.on(HELLO_FIXTURE.match, HELLO_FIXTURE.response)
    const url = await inst.start()
    const res = await post(`${url}/v1/chat/completions`, helloBody)
    const text = res.text
    if (res.status !== 200 || !text.includes(HELLO_TEXT))
      throw new Error(`${kind} answered ${res.status}: ${text.slice(0, 200)}`)
    await inst.stop()
    const t = performance.now() - t0
    if (i >= cfg.warmup) times.push(t)
  }
  out.perTestMs = median(times)
}

// Sessions (standin only): create a session + 10 fixtures, reset it, close it, next to K existing sessions
// that hold 10 fixtures each. O(own) means the time does not grow with K. One mock per K, all built before
// the clock starts; warm-up rounds run every K alike, then each round times one batch per K, in an order
// that alternates (ABBA) so drift, GC and cache state hit every K alike. Same batch size for every K.
if (kind === 'standin') {
  const sizes = cfg.sessionCounts.map((existing) => {
    const inst = api.create()
    for (let k = 0; k < existing; k++) {
      const s = inst.mock.session(`existing-${k}`)
      for (const f of TEN) s.on(f.match, f.response)
    }
    return { existing, inst, create: [], reset: [] }
  })
  /** One batch on one mock: mean µs per create (+10 fixtures) and per reset (+10 fixtures). */
  const batch = ({ inst }, round) => {
    let createT = 0
    let resetT = 0
    for (let i = 0; i < cfg.sessionBatch; i++) {
      const t0 = performance.now()
      const s = inst.mock.session(`new-${round}-${i}`)
      for (const f of TEN) s.on(f.match, f.response)
      const t1 = performance.now()
      s.reset()
      for (const f of TEN) s.on(f.match, f.response)
      const t2 = performance.now()
      s.close()
      createT += t1 - t0
      resetT += t2 - t1
    }
    return { createMs: createT / cfg.sessionBatch, resetMs: resetT / cfg.sessionBatch }
  }
  for (let round = 0; round < cfg.warmup + cfg.sessionRounds; round++) {
    const order = round % 2 === 0 ? sizes : [...sizes].reverse()
    for (const size of order) {
      const r = batch(size, round)
      if (round >= cfg.warmup) {
        size.create.push(r.createMs)
        size.reset.push(r.resetMs)
      }
    }
  }
  out.sessions = {}
  for (const size of sizes) {
    out.sessions[size.existing] = { createMs: median(size.create), resetMs: median(size.reset) }
    await size.inst.stop()
  }
}

console.log(JSON.stringify(out))
process.exit(0)
