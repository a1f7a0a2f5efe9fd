/**
 * Stream cut-offs through the official SDKs: `truncateAfterChunks` sends exactly that many frames (SSE
 * events, NDJSON lines, JSON-array elements, AWS event-stream messages) and `disconnectAfterMs` cuts the
 * connection that long after the response started. Either way the stream ends with a reset, never a clean
 * end, and the journal says `chaos: 'truncate'`.
 */
import Anthropic from '@anthropic-ai/sdk'
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime'
import { GoogleGenAI } from '@google/genai'
import OpenAI from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, type RunningServer, type Standin } from '../../src'
import { postJson } from '../helpers/mock-server'

let mock: Standin
let server: RunningServer
let openai: OpenAI
beforeAll(async () => {
  mock = createStandin({ strict: false })
  server = await mock.listen({ port: 0 })
  openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test-key', maxRetries: 0 })
})
afterAll(() => server.close())
beforeEach(() => mock.reset())

/** Everything an SDK stream yields, and what it threw at the end (undefined for a clean end). */
async function drain<T>(stream: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = []
  try {
    for await (const item of stream) items.push(item)
  } catch (error) {
    return { items, error }
  }
  return { items, error: undefined }
}

/** A raw body read to its end: the text that arrived, and the error it ended with. */
async function readRaw(response: Response): Promise<{ text: string; error: unknown }> {
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return { text, error: undefined }
      text += decoder.decode(value, { stream: true })
    }
  } catch (error) {
    return { text, error }
  }
}

const LONG = 'The quick brown fox jumps over the lazy dog. '.repeat(4)

describe('truncateAfterChunks through the SDKs', () => {
  test('openai chat completions: exactly N chunks, then the stream throws', async () => {
    mock.onMessage('cut', { content: LONG }, { chunkSize: 5, truncateAfterChunks: 3 })
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'cut' }],
    })
    const { items, error } = await drain(stream)
    expect(items).toHaveLength(3)
    expect(items.map((c) => c.choices[0]!.delta.content ?? '')).toEqual(['', 'The q', 'uick '])
    expect(error).toBeInstanceOf(Error)
    expect(mock.journal.last()!.response).toMatchObject({ status: 200, stream: true, chaos: 'truncate' })
  })

  test('openai Responses: exactly N events, then the stream throws', async () => {
    mock.onMessage('cut', { content: LONG }, { chunkSize: 5, truncateAfterChunks: 6 })
    const stream = await openai.responses.create({ model: 'gpt-4o', input: 'cut', stream: true })
    const { items, error } = await drain(stream)
    expect(items).toHaveLength(6)
    expect(items.at(-1)!.type).toBe('response.output_text.delta')
    expect(items.some((e) => e.type === 'response.completed')).toBe(false)
    expect(error).toBeInstanceOf(Error)
  })

  test('anthropic: the SDK sees the first N events (a ping counts on the wire), then throws', async () => {
    mock.onMessage('cut', { content: LONG }, { chunkSize: 5, truncateAfterChunks: 5 })
    const client = new Anthropic({ baseURL: server.url, apiKey: 'test-key', maxRetries: 0 })
    const stream = await client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 256,
      stream: true,
      messages: [{ role: 'user', content: 'cut' }],
    })
    const { items, error } = await drain(stream)
    // message_start, content_block_start, ping (which the SDK skips), two deltas.
    expect(items.map((e) => e.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
    ])
    expect(error).toBeInstanceOf(Error)
  })

  test('gemini (@google/genai, SSE): exactly N responses, then the stream throws', async () => {
    mock.onMessage('cut', { content: LONG }, { chunkSize: 5, truncateAfterChunks: 2 })
    const ai = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: server.url } })
    const stream = await ai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'cut' })
    const { items, error } = await drain(stream)
    expect(items.map((c) => c.text)).toEqual(['The q', 'uick '])
    expect(error).toBeInstanceOf(Error)
  })

  test('bedrock ConverseStream (AWS event stream over HTTP/2): exactly N events, then the SDK throws', async () => {
    mock.onMessage('cut', { content: LONG }, { chunkSize: 5, truncateAfterChunks: 3 })
    const client = new BedrockRuntimeClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      maxAttempts: 1,
    })
    try {
      const response = await client.send(
        new ConverseStreamCommand({
          modelId: 'us.anthropic.claude-3-5-sonnet-20241022-v2:0',
          messages: [{ role: 'user', content: [{ text: 'cut' }] }],
        }),
      )
      const { items, error } = await drain(response.stream!)
      expect(items.map((e) => Object.keys(e).find((k) => e[k as keyof typeof e] !== undefined))).toEqual([
        'messageStart',
        'contentBlockDelta',
        'contentBlockDelta',
      ])
      expect(error).toBeInstanceOf(Error)
    } finally {
      client.destroy()
    }
  })
})

describe('truncateAfterChunks on the wire', () => {
  test('SSE: N events, no [DONE]', async () => {
    mock.onMessage('cut', { content: LONG }, { chunkSize: 5, truncateAfterChunks: 4 })
    const response = await postJson(`${server.url}/v1/chat/completions`, {
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'cut' }],
    })
    const { text, error } = await readRaw(response)
    expect(text.split('\n\n').filter(Boolean)).toHaveLength(4)
    expect(text).not.toContain('[DONE]')
    expect(error).toBeInstanceOf(TypeError)
  })

  test('a Gemini JSON array: "[" and N elements, never the closing bracket', async () => {
    mock.onMessage('cut', { content: LONG }, { chunkSize: 5, truncateAfterChunks: 2 })
    const response = await postJson(
      `${server.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent`,
      { contents: [{ role: 'user', parts: [{ text: 'cut' }] }] },
      { 'x-goog-api-key': 'test-key' },
    )
    const { text, error } = await readRaw(response)
    expect(text.startsWith('[')).toBe(true)
    expect(text.endsWith(']')).toBe(false)
    expect(JSON.parse(`${text}]`)).toHaveLength(2)
    expect(error).toBeInstanceOf(TypeError)
  })

  test('Ollama NDJSON: N lines, no done line', async () => {
    mock.onMessage('cut', { content: LONG }, { chunkSize: 5, truncateAfterChunks: 3 })
    const response = await postJson(`${server.url}/api/chat`, {
      model: 'llama3',
      messages: [{ role: 'user', content: 'cut' }],
    })
    const { text, error } = await readRaw(response)
    const lines = text.split('\n').filter(Boolean)
    expect(lines).toHaveLength(3)
    for (const line of lines) expect(JSON.parse(line).done).toBe(false)
    expect(error).toBeInstanceOf(TypeError)
  })

  test('a stream shorter than N is sent whole and still cut: never a clean end', async () => {
    mock.onMessage('short', { content: 'Hi' }, { truncateAfterChunks: 100 })
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'short' }],
    })
    const { items, error } = await drain(stream)
    expect(items.map((c) => c.choices[0]!.delta.content ?? '').join('')).toBe('Hi')
    expect(items.at(-1)!.choices[0]!.finish_reason).toBe('stop')
    expect(error).toBeInstanceOf(Error)
  })

  test('in process (mock.handle, as MSW and Playwright use it), the stream errors after N events', async () => {
    mock.onMessage('cut', { content: LONG }, { chunkSize: 5, truncateAfterChunks: 2 })
    const response = await mock.handle(
      new Request('http://standin.test/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'cut' }] }),
      }),
    )
    const { text, error } = await readRaw(response)
    expect(text.split('\n\n').filter(Boolean)).toHaveLength(2)
    expect(error).toBeInstanceOf(TypeError)
  })

  test('a reply that is not streamed ignores truncateAfterChunks', async () => {
    mock.onMessage('whole', { content: 'All of it.' }, { truncateAfterChunks: 1 })
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'whole' }],
    })
    expect(completion.choices[0]!.message.content).toBe('All of it.')
    expect(mock.journal.last()!.response.chaos).toBeUndefined()
  })
})

describe('disconnectAfterMs', () => {
  test('cuts a slow stream: the SDK gets the chunks sent before the cut, then throws', async () => {
    // 60 chunks 50 ms apart take 3 s; the cut comes at 150 ms.
    mock.onMessage(
      'slow',
      { content: 'x'.repeat(300) },
      { chunkSize: 5, latency: 50, disconnectAfterMs: 150 },
    )
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'slow' }],
    })
    const { items, error } = await drain(stream)
    expect(error).toBeInstanceOf(Error)
    expect(items.length).toBeLessThan(60)
    expect(items.every((c) => c.choices[0]!.finish_reason === null)).toBe(true)
    expect(mock.journal.last()!.response).toMatchObject({ status: 200, chaos: 'truncate' })
  })

  test('0 cuts a stream right after its status and headers', async () => {
    mock.onMessage('now', { content: LONG }, { disconnectAfterMs: 0 })
    const response = await postJson(`${server.url}/v1/chat/completions`, {
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'now' }],
    })
    expect(response.status).toBe(200)
    const { text, error } = await readRaw(response)
    expect(text).toBe('')
    expect(error).toBeInstanceOf(TypeError)
  })

  test('a JSON reply due after the cut is never sent: APIConnectionError, journaled as a disconnect', async () => {
    mock.onMessage('late', { content: 'too late' }, { latency: 100, disconnectAfterMs: 20 })
    const error = await openai.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'late' }] })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError)
    expect(mock.journal.last()!.response).toMatchObject({ status: 0, stream: false, chaos: 'disconnect' })
  })

  test('a JSON reply due before the cut is sent whole', async () => {
    mock.onMessage('early', { content: 'in time' }, { latency: 5, disconnectAfterMs: 10_000 })
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'early' }],
    })
    expect(completion.choices[0]!.message.content).toBe('in time')
    expect(mock.journal.last()!.response.chaos).toBeUndefined()
  })
})
