/* global fetch */
/**
 * One server with N fixtures, in its own process: time from the first registration to listening, RSS
 * after start (and after a forced GC when --expose-gc is given), then one request for the last fixture to
 * prove matching works. Prints one JSON line.
 *
 *   node --expose-gc bench/workers/large-fixtures.mjs <kind> <n> [file]
 *   kind: floor | aimock | aimock-file | standin | standin-file
 *
 * The fixture objects (or the fixture file, written by the case beforehand) are made before the clock
 * starts: they are the user's data, not the server's work. The list is dropped once registered, so RSS
 * shows what the server keeps.
 */
import { performance } from 'node:perf_hooks'
import { createServer } from 'node:http'
import { generateFixtures, question } from '../fixtures.mjs'

const [kind, countArg, file] = process.argv.slice(2)
const n = Number(countArg)
const CHAT = '/v1/chat/completions'

let entries = kind.endsWith('-file') ? null : generateFixtures(n, 'plain')
const rssBefore = process.memoryUsage().rss

/** @returns {Promise<{ url: string, stop: () => Promise<void> }>} */
async function start() {
  if (kind === 'floor') {
    // The least a server can do: keep the objects in a list (a scan per request; matching speed is the
    // matching case's business). A Map keyed by the text was slower to build than aimock's list.
    const list = []
    for (const f of entries) list.push(f)
    const lookup = (text) => {
      for (let i = list.length - 1; i >= 0; i--)
        if (list[i].match.userMessage === text) return list[i].response
      return undefined
    }
    const server = createServer((req, res) => {
      const chunks = []
      req.on('data', (c) => chunks.push(c))
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        const text = body.messages[body.messages.length - 1].content
        const found = lookup(text)
        const out = JSON.stringify({
          object: 'chat.completion',
          choices: [{ index: 0, message: { role: 'assistant', content: found?.content ?? null } }],
        })
        res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' })
        res.end(out)
      })
    })
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
    return {
      url: `http://127.0.0.1:${server.address().port}`,
      stop: () => new Promise((resolve) => server.close(() => resolve())),
    }
  }
  if (kind === 'aimock' || kind === 'aimock-file') {
    const { LLMock } = await import('@copilotkit/aimock')
    const mock = new LLMock({ port: 0, logLevel: 'silent' })
    if (file) mock.loadFixtureFile(file)
    else for (const f of entries) mock.on(f.match, f.response)
    const url = await mock.start()
    return { url, stop: () => mock.stop() }
  }
  if (kind === 'standin' || kind === 'standin-file') {
    const { createStandin } = await import(process.env.BENCH_STANDIN ?? '../../dist/index.mjs')
    const mock = createStandin({ strict: false, ...(file ? { fixtures: file } : {}) })
    if (!file) for (const f of entries) mock.on(f.match, f.response)
    const { url, close } = await mock.listen({ port: 0 })
    return { url, stop: close }
  }
  throw new Error(`unknown kind ${kind}`)
}

// The module itself is loaded before the clock starts, so import cost (its own case) is not counted.
if (kind.startsWith('aimock')) await import('@copilotkit/aimock')
if (kind.startsWith('standin')) await import(process.env.BENCH_STANDIN ?? '../../dist/index.mjs')
const t0 = performance.now()
const cpu0 = process.cpuUsage()
const server = await start()
const loadMs = performance.now() - t0
const cpu = process.cpuUsage(cpu0)
const loadCpuMs = (cpu.user + cpu.system) / 1000
entries = null
const rss = process.memoryUsage().rss
let rssAfterGc = null
let heapAfterGc = null
if (globalThis.gc) {
  globalThis.gc()
  globalThis.gc()
  const m = process.memoryUsage()
  rssAfterGc = m.rss
  heapAfterGc = m.heapUsed
}
const target = n - 1
const t0Request = performance.now()
const res = await fetch(server.url + CHAT, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question(target) }] }),
})
const content = (await res.json())?.choices?.[0]?.message?.content
const t1 = performance.now()
// What a server left for the first request (standin files its match index then) shows here.
const firstRequestMs = t1 - t0Request
let rssAfterRequestGc = null
if (globalThis.gc) {
  globalThis.gc()
  globalThis.gc()
  rssAfterRequestGc = process.memoryUsage().rss
}
const t2 = performance.now()
const again = await fetch(server.url + CHAT, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question(target) }] }),
})
await again.arrayBuffer()
const secondRequestMs = performance.now() - t2
await server.stop()
console.log(
  JSON.stringify({
    kind,
    n,
    loadMs,
    loadCpuMs,
    rssBefore,
    rss,
    rssAfterGc,
    heapAfterGc,
    firstRequestMs,
    rssAfterRequestGc,
    secondRequestMs,
    ok: res.status === 200 && content === `answer ${target}`,
    answered: content,
  }),
)
process.exit(res.status === 200 && content === `answer ${target}` ? 0 : 1)
