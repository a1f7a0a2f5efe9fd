/**
 * Bytes allocated per request in the server: the heap grown over a batch of sequential requests right after
 * a forced GC, with a new space large enough that no scavenge runs in the batch. Unlike CPU time it does not
 * move with the machine's load, so small cuts on the request path show. Not part of `npm run bench`:
 *
 *   node bench/alloc.mjs floor path/to/a/index.mjs path/to/b/index.mjs ...   ('floor': the raw node:http server)
 */
import http from 'node:http'
import { helloBody } from './fixtures.mjs'
import { startServer } from './lib/procs.mjs'
import { CHAT_PATH } from './cases/throughput.mjs'

const BATCH = 400
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })

function post(url) {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(helloBody) }
    const req = http.request(url + CHAT_PATH, { method: 'POST', agent, headers }, (res) => {
      res.resume()
      res.on('end', resolve)
    })
    req.on('error', reject)
    req.end(helloBody)
  })
}

for (const build of process.argv.slice(2)) {
  const server = await startServer(build === 'floor' ? 'floor' : 'standin', {
    env: build === 'floor' ? {} : { BENCH_STANDIN: build },
    nodeArgs: ['--expose-gc', '--min-semi-space-size=64', '--max-semi-space-size=64'],
  })
  for (let i = 0; i < 3000; i++) await post(server.url)
  const perRequest = []
  for (let round = 0; round < 5; round++) {
    const before = await server.stats({ gc: true })
    for (let i = 0; i < BATCH; i++) await post(server.url)
    const after = await server.stats({ gc: false })
    perRequest.push((after.heapUsed - before.heapUsed) / BATCH)
  }
  console.log(`${build}: bytes/request ${perRequest.map((b) => b.toFixed(0)).join(' ')}`)
  await server.stop()
}
agent.destroy()
