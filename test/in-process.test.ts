import OpenAI from 'openai'
import { describe, expect, test } from 'vitest'
import { createStandin } from '../src'
import { readIncrementally, readJsonEvents } from './helpers/sse'

const chatRequest = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  new Request('http://api.openai.com/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }], ...body }),
  })

describe('mock.handle(Request) answers in-process, without a port', () => {
  test('a chat completion', async () => {
    const mock = createStandin({ strict: false })
    mock.onMessage('hello', { content: 'Hi in-process' })
    const response = await mock.handle(chatRequest({}))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/json')
    const body = await response.json()
    expect(body.choices[0].message.content).toBe('Hi in-process')
    expect(() => mock.url).toThrow()
    expect(mock.journal.last()).toMatchObject({ path: '/v1/chat/completions', response: { status: 200 } })
  })

  test('the OpenAI SDK works through a custom fetch that calls handle()', async () => {
    const mock = createStandin({ strict: false })
    mock.onToolCall('lookup', { toolCalls: [{ name: 'lookup', arguments: { id: 7 } }] })
    const client = new OpenAI({
      baseURL: 'http://standin.invalid/v1',
      apiKey: 'k',
      maxRetries: 0,
      fetch: (input, init) => mock.handle(new Request(input, init)),
    })
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'look up 7' }],
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
    })
    const call = completion.choices[0]!.message.tool_calls![0]!
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ id: 7 })
  })

  test('a streamed body is readable incrementally when paced', async () => {
    const mock = createStandin({ strict: false })
    mock.onMessage('hello', { content: 'one two three four' }, { chunkSize: 4, latency: 5 })
    const response = await mock.handle(chatRequest({ stream: true }))
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const { reads, events } = await readIncrementally(response.body!)
    const deltas = events
      .filter((e) => e.data !== '[DONE]')
      .map((e) => JSON.parse(e.data).choices[0]?.delta.content ?? '')
    expect(deltas.join('')).toBe('one two three four')
    expect(events.at(-1)!.data).toBe('[DONE]')
    // One read per paced content chunk at least: the body is a stream, not one buffered string.
    expect(reads).toBeGreaterThanOrEqual(Math.ceil('one two three four'.length / 4))
  })

  test('an unpaced stream is a complete SSE body', async () => {
    const mock = createStandin({ strict: false })
    mock.onMessage('hello', { content: 'quick' })
    const { chunks, done } = await readJsonEvents(await mock.handle(chatRequest({ stream: true })))
    expect(done).toBe(true)
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('quick')
  })

  test('cancelling a paced stream stops it cleanly', async () => {
    const mock = createStandin({ strict: false })
    mock.onMessage('hello', { content: 'x'.repeat(100) }, { chunkSize: 1, latency: 5 })
    const response = await mock.handle(chatRequest({ stream: true }))
    const reader = response.body!.getReader()
    const first = await reader.read()
    expect(first.done).toBe(false)
    await reader.cancel()
    const again = await mock.handle(chatRequest({}))
    expect(again.status).toBe(200)
  })

  test('misses, strictness and bad input behave as over HTTP', async () => {
    const mock = createStandin({ strict: true })
    const miss = await mock.handle(chatRequest({}))
    expect(miss.status).toBe(503)
    expect(miss.headers.get('x-should-retry')).toBe('false')
    const lenient = await mock.handle(chatRequest({}, { 'x-standin-strict': 'false' }))
    expect(lenient.status).toBe(404)
    const bad = await mock.handle(
      new Request('http://x/v1/chat/completions', { method: 'POST', body: '{"model":"gpt-4o"}' }),
    )
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.param).toBe('messages')
  })

  test('CORS preflight and headers are answered for browser callers', async () => {
    const mock = createStandin({ strict: false })
    const preflight = await mock.handle(new Request('http://x/v1/chat/completions', { method: 'OPTIONS' }))
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    mock.onMessage('hi', { content: 'Hello' })
    const request = (headers: Record<string, string>) =>
      mock.handle(
        new Request('http://x/v1/chat/completions', {
          method: 'POST',
          headers,
          body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
        }),
      )
    const fromBrowser = await request({ origin: 'http://localhost:3000' })
    expect(fromBrowser.headers.get('access-control-allow-origin')).toBe('*')
    expect(fromBrowser.headers.get('access-control-expose-headers')).toBe('*')
    // Server-side SDKs send no Origin; they need no CORS headers.
    const fromServer = await request({})
    expect(fromServer.status).toBe(200)
    expect(fromServer.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('strict defaults to CI=true', () => {
    const previous = process.env.CI
    try {
      process.env.CI = 'true'
      expect(createStandin().strict).toBe(true)
      process.env.CI = 'false'
      expect(createStandin().strict).toBe(false)
      expect(createStandin({ strict: true }).strict).toBe(true)
    } finally {
      if (previous === undefined) delete process.env.CI
      else process.env.CI = previous
    }
  })
})
