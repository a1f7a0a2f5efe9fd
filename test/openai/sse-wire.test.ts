import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { postJson, startOpenAIMock, type OpenAIMock } from '../helpers/mock-server'
import { readEvents, readIncrementally, readJsonEvents } from '../helpers/sse'

let server: OpenAIMock
beforeAll(async () => {
  server = await startOpenAIMock()
})
afterAll(() => server.close())
beforeEach(() => server.mock.reset())

const stream = (content: string, extra: Record<string, unknown> = {}) =>
  postJson(`${server.url}/v1/chat/completions`, {
    model: 'gpt-4o',
    stream: true,
    messages: [{ role: 'user', content }],
    ...extra,
  })

describe('SSE framing', () => {
  test('content-type is text/event-stream and every event is one `data: <json>` line then a blank line', async () => {
    server.mock.onMessage('frame', { content: 'Hello, streaming world!' }, { chunkSize: 5 })
    const response = await stream('frame me')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(response.headers.get('cache-control')).toBe('no-cache')
    const text = await response.text()
    const frames = text.split('\n\n')
    expect(frames.pop()).toBe('')
    for (const frame of frames) expect(frame).toMatch(/^data: [^\n]+$/)
    expect(frames.at(-1)).toBe('data: [DONE]')
    for (const frame of frames.slice(0, -1))
      expect(() => JSON.parse(frame.slice('data: '.length))).not.toThrow()
  })

  test('the first chunk carries the role, then content deltas, a finish_reason chunk and [DONE] last', async () => {
    server.mock.onMessage('order', { content: 'abcdefghij' }, { chunkSize: 4 })
    const { chunks, done } = await readJsonEvents(await stream('order please'))
    expect(done).toBe(true)
    expect(chunks[0].choices[0].delta.role).toBe('assistant')
    for (const chunk of chunks.slice(1)) expect(chunk.choices[0].delta.role).toBeUndefined()
    const content = chunks.slice(1, -1).map((c) => c.choices[0].delta.content)
    expect(content).toEqual(['abcd', 'efgh', 'ij'])
    const last = chunks.at(-1)
    expect(last.choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' })
    for (const chunk of chunks.slice(0, -1)) expect(chunk.choices[0].finish_reason).toBeNull()
    for (const chunk of chunks) {
      expect(chunk.object).toBe('chat.completion.chunk')
      expect(chunk.id).toBe(chunks[0].id)
      expect(chunk.model).toBe('gpt-4o')
    }
  })

  test('tool-call deltas carry index, id and name on the first delta of each call only', async () => {
    server.mock.onMessage(
      'tools',
      {
        toolCalls: [
          { name: 'lookup', arguments: { query: 'a fairly long query string' } },
          { name: 'fetch_page', arguments: { url: 'https://example.com/' } },
        ],
      },
      { chunkSize: 8 },
    )
    const { chunks, done } = await readJsonEvents(await stream('tools'))
    expect(done).toBe(true)
    const deltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? [])
    for (const index of [0, 1]) {
      const own = deltas.filter((d: any) => d.index === index)
      expect(own.length).toBeGreaterThan(2)
      expect(own[0]).toMatchObject({ index, id: expect.stringMatching(/^call_/), type: 'function' })
      expect(own[0].function.name).toBe(index === 0 ? 'lookup' : 'fetch_page')
      for (const later of own.slice(1)) {
        expect(Object.keys(later).sort()).toEqual(['function', 'index'])
        expect(Object.keys(later.function)).toEqual(['arguments'])
      }
    }
    const args = (index: number) =>
      JSON.parse(
        deltas
          .filter((d: any) => d.index === index)
          .map((d: any) => d.function.arguments)
          .join(''),
      )
    expect(args(0)).toEqual({ query: 'a fairly long query string' })
    expect(args(1)).toEqual({ url: 'https://example.com/' })
    const firstOfSecond = deltas.findIndex((d: any) => d.index === 1)
    expect(deltas.slice(firstOfSecond).every((d: any) => d.index === 1)).toBe(true)
    expect(chunks.at(-1).choices[0].finish_reason).toBe('tool_calls')
  })

  test('multi-byte text is never split inside a character', async () => {
    const content = '👋🏽 héllo — 世界 🌍'
    server.mock.onMessage('unicode', { content }, { chunkSize: 1 })
    const { chunks } = await readJsonEvents(await stream('unicode'))
    const deltas = chunks.map((c) => c.choices[0].delta.content).filter((t) => t)
    expect(deltas.join('')).toBe(content)
    expect(deltas.length).toBe([...content].length)
  })

  test('every chunk is exactly the JSON.stringify of its parsed value, escapes and key order included', async () => {
    // Delta chunks are written from a per-stream template; they must be the bytes a whole-object encode gives.
    const content = 'quotes " and \\ backslash, a\nnew line, \u2028, </script>, tab\t, \u0001 and 👋🏽'
    server.mock.onMessage('exact', { content, reasoning: 'think "hard"\n' }, { chunkSize: 7 })
    for (const extra of [{}, { stream_options: { include_usage: true } }]) {
      const text = await (await stream('exact bytes', extra)).text()
      const lines = text
        .split('\n\n')
        .filter((frame) => frame !== '' && frame !== 'data: [DONE]')
        .map((frame) => frame.slice('data: '.length))
      for (const line of lines) expect(line).toBe(JSON.stringify(JSON.parse(line)))
      const chunks = lines.map((line) => JSON.parse(line))
      expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(content)
      expect(chunks.map((c) => c.choices[0]?.delta.reasoning_content ?? '').join('')).toBe('think "hard"\n')
      const deltaChunk = chunks.find((c) => c.choices[0]?.delta.content === content.slice(0, 7))
      expect(Object.keys(deltaChunk)).toEqual(Object.keys(chunks[0]))
      if ('stream_options' in extra) expect(deltaChunk.usage).toBeNull()
      else expect('usage' in deltaChunk).toBe(false)
    }
  })

  test('include_usage sends usage null on every chunk and a choices-empty usage chunk before [DONE]', async () => {
    server.mock.onMessage('usage', { content: 'some text' })
    const { chunks } = await readJsonEvents(
      await stream('usage', { stream_options: { include_usage: true } }),
    )
    const last = chunks.at(-1)
    expect(last.choices).toEqual([])
    expect(last.usage.total_tokens).toBe(last.usage.prompt_tokens + last.usage.completion_tokens)
    for (const chunk of chunks.slice(0, -1)) expect(chunk.usage).toBeNull()
  })

  test('a streamed miss is an ordinary JSON error, not a stream', async () => {
    const response = await stream('nothing matches')
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toContain('application/json')
    expect((await response.json()).error.code).toBe('no_fixture_match')
  })
})

describe('pacing', () => {
  test('chunkSize cuts text into that many characters per chunk', async () => {
    const content = 'x'.repeat(50)
    server.mock.onMessage('size', { content }, { chunkSize: 10 })
    const { chunks } = await readJsonEvents(await stream('size'))
    const deltas = chunks.map((c) => c.choices[0].delta.content).filter((t) => t)
    expect(deltas).toEqual(Array(5).fill('x'.repeat(10)))
  })

  test('the mock-wide chunkSize applies when a fixture sets none', async () => {
    const wide = await startOpenAIMock({ chunkSize: 3 })
    try {
      wide.mock.onMessage('wide', { content: 'abcdefgh' })
      const response = await postJson(`${wide.url}/v1/chat/completions`, {
        model: 'gpt-4o',
        stream: true,
        messages: [{ role: 'user', content: 'wide' }],
      })
      const { chunks } = await readJsonEvents(response)
      expect(chunks.map((c) => c.choices[0].delta.content).filter((t) => t)).toEqual(['abc', 'def', 'gh'])
    } finally {
      await wide.close()
    }
  })

  test('with latency, chunks arrive separately: several reads, each completing events', async () => {
    server.mock.onMessage('paced', { content: 'one two three four five' }, { chunkSize: 4, latency: 25 })
    const response = await stream('paced please')
    const { reads, eventsPerRead, events } = await readIncrementally(response.body!)
    const contentChunks = Math.ceil('one two three four five'.length / 4)
    // start + content deltas + finish + [DONE]
    expect(events).toHaveLength(contentChunks + 3)
    expect(events.at(-1)!.data).toBe('[DONE]')
    // Reads may coalesce chunks on a busy machine, so count separate arrivals rather than exact ones.
    expect(reads).toBeGreaterThan(1)
    expect(eventsPerRead.filter((n) => n > 0).length).toBeGreaterThan(1)
    expect(eventsPerRead[0]).toBeLessThan(events.length)
  })

  test('without latency the stream is written in one piece, not one event per read', async () => {
    server.mock.onMessage('burst', { content: 'one two three four five' }, { chunkSize: 4 })
    const response = await stream('burst')
    const { reads, events } = await readIncrementally(response.body!)
    expect(events).toHaveLength(Math.ceil(23 / 4) + 3)
    expect(reads).toBeLessThan(events.length)
  })

  test('a streaming profile (ttft, tps) paces chunks too', async () => {
    server.mock.onMessage(
      'profile',
      { content: 'abcdef' },
      { chunkSize: 2, streamingProfile: { ttft: 10, tps: 200 } },
    )
    const response = await stream('profile')
    const { reads, events } = await readIncrementally(response.body!)
    expect(events.map((e) => e.data).at(-1)).toBe('[DONE]')
    expect(reads).toBeGreaterThan(1)
  })

  test('a client that disconnects mid-stream does not break the server', async () => {
    server.mock.onMessage('abandon', { content: 'x'.repeat(200) }, { chunkSize: 5, latency: 20 })
    const response = await postJson(`${server.url}/v1/chat/completions`, {
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'abandon' }],
    })
    const reader = response.body!.getReader()
    expect((await reader.read()).done).toBe(false)
    await reader.cancel()
    server.mock.onMessage('after', { content: 'still here' })
    const events = await readEvents(await stream('after'))
    expect(events.at(-1)!.data).toBe('[DONE]')
  })
})
