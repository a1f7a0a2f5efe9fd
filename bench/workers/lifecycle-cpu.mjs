/**
 * bench/ab-lifecycle.mjs's child: one lifecycle loop of one standin build (or the node:http floor), timed by
 * this process's CPU (process.cpuUsage), which a loaded machine disturbs less than wall time. Prints one
 * JSON line: microseconds of user and system CPU per operation.
 *
 *   node bench/workers/lifecycle-cpu.mjs <path to a build's index.js | floor> <case> <iterations>
 */
import { createServer } from 'node:http'
import { post } from '../lib/post.mjs'
import { helloBody, HELLO_TEXT } from '../fixtures.mjs'

const [build, which, itersArg] = process.argv.slice(2)
const iters = Number(itersArg)
const TEN = Array.from({ length: 10 }, (_, i) => ({
  match: { userMessage: `lifecycle question ${i}` },
  response: { content: `answer ${i}` },
}))

const floorStart = () =>
  new Promise((resolve) => {
    const server = createServer((req, res) => {
      req.resume()
      req.on('end', () => res.end('{}'))
    })
    server.listen(0, '127.0.0.1', () => {
      server.address()
      resolve(server)
    })
  })
const floorStop = (server) => new Promise((resolve) => server.close(() => resolve()))

const { createStandin } = build === 'floor' ? {} : await import(build)
const make = () => createStandin({ strict: false })

const cases = {
  /** create → listening → stopped, one at a time. */
  async start(n) {
    for (let i = 0; i < n; i++) {
      if (!createStandin) {
        await floorStop(await floorStart())
        continue
      }
      const mock = make()
      await mock.listen({ port: 0 })
      await mock.stop()
    }
  },
  /** 8 created and started together, then stopped. */
  async parallel(n) {
    for (let i = 0; i < n; i++) {
      if (!createStandin) {
        const servers = await Promise.all(Array.from({ length: 8 }, floorStart))
        await Promise.all(servers.map(floorStop))
        continue
      }
      const mocks = Array.from({ length: 8 }, make)
      await Promise.all(mocks.map((m) => m.listen({ port: 0 })))
      await Promise.all(mocks.map((m) => m.stop()))
    }
  },
  /** reset() + 10 on() on one mock. */
  async reset(n) {
    const mock = make()
    for (let i = 0; i < n; i++) {
      mock.reset()
      for (const f of TEN) mock.on(f.match, f.response)
    }
  },
  /** A fresh mock per test: 10 fixtures + hello, listen, one request, stop. */
  async perTest(n) {
    for (let i = 0; i < n; i++) {
      const mock = make()
      for (const f of TEN) mock.on(f.match, f.response)
      mock.on({ userMessage: 'hello' }, { content: HELLO_TEXT })
      const { url } = await mock.listen({ port: 0 })
      const res = await post(`${url}/v1/chat/completions`, helloBody)
      if (res.status !== 200 || !res.text.includes(HELLO_TEXT))
        throw new Error(`answered ${res.status}: ${res.text}`)
      await mock.stop()
    }
  },
}

const run = cases[which]
if (!run || (!createStandin && (which === 'reset' || which === 'perTest')))
  throw new Error(`no case ${which} for ${build}`)
await run(Math.max(1, Math.floor(iters / 4))) // warm-up
const c0 = process.cpuUsage()
await run(iters)
const c = process.cpuUsage(c0)
console.log(JSON.stringify({ userUs: c.user / iters, systemUs: c.system / iters }))
process.exit(0)
