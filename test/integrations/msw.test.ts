/**
 * `standin/msw` through the built package, the way users load it: the official `openai` SDK at its default
 * base URL answered in-process by MSW + standin, next to the user's own handlers; and the example project
 * in examples/msw run as a child process.
 */
import { execFile } from 'node:child_process'
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { http, HttpResponse } from 'msw'
import OpenAI from 'openai'
import { createStandin, matchers, type JournalEntry, type RunningServer } from 'standin'
import { standinHandlers, type StandinHandlersOptions } from 'standin/msw'
import { standinServer } from 'standin/msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { readIncrementally } from '../helpers/sse'

const EXAMPLE = fileURLToPath(new URL('../../examples/msw', import.meta.url))
const WELCOME = 'Welcome aboard, Ada! Your analytical engine is warmed up and ready.'
const ask = (content: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content }] })

// The network as another process sees it: taken before MSW patches the global fetch in listen().
const unpatchedFetch = globalThis.fetch

// One mock answers from the example's fixture file; `standinServer` puts its handlers after the user's.
const mock = createStandin({ fixtures: join(EXAMPLE, 'fixtures') })
const userHandler = http.get('https://api.example.com/users/:id', ({ params }) =>
  HttpResponse.json({ id: Number(params.id), name: 'Ada Lovelace' }),
)
const server = standinServer(mock, userHandler)

let client: OpenAI
let savedBaseUrl: string | undefined

beforeAll(() => {
  // The SDK reads OPENAI_BASE_URL; without it, it calls https://api.openai.com/v1 as in production.
  savedBaseUrl = process.env.OPENAI_BASE_URL
  delete process.env.OPENAI_BASE_URL
  server.listen({ onUnhandledRequest: 'error' })
  // After listen(): the SDK keeps the global fetch it finds at construction, and MSW replaces it in listen().
  client = new OpenAI({ apiKey: 'sk-test', maxRetries: 0 })
})
afterEach(() => {
  // resetHandlers(...list) makes `list` the new initial handlers (msw 2.15), so restore them by name.
  server.resetHandlers(userHandler, ...standinHandlers(mock))
  mock.reset()
})
afterAll(() => {
  server.close()
  if (savedBaseUrl !== undefined) process.env.OPENAI_BASE_URL = savedBaseUrl
})

/** Replaces every handler for one test (afterEach puts back the user handler + standin's). */
function useOnly(...handlers: Parameters<typeof server.resetHandlers>): void {
  server.resetHandlers(...handlers)
}

/** Expects MSW to refuse `run`'s request as unhandled ('error' strategy): it never reached the network. */
async function expectRefused(run: () => Promise<unknown>): Promise<void> {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(causes(error)).toMatch(/Cannot bypass a request when using the "error" strategy/)
}

/** The messages of an error and its causes (the SDK wraps fetch's error). */
function causes(error: unknown): string {
  const messages: string[] = []
  for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    messages.push(String(e.message))
  return messages.join(' <- ')
}

/** An SDK client for a mock's real port, using the network as another process would (not MSW). */
function portClient(running: RunningServer): OpenAI {
  return new OpenAI({ apiKey: 'sk-test', baseURL: `${running.url}/v1`, maxRetries: 0, fetch: unpatchedFetch })
}

test("standinServer puts the user's handlers before standin's", () => {
  const handlers = server.listHandlers()

  expect(handlers[0]).toBe(userHandler)
  // Yours, then standin's WebSocket link (MSW lists the upgrade handler it attaches beside it) and HTTP handler.
  expect(handlers).toHaveLength(4)
})

describe('the openai SDK at its default base URL', () => {
  test('is answered in-process from the fixture file', async () => {
    expect(client.baseURL).toBe('https://api.openai.com/v1')

    const completion = await client.chat.completions.create(ask('Write a welcome message for Ada Lovelace.'))

    expect(completion.choices[0]!.message.content).toBe(WELCOME)
    const entry = mock.journal.last()!
    expect(entry).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      provider: 'openai',
      session: 'default',
    })
    expect(entry.fixture?.id).toBe('welcome')
    expect(matchers.toHaveServedFixture(mock, 'welcome').pass).toBe(true)
  })

  test('gets a streamed body that arrives over several reads, paced by the fixture latency', async () => {
    mock.onMessage(
      'pace me',
      { content: 'one two three four five six seven eight' },
      { latency: 25, chunkSize: 5 },
    )

    const started = performance.now()
    const response = await fetch('https://api.openai.com/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body: JSON.stringify({ ...ask('pace me'), stream: true }),
    })
    const firstByte = performance.now() - started
    const { reads, eventsPerRead, events } = await readIncrementally(response.body!)
    const total = performance.now() - started

    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(reads).toBeGreaterThanOrEqual(4)
    expect(eventsPerRead.filter((n) => n > 0).length).toBeGreaterThanOrEqual(4)
    // Eight 5-character chunks, 25 ms apart: the whole body cannot have been there at the first byte.
    expect(total - firstByte).toBeGreaterThanOrEqual(100)
    const text = events
      .filter((e) => e.data !== '[DONE]')
      .map((e) => JSON.parse(e.data).choices[0]?.delta?.content ?? '')
      .join('')
    expect(text).toBe('one two three four five six seven eight')
  })

  test('streams through the SDK too, chunk by chunk', async () => {
    const arrivals: number[] = []
    let text = ''

    const stream = await client.chat.completions.create({
      ...ask('Write a welcome message for Ada Lovelace.'),
      stream: true,
    })
    for await (const chunk of stream) {
      const piece = chunk.choices[0]?.delta.content
      if (!piece) continue
      arrivals.push(performance.now())
      text += piece
    }

    expect(text).toBe(WELCOME)
    expect(arrivals.length).toBeGreaterThan(4)
    // The fixture waits 10 ms before each chunk: arrivals are spread, not one burst.
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual((arrivals.length - 1) * 5)
    expect(mock.journal.last()!.response).toMatchObject({ status: 200, stream: true, text: WELCOME })
  })
})

describe('the journal', () => {
  test('records an MSW request with the same shape as the same request over the port', async () => {
    const running = await mock.listen({ port: 0 })
    try {
      const overPort = portClient(running)
      await overPort.chat.completions.create(ask('Write a welcome message for Ada Lovelace.'))
      await client.chat.completions.create(ask('Write a welcome message for Ada Lovelace.'))
    } finally {
      await running.close()
    }

    const [port, msw] = mock.journal.entries as [JournalEntry, JournalEntry]
    expect(mock.journal.size).toBe(2)
    expect(Object.keys(msw).sort()).toEqual(Object.keys(port).sort())
    const comparable = ({
      method,
      path,
      session,
      surface,
      provider,
      body,
      request,
      fixture,
      response,
    }: JournalEntry) => ({
      method,
      path,
      session,
      surface,
      provider,
      body,
      request,
      fixture,
      response,
    })
    expect(comparable(msw)).toEqual(comparable(port))
  })

  test('is one journal when the mock serves MSW and a real port at the same time', async () => {
    const running = await mock.listen({ port: 0 })
    try {
      const overPort = portClient(running)
      const collect = async (sdk: OpenAI) => {
        let text = ''
        const stream = await sdk.chat.completions.create({
          ...ask('Write a welcome message for Ada Lovelace.'),
          stream: true,
        })
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
        return text
      }

      const texts = await Promise.all([
        collect(client),
        collect(overPort),
        collect(client),
        collect(overPort),
      ])

      expect(texts).toEqual([WELCOME, WELCOME, WELCOME, WELCOME])
    } finally {
      await running.close()
    }
    expect(new Set(mock.journal.entries.map((e) => e.id)).size).toBe(4)
    expect(matchers.toHaveRequestCount(mock, 4, { path: '/v1/chat/completions', stream: true }).pass).toBe(
      true,
    )
  })
})

describe('next to the user handlers', () => {
  test('requests to other hosts still reach the user handler, and stay out of the journal', async () => {
    const response = await fetch('https://api.example.com/users/7')

    expect(await response.json()).toEqual({ id: 7, name: 'Ada Lovelace' })
    expect(mock.journal.size).toBe(0)
  })

  test('a user handler for the same request wins when it comes first, and loses when it comes after', async () => {
    const custom = http.post('https://api.openai.com/v1/chat/completions', () =>
      HttpResponse.json({ id: 'mine', object: 'chat.completion', created: 0, model: 'x', choices: [] }),
    )

    useOnly(custom, ...standinHandlers(mock))
    const first = await client.chat.completions.create(ask('Write a welcome message for Ada Lovelace.'))
    useOnly(...standinHandlers(mock), custom)
    const second = await client.chat.completions.create(ask('Write a welcome message for Ada Lovelace.'))

    expect(first.id).toBe('mine')
    expect(second.choices[0]!.message.content).toBe(WELCOME)
    expect(mock.journal.size).toBe(1)
  })

  test('server.use() puts a handler in front of standin for one test', async () => {
    server.use(
      http.post('https://api.openai.com/v1/chat/completions', () =>
        HttpResponse.json({ error: { message: 'nope' } }, { status: 401 }),
      ),
    )

    await expect(
      client.chat.completions.create(ask('Write a welcome message for Ada Lovelace.')),
    ).rejects.toMatchObject({ status: 401 })
    expect(mock.journal.size).toBe(0)
  })
})

describe('a path standin does not serve, on a host it owns', () => {
  const unknownApi = 'https://api.openai.com/v1/unknown-api'
  const post = () =>
    fetch(unknownApi, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })

  test("falls through to the user's later handlers by default", async () => {
    useOnly(
      ...standinHandlers(mock),
      http.post(unknownApi, () => HttpResponse.json({ from: 'user' })),
    )

    expect(await (await post()).json()).toEqual({ from: 'user' })
    expect(mock.journal.size).toBe(0)
  })

  test("falls through to MSW's onUnhandledRequest when nothing else handles it (nothing leaks)", async () => {
    useOnly(...standinHandlers(mock))

    await expectRefused(post)
    expect(mock.journal.size).toBe(0)
  })

  test("'error' answers it with standin's no-route error, in the journal", async () => {
    useOnly(
      ...standinHandlers(mock, { onUnknown: 'error' }),
      http.post(unknownApi, () => HttpResponse.json({ from: 'user' })),
    )

    const response = await post()

    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'unknown_route' } })
    expect(mock.journal.last()).toMatchObject({ path: '/v1/unknown-api', response: { status: 404 } })
    expect(matchers.toHaveNoUnmatchedRequests(mock).pass).toBe(false)
  })

  describe("'passthrough'", () => {
    let upstream: Server
    let upstreamUrl: string
    const reached: string[] = []
    beforeAll(async () => {
      upstream = createServer((req, res) => {
        reached.push(`${req.method} ${req.url}`)
        res.setHeader('content-type', 'application/json')
        res.end(JSON.stringify({ from: 'upstream' }))
      })
      upstream.listen(0, '127.0.0.1')
      await once(upstream, 'listening')
      upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`
    })
    afterAll(async () => {
      upstream.close()
      await once(upstream, 'close')
    })

    test('sends it to the real network, and still answers the paths standin serves', async () => {
      // A real server stands in for the provider, owned through baseUrls so the test never leaves the machine.
      useOnly(...standinHandlers(mock, { providers: [], baseUrls: [upstreamUrl], onUnknown: 'passthrough' }))
      const local = new OpenAI({ apiKey: 'sk-test', baseURL: `${upstreamUrl}/v1`, maxRetries: 0 })

      const unknown = await fetch(`${upstreamUrl}/v1/unknown-api`, { method: 'POST', body: '{}' })
      const served = await local.chat.completions.create(ask('Write a welcome message for Ada Lovelace.'))

      expect(await unknown.json()).toEqual({ from: 'upstream' })
      expect(reached).toEqual(['POST /v1/unknown-api'])
      expect(served.choices[0]!.message.content).toBe(WELCOME)
      expect(mock.journal.entries.map((e) => e.path)).toEqual(['/v1/chat/completions'])
    })
  })

  test('rejects an unknown onUnknown mode', () => {
    expect(() => standinHandlers(mock, { onUnknown: 'ignore' } as unknown as StandinHandlersOptions)).toThrow(
      /onUnknown/,
    )
  })
})

describe('hosts standin owns', () => {
  test('extra baseUrls, such as a LiteLLM proxy, are owned', async () => {
    useOnly(...standinHandlers(mock, { baseUrls: ['http://llm.internal:4000'] }))
    const proxied = new OpenAI({ apiKey: 'sk-test', baseURL: 'http://llm.internal:4000', maxRetries: 0 })

    const completion = await proxied.chat.completions.create(ask('Write a welcome message for Ada Lovelace.'))

    expect(completion.choices[0]!.message.content).toBe(WELCOME)
    expect(mock.journal.last()).toMatchObject({ path: '/chat/completions', provider: 'openai' })
  })

  test('a base URL with a path owns only what is under that path', async () => {
    useOnly(...standinHandlers(mock, { providers: [], baseUrls: ['https://gateway.example.com/openai/v1/'] }))
    const gateway = new OpenAI({
      apiKey: 'sk-test',
      baseURL: 'https://gateway.example.com/openai/v1',
      maxRetries: 0,
    })
    const elsewhere = new OpenAI({
      apiKey: 'sk-test',
      baseURL: 'https://gateway.example.com/openai/v10',
      maxRetries: 0,
    })

    await expect(
      gateway.chat.completions.create(ask('Write a welcome message for Ada Lovelace.')),
    ).resolves.toBeDefined()
    await expectRefused(() => elsewhere.chat.completions.create(ask('hi')))
    expect(mock.journal.entries.map((e) => e.path)).toEqual(['/openai/v1/chat/completions'])
  })

  test('providers limits the default hosts', async () => {
    useOnly(...standinHandlers(mock, { providers: ['anthropic'] }))

    await expectRefused(() => client.chat.completions.create(ask('hi')))
    expect(mock.journal.size).toBe(0)
  })

  test.each([
    'https://my-resource.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21',
    'https://api.groq.com/openai/v1/chat/completions',
    'https://openrouter.ai/api/v1/chat/completions',
    'https://api.mistral.ai/v1/chat/completions',
    'https://api.together.xyz/v1/chat/completions',
    'http://localhost:11434/v1/chat/completions',
  ])('owns %s by default', async (url) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ask('Write a welcome message for Ada Lovelace.')),
    })

    expect((await response.json()).choices[0].message.content).toBe(WELCOME)
    expect(mock.journal.last()!.path).toBe(new URL(url).pathname + new URL(url).search)
  })
})

describe('sessions', () => {
  test('a session as the target gets the entries, and its own fixtures first', async () => {
    const session = mock.session('checkout-test')
    session.onMessage('Ada Lovelace', { content: 'Hi Ada, from the session.' })
    useOnly(...standinHandlers(session))

    const completion = await client.chat.completions.create(ask('Write a welcome message for Ada Lovelace.'))

    expect(completion.choices[0]!.message.content).toBe('Hi Ada, from the session.')
    expect(mock.journal.last()!.session).toBe('checkout-test')
    expect(session.journal.size).toBe(1)
    expect(matchers.toHaveReceivedMessage(session, 'Ada Lovelace').pass).toBe(true)
  })

  test('with the mock as the target, session.run() attributes concurrent callers to their own session', async () => {
    const [a, b] = [mock.session('test-a'), mock.session('test-b')]
    a.onMessage('Ada Lovelace', { content: 'for a' })
    b.onMessage('Ada Lovelace', { content: 'for b' })
    const call = () => client.chat.completions.create(ask('Write a welcome message for Ada Lovelace.'))

    const [fromA, fromB] = await Promise.all([a.run(call), b.run(call)])

    expect([fromA.choices[0]!.message.content, fromB.choices[0]!.message.content]).toEqual(['for a', 'for b'])
    expect(a.journal.entries.map((e) => e.response.text)).toEqual(['for a'])
    expect(b.journal.entries.map((e) => e.response.text)).toEqual(['for b'])
  })
})

describe('examples/msw', () => {
  const run = promisify(execFile)
  const node = process.execPath
  const bin = (path: string) => fileURLToPath(new URL(`../../node_modules/${path}`, import.meta.url))
  // The example points its SDK at nothing: a base URL leaking in from this process would bypass MSW.
  const { OPENAI_BASE_URL: _openai, STANDIN_URL: _standin, ...env } = process.env

  test('its vitest suite passes: fixture text, a streamed answer, tool matchers, MSW order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standin-msw-example-'))
    const report = join(dir, 'report.json')
    try {
      await run(node, [bin('vitest/vitest.mjs'), 'run', '--reporter=json', `--outputFile=${report}`], {
        cwd: EXAMPLE,
        env,
        timeout: 60_000,
      })
      const result = JSON.parse(readFileSync(report, 'utf8'))

      expect(result).toMatchObject({ success: true, numFailedTests: 0, numPassedTests: 5 })
      const titles = result.testResults.flatMap((file: { assertionResults: { title: string }[] }) =>
        file.assertionResults.map((a) => a.title),
      )
      expect(titles).toContain('streams the welcome in several pieces')
      expect(titles).toContain('runs the search tool the model asked for, against the REST API')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)

  test('type-checks against the published types of standin and standin/msw', async () => {
    const { stdout } = await run(node, [bin('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
      cwd: EXAMPLE,
      env,
      timeout: 60_000,
    })

    expect(stdout).toBe('')
  }, 60_000)
})
