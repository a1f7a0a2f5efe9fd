/**
 * Rate limits as SDKs see them: the providers' rate-limit headers on every reply, counting down per session,
 * and a quota answering the provider's own 429 that the openai SDK's retry gets past once the window ends.
 */
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { createStandin, type StandinOptions } from '../../src'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

async function start(options: StandinOptions = {}) {
  const mock = createStandin({ strict: false, ...options })
  mock.onMessage('hello', { content: 'Hi there, from the mock.' })
  const server = await mock.listen({ port: 0 })
  closers.push(server.close)
  const openai = (baseURL = `${server.url}/v1`, more: { maxRetries?: number; fetch?: typeof fetch } = {}) =>
    new OpenAI({ baseURL, apiKey: 'k', maxRetries: 0, ...more })
  const anthropic = new Anthropic({ baseURL: server.url, apiKey: 'k', maxRetries: 0 })
  return { mock, url: server.url, openai, anthropic }
}

const hello = [{ role: 'user' as const, content: 'hello' }]

describe('headers on every reply', () => {
  test('OpenAI: the six x-ratelimit headers on a 200, requests and tokens counting down from usage', async () => {
    const { openai } = await start()
    const client = openai()
    const first = await client.chat.completions.create({ model: 'gpt-4o', messages: hello }).withResponse()
    const h = first.response.headers
    expect(h.get('x-ratelimit-limit-requests')).toBe('10000')
    expect(h.get('x-ratelimit-remaining-requests')).toBe('9999')
    expect(h.get('x-ratelimit-limit-tokens')).toBe('2000000')
    expect(h.get('x-ratelimit-remaining-tokens')).toBe(String(2_000_000 - first.data.usage!.total_tokens))
    expect(h.get('x-ratelimit-reset-requests')).toMatch(/^(\d+m)?\d+(\.\d+)?s$/)
    expect(h.get('x-ratelimit-reset-tokens')).toBe(h.get('x-ratelimit-reset-requests'))

    const second = await client.chat.completions.create({ model: 'gpt-4o', messages: hello }).withResponse()
    expect(second.response.headers.get('x-ratelimit-remaining-requests')).toBe('9998')
    expect(second.response.headers.get('x-ratelimit-remaining-tokens')).toBe(
      String(2_000_000 - first.data.usage!.total_tokens - second.data.usage!.total_tokens),
    )
  })

  test('Anthropic: requests, tokens, input- and output-token headers with RFC 3339 resets', async () => {
    const { anthropic } = await start({ rateLimits: { requestsPerWindow: 50, tokensPerWindow: 40_000 } })
    const { data, response } = await anthropic.messages
      .create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: hello })
      .withResponse()
    const h = response.headers
    expect(h.get('anthropic-ratelimit-requests-limit')).toBe('50')
    expect(h.get('anthropic-ratelimit-requests-remaining')).toBe('49')
    expect(h.get('anthropic-ratelimit-tokens-limit')).toBe('40000')
    const { input_tokens: input, output_tokens: output } = data.usage
    expect(h.get('anthropic-ratelimit-tokens-remaining')).toBe(String(40_000 - input - output))
    expect(h.get('anthropic-ratelimit-input-tokens-remaining')).toBe(String(40_000 - input))
    expect(h.get('anthropic-ratelimit-output-tokens-remaining')).toBe(String(40_000 - output))
    for (const kind of ['requests', 'tokens', 'input-tokens', 'output-tokens']) {
      const reset = h.get(`anthropic-ratelimit-${kind}-reset`)!
      expect(reset).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/)
      expect(Date.parse(reset)).toBeGreaterThan(Date.parse(h.get('date')!) - 1000)
    }
    expect(h.get('x-ratelimit-limit-requests')).toBeNull()
  })

  test('each session counts alone; the global scope counts every request together', async () => {
    const { mock, openai } = await start()
    const [a, b] = [mock.session('a'), mock.session('b')]
    const remaining = async (url: string) => {
      const { response } = await openai(`${url}/v1`)
        .chat.completions.create({ model: 'm', messages: hello })
        .withResponse()
      return response.headers.get('x-ratelimit-remaining-requests')
    }
    expect(await remaining(a.url)).toBe('9999')
    expect(await remaining(a.url)).toBe('9998')
    expect(await remaining(b.url)).toBe('9999')
    b.reset()
    expect(await remaining(b.url)).toBe('9999')

    const global = await start({ rateLimits: { scope: 'global' } })
    const [c, d] = [global.mock.session('c'), global.mock.session('d')]
    const remainingGlobal = async (url: string) => {
      const { response } = await global
        .openai(`${url}/v1`)
        .chat.completions.create({ model: 'm', messages: hello })
        .withResponse()
      return response.headers.get('x-ratelimit-remaining-requests')
    }
    expect(await remainingGlobal(c.url)).toBe('9999')
    expect(await remainingGlobal(d.url)).toBe('9998')
  })

  test('a streamed answer carries the headers, and its usage counts against the next request', async () => {
    const { openai } = await start()
    const client = openai()
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'm', messages: hello, stream: true, stream_options: { include_usage: true } })
      .withResponse()
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('9999')
    let total = 0
    for await (const chunk of stream) total = chunk.usage?.total_tokens ?? total
    expect(total).toBeGreaterThan(0)
    const next = await client.chat.completions.create({ model: 'm', messages: hello }).withResponse()
    expect(next.response.headers.get('x-ratelimit-remaining-tokens')).toBe(
      String(2_000_000 - total - next.data.usage!.total_tokens),
    )
  })

  test('headers: false sends none; rateLimits: false turns everything off', async () => {
    for (const rateLimits of [{ headers: false }, false] as const) {
      const { openai } = await start({ rateLimits })
      const { response } = await openai()
        .chat.completions.create({ model: 'm', messages: hello })
        .withResponse()
      expect(response.status).toBe(200)
      expect(response.headers.get('x-ratelimit-remaining-requests')).toBeNull()
    }
  })
})

describe('a quota answers the provider’s 429', () => {
  test('OpenAI: past N requests, RateLimitError with rate_limit_exceeded, retry-after and the headers', async () => {
    const { openai } = await start({ rateLimits: { requestsPerWindow: 2 } })
    const client = openai()
    for (let i = 0; i < 2; i++) await client.chat.completions.create({ model: 'gpt-4o', messages: hello })
    const error = await client.chat.completions
      .create({ model: 'gpt-4o', messages: hello })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.RateLimitError)
    const rateLimited = error as InstanceType<typeof OpenAI.RateLimitError>
    expect(rateLimited.status).toBe(429)
    expect(rateLimited.code).toBe('rate_limit_exceeded')
    expect(rateLimited.type).toBe('requests')
    expect(rateLimited.message).toMatch(/Limit 2, Used 2, Requested 1/)
    const retryAfter = Number(rateLimited.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(Number(rateLimited.headers.get('retry-after-ms'))).toBeGreaterThan(0)
    expect(rateLimited.headers.get('x-ratelimit-remaining-requests')).toBe('0')
  })

  test('Anthropic: past N requests, RateLimitError of type rate_limit_error with retry-after', async () => {
    const { anthropic } = await start({ rateLimits: { requestsPerWindow: 1 } })
    await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: hello })
    const error = await anthropic.messages
      .create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: hello })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Anthropic.RateLimitError)
    const rateLimited = error as InstanceType<typeof Anthropic.RateLimitError>
    expect((rateLimited.error as { error: { type: string } }).error.type).toBe('rate_limit_error')
    expect(rateLimited.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(rateLimited.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0')
  })

  test('a token quota refuses the request that would pass it, with type "tokens"', async () => {
    const { openai } = await start({ rateLimits: { tokensPerWindow: 30 } })
    const client = openai()
    const first = await client.chat.completions.create({ model: 'm', messages: hello })
    expect(first.usage!.total_tokens).toBeLessThan(30)
    const results: unknown[] = []
    for (let i = 0; i < 5; i++)
      results.push(await client.chat.completions.create({ model: 'm', messages: hello }).catch((e) => e))
    const refused = results.find((r) => r instanceof OpenAI.RateLimitError) as
      InstanceType<typeof OpenAI.RateLimitError> | undefined
    expect(refused?.type).toBe('tokens')
  })

  // The window is long enough that the second request always lands inside it on a loaded machine, and the
  // SDK's retry waits `retry-after-ms` (what is left of it) rather than a timer in the test.
  test("the openai SDK's own retry waits out the window and gets the sequence's next answer", async () => {
    const { mock, openai } = await start({ rateLimits: { requestsPerWindow: 1, windowMs: 400 } })
    mock.add([
      { match: { userMessage: 'again', sequenceIndex: 0 }, response: { content: 'first' } },
      { match: { userMessage: 'again', sequenceIndex: 1 }, response: { content: 'second' } },
    ])
    const statuses: number[] = []
    const counting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      statuses.push(response.status)
      return response
    }
    const client = openai(undefined, { maxRetries: 3, fetch: counting })
    const again = [{ role: 'user' as const, content: 'again' }]
    const first = await client.chat.completions.create({ model: 'm', messages: again })
    expect(first.choices[0]!.message.content).toBe('first')
    const retried = await client.chat.completions.create({ model: 'm', messages: again })
    expect(retried.choices[0]!.message.content).toBe('second')
    expect(statuses.slice(0, 2)).toEqual([200, 429])
    expect(statuses.at(-1)).toBe(200)
  })

  // The quota is decided before a fixture is selected: the refused request neither takes the sequence's
  // next answer nor shows a fixture in the journal. The limiter reads Date.now(), so a fake clock passes
  // the window without a real wait.
  test('a refused request does not advance a sequence, and the journal shows its 429', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const { mock, openai } = await start({ rateLimits: { requestsPerWindow: 1, windowMs: 60_000 } })
      mock.add([
        { match: { userMessage: 'count', sequenceIndex: 0 }, response: { content: 'first' } },
        { match: { userMessage: 'count', sequenceIndex: 1 }, response: { content: 'second' } },
      ])
      const client = openai()
      const ask = () =>
        client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'count' }] })
      expect((await ask()).choices[0]!.message.content).toBe('first')
      const refused = await ask().catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(OpenAI.RateLimitError)
      expect(
        (refused as InstanceType<typeof OpenAI.RateLimitError>).headers.get('x-ratelimit-remaining-requests'),
      ).toBe('0')

      const entry = mock.journal.last()!
      expect(entry.response).toMatchObject({ status: 429, rateLimited: 'requests' })
      expect(entry.response.error?.code).toBe('rate_limit_exceeded')
      expect(entry.fixture).toBeNull()

      vi.setSystemTime(Date.now() + 60_000)
      const third = await ask().withResponse()
      expect(third.data.choices[0]!.message.content).toBe('second')
      expect(third.response.headers.get('x-ratelimit-remaining-requests')).toBe('0')
      expect(mock.journal.entries.map((e) => e.response.status)).toEqual([200, 429, 200])
    } finally {
      vi.useRealTimers()
    }
  })

  test('a request chaos cuts stays cut past the quota: no 429 chaos did not journal', async () => {
    const { openai } = await start({ rateLimits: { requestsPerWindow: 1 } })
    const client = openai()
    await client.chat.completions.create({ model: 'm', messages: hello })
    const cut = await client.chat.completions
      .create({ model: 'm', messages: hello }, { headers: { 'x-standin-chaos-disconnect': '1' } })
      .catch((e: unknown) => e)
    expect(cut).toBeInstanceOf(OpenAI.APIConnectionError)
    const refused = await client.chat.completions
      .create({ model: 'm', messages: hello })
      .catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError)
  })

  test('other providers get their own 429 shape with retry-after (Gemini)', async () => {
    const { url } = await start({ rateLimits: { requestsPerWindow: 1 } })
    const post = () =>
      fetch(`${url}/v1beta/models/gemini-2.0-flash:generateContent`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hello' }] }] }),
      })
    const served = await post()
    expect(served.status).toBe(200)
    // Gemini documents no rate-limit headers: a success carries none (docs/decisions/rate-limits.md).
    const names = [...served.headers.keys()]
    expect(names.filter((name) => name.includes('ratelimit'))).toEqual([])
    const refused = await post()
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(((await refused.json()) as { error: { status: string } }).error.status).toBe('RESOURCE_EXHAUSTED')
  })
})

test('a bad option fails fast, naming the field', () => {
  expect(() => createStandin({ rateLimits: { requestsPerWindow: 0 } })).toThrow(
    /rateLimits.requestsPerWindow/,
  )
  expect(() => createStandin({ rateLimits: { scope: 'org' as 'global' } })).toThrow(/rateLimits.scope/)
})
