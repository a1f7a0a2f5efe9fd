/**
 * A barrier for test workers in another process: each worker POSTs when its mock is listening, and every
 * answer is held until `parties` workers have arrived, so all their mocks are up at the same time. If
 * they never all arrive (fewer workers than asked for), everyone is released with "timeout" instead.
 */
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Barrier {
  url: string
  /** What each worker sent, in arrival order. */
  arrivals: unknown[]
  close(): Promise<void>
}

export async function startBarrier(parties: number, timeoutMs = 20_000): Promise<Barrier> {
  const arrivals: unknown[] = []
  let waiting: ServerResponse[] = []
  let timer: NodeJS.Timeout | undefined
  const release = (answer: string) => {
    clearTimeout(timer)
    for (const res of waiting) res.end(answer)
    waiting = []
  }
  const server = createServer(async (req, res) => {
    let body = ''
    for await (const chunk of req) body += String(chunk)
    arrivals.push(JSON.parse(body))
    waiting.push(res)
    timer ??= setTimeout(() => release('timeout'), timeoutMs)
    if (waiting.length === parties) {
      release('released')
      timer = undefined
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    close: () =>
      new Promise((resolve) => {
        release('closed')
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
