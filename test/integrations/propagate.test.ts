/**
 * standin/propagate: the app-side half of shared-mode isolation. An app server reads the test's session
 * (header or cookie) into AsyncLocalStorage and forwards it to the mock on its own outgoing calls.
 */
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import OpenAI from 'openai'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, type Standin } from 'standin'
import {
  currentStandinSession,
  installStandinFetch,
  standinFetch,
  standinHeaders,
  standinPropagation,
} from 'standin/propagate'
import { ROOT } from './playwright-run'

let mock: Standin
let mockUrl: string
const cleanups: Array<() => unknown> = []

beforeEach(async () => {
  mock = createStandin({ strict: false })
  mock.onMessage('hello', { content: 'Hi from the shared fixture' })
  mockUrl = (await mock.listen()).url
  const previous = process.env.STANDIN_URL
  process.env.STANDIN_URL = mockUrl
  cleanups.push(() =>
    previous === undefined ? delete process.env.STANDIN_URL : (process.env.STANDIN_URL = previous),
  )
})

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  await mock.stop()
})

/** A node:http app like examples/playwright's: middleware, then an LLM call through the openai SDK. */
async function startApp(): Promise<string> {
  const openai = new OpenAI({ baseURL: `${mockUrl}/v1`, apiKey: 'test', fetch: standinFetch() })
  const propagation = standinPropagation()
  const server = createServer((req, res) =>
    propagation(req, res, async () => {
      const message = await readBody(req)
      const reply = await openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: message }],
      })
      res.end(reply.choices[0]?.message.content ?? '')
    }),
  )
  return listen(server)
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = ''
  for await (const chunk of req) body += chunk
  return body
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise((resolve) => server.close(resolve)))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('standinPropagation() + standinFetch()', () => {
  test('two concurrent requests with different sessions each reach their own session on the mock', async () => {
    mock.session('test-a').onMessage('hello', { content: 'Hi A' })
    mock.session('test-b').onMessage('hello', { content: 'Hi B' })
    const app = await startApp()

    const [a, b, none] = await Promise.all([
      fetch(app, {
        method: 'POST',
        body: 'hello',
        headers: { cookie: 'theme=dark; standin-session=test-a' },
      }),
      fetch(app, { method: 'POST', body: 'hello', headers: { 'x-standin-session': 'test-b' } }),
      fetch(app, { method: 'POST', body: 'hello' }),
    ])

    expect(await Promise.all([a.text(), b.text(), none.text()])).toEqual([
      'Hi A',
      'Hi B',
      'Hi from the shared fixture',
    ])
    expect(mock.session('test-a').journal.size).toBe(1)
    expect(mock.session('test-b').journal.size).toBe(1)
    expect(mock.journal.entries.map((e) => e.session).sort()).toEqual(['default', 'test-a', 'test-b'])
  })

  test('the header wins over the cookie', async () => {
    const seen: Array<string | undefined> = []
    standinPropagation()(
      { headers: { 'x-standin-session': 'from-header', cookie: 'standin-session=from-cookie' } },
      {},
      () => seen.push(currentStandinSession()),
    )
    expect(seen).toEqual(['from-header'])
  })

  test('run() takes a session id or a fetch Request', () => {
    const propagation = standinPropagation()
    const request = new Request('http://app.test/', { headers: { cookie: 'standin-session=s%201' } })
    expect(propagation.run('s-0', () => standinHeaders())).toEqual({ 'x-standin-session': 's-0' })
    expect(propagation.run(request, () => currentStandinSession())).toBe('s 1')
    expect(standinHeaders()).toEqual({})
  })

  test('does nothing when STANDIN_URL is unset (production)', () => {
    delete process.env.STANDIN_URL
    const seen: Array<string | undefined> = []
    standinPropagation()({ headers: { 'x-standin-session': 'ignored' } }, {}, () =>
      seen.push(currentStandinSession()),
    )
    expect(seen).toEqual([undefined])
    expect(standinFetch(globalThis.fetch)).toBe(globalThis.fetch)
    const original = globalThis.fetch
    const restore = installStandinFetch()
    expect(globalThis.fetch).toBe(original)
    expect(standinHeaders()).toEqual({})
    restore()
  })
})

describe('installStandinFetch()', () => {
  test('adds the header to calls to the mock only, and restores fetch', async () => {
    const headersSeen: Array<string | undefined> = []
    const other = await listen(
      createServer((req, res) => {
        headersSeen.push(req.headers['x-standin-session'] as string | undefined)
        res.end('ok')
      }),
    )
    const original = globalThis.fetch
    const restore = installStandinFetch()
    cleanups.push(restore)
    // Created after the install: the openai SDK keeps the fetch it finds at construction.
    const openai = new OpenAI({ baseURL: `${mockUrl}/v1`, apiKey: 'test' })

    await standinPropagation().run('sess-1', async () => {
      await openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hello' }],
      })
      await fetch(other)
    })

    expect(mock.journal.entries.map((e) => e.session)).toEqual(['sess-1'])
    expect(headersSeen).toEqual([undefined])
    restore()
    expect(globalThis.fetch).toBe(original)
  })
})

test('the shipped module imports nothing but node:async_hooks (it runs in app servers)', () => {
  for (const file of ['dist/propagate/index.js', 'dist/propagate/index.mjs']) {
    const source = readFileSync(join(ROOT, file), 'utf8')
    const imports = [...source.matchAll(/(?:require\(|from\s+)["']([^"']+)["']/g)].map((m) =>
      m[1]!.replace(/^node:/, ''),
    )
    expect(new Set(imports), file).toEqual(new Set(['async_hooks']))
  }
})
