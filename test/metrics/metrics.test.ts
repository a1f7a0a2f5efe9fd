/**
 * `GET /metrics`: Prometheus text through prom-client, parsed with a Prometheus text parser, its counts
 * matching the journal after requests through the openai and Anthropic SDKs.
 */
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { afterEach, describe, expect, test } from 'vitest'
import { createStandin, type Standin } from '../../src'
import { histogramSeries, key, samples, scrape } from './scrape'

const running: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((close) => close()))
})

async function start(mock: Standin) {
  const server = await mock.listen({ port: 0 })
  running.push(server.close)
  const openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test-key', maxRetries: 0 })
  const anthropic = new Anthropic({ baseURL: server.url, apiKey: 'test-key', maxRetries: 0 })
  return { url: server.url, openai, anthropic }
}

const user = (content: string) => [{ role: 'user' as const, content }]
const requests = (labels: Record<string, string>) => key(labels)

describe('/metrics', () => {
  test('counts match the journal after matched, missed, errored and streamed requests through the SDKs', async () => {
    const mock = createStandin({ metrics: true, strict: false })
      .onMessage('hello', { content: 'Hi there, how can I help?' })
      .onMessage('boom', { error: { message: 'upstream exploded', type: 'server_error' }, status: 500 })
    const { url, openai, anthropic } = await start(mock)

    await openai.chat.completions.create({ model: 'gpt-4o', messages: user('hello') })
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: user('hello'),
      stream: true,
    })
    let streamed = ''
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? ''
    expect(streamed).toBe('Hi there, how can I help?')
    await expect(
      openai.chat.completions.create({ model: 'gpt-4o', messages: user('nothing') }),
    ).rejects.toMatchObject({ status: 404 })
    await expect(
      openai.chat.completions.create({ model: 'gpt-4o', messages: user('boom') }),
    ).rejects.toMatchObject({ status: 500 })
    const bad = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    })
    expect(bad.status).toBe(400)
    await openai.embeddings.create({ model: 'text-embedding-3-small', input: 'no fixture for this' })
    await openai.models.list()

    await anthropic.messages.create({ model: 'claude-opus-4-7', max_tokens: 64, messages: user('hello') })
    const text = await anthropic.messages
      .stream({ model: 'claude-opus-4-7', max_tokens: 64, messages: user('hello') })
      .finalText()
    expect(text).toBe('Hi there, how can I help?')
    await expect(
      anthropic.messages.create({ model: 'claude-opus-4-7', max_tokens: 64, messages: user('nothing') }),
    ).rejects.toMatchObject({ status: 404 })

    const families = await scrape(url)
    const counted = samples(families, 'standin_requests_total')
    const openaiChat = { provider: 'openai', surface: 'openai.chat' }
    const claude = { provider: 'anthropic', surface: 'anthropic.messages' }
    expect(counted).toEqual(
      new Map([
        [requests({ ...openaiChat, outcome: 'matched', status_class: '2xx' }), 2],
        [requests({ ...openaiChat, outcome: 'miss', status_class: '4xx' }), 1],
        [requests({ ...openaiChat, outcome: 'matched', status_class: '5xx' }), 1],
        [requests({ ...openaiChat, outcome: 'error', status_class: '4xx' }), 1],
        [
          requests({
            provider: 'openai',
            surface: 'openai.embeddings',
            outcome: 'miss',
            status_class: '2xx',
          }),
          1,
        ],
        [
          requests({ provider: 'openai', surface: 'openai.models', outcome: 'served', status_class: '2xx' }),
          1,
        ],
        [requests({ ...claude, outcome: 'matched', status_class: '2xx' }), 2],
        [requests({ ...claude, outcome: 'miss', status_class: '4xx' }), 1],
      ]),
    )

    // The same numbers from the journal itself: one count per entry, none for /metrics (not journaled).
    const journal = mock.journal.entries
    expect(journal).toHaveLength(10)
    const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0)
    expect(total(counted)).toBe(journal.length)
    expect(journal.filter((e) => e.fixture !== null)).toHaveLength(5)
    expect(journal.filter((e) => e.response.stream)).toHaveLength(2)

    const histogram = families.find((f) => f.name === 'standin_request_duration_seconds')
    expect(histogram?.type).toBe('HISTOGRAM')
  })

  test('chaos is counted by action, as the journal records it', async () => {
    const mock = createStandin({ metrics: true }).onMessage('hello', { content: 'Hi there' })
    const { url, openai } = await start(mock)
    const ask = (header: string) =>
      openai.chat.completions.create(
        { model: 'gpt-4o', messages: user('hello') },
        { headers: { [`x-standin-chaos-${header}`]: '1' } },
      )
    await expect(ask('drop')).rejects.toMatchObject({ status: 500, code: 'chaos_drop' })
    await expect(ask('malformed')).rejects.toThrow()
    await expect(ask('disconnect')).rejects.toThrow(OpenAI.APIConnectionError)
    await openai.chat.completions.create({ model: 'gpt-4o', messages: user('hello') })

    const counted = samples(await scrape(url), 'standin_requests_total')
    const chat = { provider: 'openai', surface: 'openai.chat' }
    expect(counted).toEqual(
      new Map([
        [requests({ ...chat, outcome: 'chaos_drop', status_class: '5xx' }), 1],
        [requests({ ...chat, outcome: 'chaos_malformed', status_class: '2xx' }), 1],
        [requests({ ...chat, outcome: 'chaos_disconnect', status_class: 'none' }), 1],
        [requests({ ...chat, outcome: 'matched', status_class: '2xx' }), 1],
      ]),
    )
    expect(mock.journal.entries.map((e) => e.response.chaos)).toEqual([
      'drop',
      'malformed',
      'disconnect',
      undefined,
    ])
  })

  test('the latency histogram: per series, buckets rise to +Inf = _count, and the counts sum to the journal', async () => {
    const mock = createStandin({ metrics: true, strict: false }).onMessage('hello', { content: 'Hi' })
    const { url, openai, anthropic } = await start(mock)
    await openai.chat.completions.create({ model: 'gpt-4o', messages: user('hello') })
    await openai.chat.completions.create({ model: 'gpt-4o', messages: user('hello'), stream: true })
    await expect(
      openai.chat.completions.create({ model: 'gpt-4o', messages: user('nothing') }),
    ).rejects.toMatchObject({ status: 404 })
    await anthropic.messages.create({ model: 'claude-opus-4-7', max_tokens: 64, messages: user('hello') })
    await fetch(`${url}/v1/no/such/route`, { method: 'POST', body: '{}' })

    // Read line by line: the text parser merges a histogram's series into one bucket map.
    const text = await (await fetch(`${url}/metrics`)).text()
    const series = histogramSeries(text, 'standin_request_duration_seconds')
    const journal = mock.journal.entries
    const bySurface = (surface: string | null) => journal.filter((e) => e.surface === surface).length
    expect(new Map([...series].map(([labels, s]) => [labels, s.count]))).toEqual(
      new Map([
        [key({ provider: 'openai', surface: 'openai.chat' }), bySurface('openai.chat')],
        [key({ provider: 'anthropic', surface: 'anthropic.messages' }), bySurface('anthropic.messages')],
        [key({ provider: 'none', surface: 'none' }), bySurface(null)],
      ]),
    )
    for (const [labels, { buckets, count, sum }] of series) {
      expect(
        buckets.map((b) => b.le),
        labels,
      ).toEqual([
        ...['0.001', '0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '30'],
        '+Inf',
      ])
      for (let i = 1; i < buckets.length; i++)
        expect(buckets[i]!.count, `${labels} le=${buckets[i]!.le}`).toBeGreaterThanOrEqual(
          buckets[i - 1]!.count,
        )
      expect(buckets.at(-1)!.count, labels).toBe(count)
      expect(sum, labels).toBeGreaterThanOrEqual(0)
    }
    const total = [...series.values()].reduce((n, s) => n + s.count, 0)
    expect(total).toBe(journal.length)
    expect(total).toBe(5)
    // The parser still reads the family as a histogram.
    expect((await scrape(url)).find((f) => f.name === 'standin_request_duration_seconds')?.type).toBe(
      'HISTOGRAM',
    )
  })

  test("a quota's 429 is counted as rate_limited, as the journal records it", async () => {
    const mock = createStandin({ metrics: true, rateLimits: { requestsPerWindow: 1 } }).onMessage('hello', {
      content: 'Hi',
    })
    const { url, openai } = await start(mock)
    await openai.chat.completions.create({ model: 'gpt-4o', messages: user('hello') })
    await expect(
      openai.chat.completions.create({ model: 'gpt-4o', messages: user('hello') }),
    ).rejects.toMatchObject({ status: 429, code: 'rate_limit_exceeded' })
    const chat = { provider: 'openai', surface: 'openai.chat' }
    expect(samples(await scrape(url), 'standin_requests_total')).toEqual(
      new Map([
        [requests({ ...chat, outcome: 'matched', status_class: '2xx' }), 1],
        [requests({ ...chat, outcome: 'rate_limited', status_class: '4xx' }), 1],
      ]),
    )
    expect(mock.journal.entries.map((e) => e.response.rateLimited)).toEqual([undefined, 'requests'])
  })

  test('gauges: fixtures by scope and open sessions, read at scrape time', async () => {
    const mock = createStandin({ metrics: true })
      .onMessage('a', { content: 'A' })
      .onMessage('b', { content: 'B' })
    mock.add([{ match: { userMessage: 'c' }, response: { content: 'C' } }])
    const session = mock.session('s1').onMessage('d', { content: 'D' })
    mock.session('s2')
    const { url } = await start(mock)
    const fixtures = samples(await scrape(url), 'standin_fixtures')
    expect(fixtures.get(key({ scope: 'runtime' }))).toBe(3)
    expect(fixtures.get(key({ scope: 'session' }))).toBe(1)
    expect(fixtures.get(key({ scope: 'loaded' }))).toBe(0)
    expect(samples(await scrape(url), 'standin_sessions').get(key({}))).toBe(2)
    session.close()
    expect(samples(await scrape(url), 'standin_sessions').get(key({}))).toBe(1)
  })

  test('labels stay bounded: no path, model or session value appears', async () => {
    const mock = createStandin({ metrics: true, strict: false }).onMessage('hello', { content: 'Hi' })
    const { url } = await start(mock)
    const session = mock.session('secret-session-name')
    const openai = new OpenAI({ baseURL: `${session.url}/v1`, apiKey: 'k', maxRetries: 0 })
    await openai.chat.completions.create({ model: 'model-name-xyz', messages: user('hello') })
    await fetch(`${url}/v1/unknown/path-abc`, { method: 'POST', body: '{}' })
    const text = await (await fetch(`${url}/metrics`)).text()
    expect(text).toContain('outcome="matched"')
    expect(text).toContain('outcome="error"')
    for (const value of ['secret-session-name', 'model-name-xyz', 'path-abc', '/v1/'])
      expect(text).not.toContain(value)
  })

  test('two mocks in one process count apart (each has its own registry)', async () => {
    const a = await start(createStandin({ metrics: true }).onMessage('hello', { content: 'Hi' }))
    const b = await start(createStandin({ metrics: true }).onMessage('hello', { content: 'Hi' }))
    await a.openai.chat.completions.create({ model: 'gpt-4o', messages: user('hello') })
    await a.openai.chat.completions.create({ model: 'gpt-4o', messages: user('hello') })
    await b.openai.chat.completions.create({ model: 'gpt-4o', messages: user('hello') })
    const matched = key({
      provider: 'openai',
      surface: 'openai.chat',
      outcome: 'matched',
      status_class: '2xx',
    })
    expect(samples(await scrape(a.url), 'standin_requests_total').get(matched)).toBe(2)
    expect(samples(await scrape(b.url), 'standin_requests_total').get(matched)).toBe(1)
  })

  test('in process too: handle() serves /metrics and counts what it answered', async () => {
    const mock = createStandin({ metrics: true }).onMessage('hello', { content: 'Hi' })
    const openai = new OpenAI({
      baseURL: 'https://api.openai.com/v1',
      apiKey: 'k',
      maxRetries: 0,
      fetch: (input, init) => mock.handle(new Request(input, init)),
    })
    await openai.chat.completions.create({ model: 'gpt-4o', messages: user('hello') })
    const response = await mock.handle(new Request('https://api.openai.com/metrics'))
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    expect(await response.text()).toMatch(
      /^standin_requests_total\{provider="openai",surface="openai\.chat",outcome="matched",status_class="2xx"\} 1$/m,
    )
  })

  test('off by default: /metrics is an unknown route (404)', async () => {
    const { url } = await start(createStandin())
    const response = await fetch(`${url}/metrics`)
    expect(response.status).toBe(404)
  })

  test('guarded like the control API: the control token, and no foreign page', async () => {
    const mock = createStandin({ metrics: true, auth: { controlToken: 'scrape-me', apiKeys: ['k'] } })
    const { url } = await start(mock)
    expect((await fetch(`${url}/metrics`)).status).toBe(401)
    // Provider API keys do not open it; the control token does.
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer k' } })).status).toBe(401)
    await scrape(url, { authorization: 'Bearer scrape-me' })
    const foreign = await fetch(`${url}/metrics`, {
      headers: { authorization: 'Bearer scrape-me', origin: 'https://evil.example' },
    })
    expect(foreign.status).toBe(403)
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
    expect(mock.journal.size).toBe(0)
  })
})
