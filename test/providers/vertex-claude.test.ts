/**
 * Claude on Vertex AI: rawPredict / streamRawPredict / count-tokens:rawPredict.
 *
 * `@anthropic-ai/vertex-sdk` is not installed (it needs google-auth-library), so the Anthropic SDK is driven
 * through a `fetch` that makes the exact rewrite AnthropicVertex makes (packages/vertex-sdk/src/client.ts):
 * `/v1/messages` becomes `/projects/{p}/locations/{r}/publishers/anthropic/models/{model}:rawPredict` (or
 * `:streamRawPredict` when `stream` is set) with `model` moved out of the body, `/v1/messages/count_tokens`
 * becomes `…/models/count-tokens:rawPredict` with the model kept, and every body gets
 * `anthropic_version: "vertex-2023-10-16"`. The SDK then parses standin's answers as it parses Vertex's.
 */
import Anthropic from '@anthropic-ai/sdk'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, type RunningServer, type Standin } from '../../src'
import { postJson } from '../helpers/mock-server'
import { readEvents } from '../helpers/sse'

const PROJECT = 'my-project'
const REGION = 'us-east5'
const model = 'claude-sonnet-4-6@20260101'
let mock: Standin
let server: RunningServer
let client: Anthropic

/** What AnthropicVertex's request adapter does to each request, applied to the Anthropic SDK's fetch. */
function vertexFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : input)
  const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined
  if (body && !body.anthropic_version) body.anthropic_version = 'vertex-2023-10-16'
  const models = `/projects/${PROJECT}/locations/${REGION}/publishers/anthropic/models`
  if (url.pathname.endsWith('/v1/messages/count_tokens')) {
    url.pathname =
      url.pathname.slice(0, -'/v1/messages/count_tokens'.length) + `${models}/count-tokens:rawPredict`
  } else if (url.pathname.endsWith('/v1/messages')) {
    const { model: target, ...rest } = body
    url.pathname =
      url.pathname.slice(0, -'/v1/messages'.length) +
      `${models}/${target}:${rest.stream ? 'streamRawPredict' : 'rawPredict'}`
    return fetch(url, { ...init, body: JSON.stringify(rest), headers: withBearer(init.headers) })
  }
  return fetch(url, {
    ...init,
    body: body ? JSON.stringify(body) : init.body,
    headers: withBearer(init.headers),
  })
}

function withBearer(headers: RequestInit['headers']): Headers {
  const out = new Headers(headers)
  out.set('authorization', 'Bearer ya29.test-token')
  return out
}

beforeAll(async () => {
  mock = createStandin({ strict: false })
  server = await mock.listen({ port: 0 })
  // AnthropicVertex's base URL is `https://{region}-aiplatform.googleapis.com/v1`.
  client = new Anthropic({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0, fetch: vertexFetch })
})
afterAll(() => server.close())
beforeEach(() => mock.reset())

const rawPredict = `/v1/projects/${PROJECT}/locations/${REGION}/publishers/anthropic/models/${model}`
const user = (content: string) => [{ role: 'user' as const, content }]

describe('Claude on Vertex through the Anthropic SDK (Vertex request shape)', () => {
  test('messages.create goes to :rawPredict, the model comes from the path, ids are msg_vrtx_', async () => {
    mock.onMessage('hello', { content: 'Hi from Vertex' })
    const message = await client.messages.create({ model, max_tokens: 64, messages: user('hello') })
    expect(message.content).toEqual([{ type: 'text', text: 'Hi from Vertex' }])
    expect(message.model).toBe(model)
    expect(message.id).toMatch(/^msg_vrtx_/)
    const entry = mock.journal.last()!
    expect(entry.path).toBe(`${rawPredict}:rawPredict`)
    expect(entry.surface).toBe('vertex.claude')
    expect(JSON.parse(entry.body)).not.toHaveProperty('model')
    expect(entry.request?.model).toBe(model)
  })

  test('messages.stream goes to :streamRawPredict and assembles text and a tool call', async () => {
    mock.onMessage(
      'story',
      { content: 'Once upon a time.', toolCalls: [{ name: 'save', arguments: { title: 'Tale' } }] },
      { chunkSize: 5 },
    )
    const stream = client.messages.stream({ model, max_tokens: 64, messages: user('a story') })
    const deltas: string[] = []
    stream.on('text', (delta) => deltas.push(delta))
    const final = await stream.finalMessage()
    expect(deltas.length).toBeGreaterThan(1)
    expect(deltas.join('')).toBe('Once upon a time.')
    expect(final.content[1]).toEqual({
      type: 'tool_use',
      id: expect.stringMatching(/^toolu_vrtx_/),
      name: 'save',
      input: { title: 'Tale' },
    })
    expect(final.stop_reason).toBe('tool_use')
    expect(mock.journal.last()!.path).toBe(`${rawPredict}:streamRawPredict`)
  })

  test('messages.countTokens goes to count-tokens:rawPredict with the model in the body', async () => {
    const counted = await client.messages.countTokens({ model, messages: user('count these words please') })
    expect(counted.input_tokens).toBeGreaterThan(0)
    expect(mock.journal.last()!.path).toBe(
      `/v1/projects/${PROJECT}/locations/${REGION}/publishers/anthropic/models/count-tokens:rawPredict`,
    )
  })

  test('an error fixture is the SDK typed error; a miss is NotFoundError', async () => {
    mock.onMessage('overload', { error: { message: 'Slow down' }, status: 429 })
    await expect(
      client.messages.create({ model, max_tokens: 64, messages: user('overload') }),
    ).rejects.toBeInstanceOf(Anthropic.RateLimitError)
    await expect(
      client.messages.create({ model, max_tokens: 64, messages: user('unmatched') }),
    ).rejects.toBeInstanceOf(Anthropic.NotFoundError)
  })
})

describe('Claude on Vertex on the wire', () => {
  test(':streamRawPredict streams typed SSE even when the body does not set stream', async () => {
    mock.onMessage('hello', { content: 'Hi' })
    const response = await postJson(`${server.url}${rawPredict}:streamRawPredict`, {
      anthropic_version: 'vertex-2023-10-16',
      max_tokens: 64,
      messages: user('hello'),
    })
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const names = (await readEvents(response)).map((e) => e.event)
    expect(names[0]).toBe('message_start')
    expect(names.at(-1)).toBe('message_stop')
  })

  test('a body without anthropic_version is a 400 naming the field', async () => {
    const response = await postJson(`${server.url}${rawPredict}:rawPredict`, {
      max_tokens: 64,
      messages: user('hello'),
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'anthropic_version: Field required' },
    })
  })

  test('a body without max_tokens is a 400 naming the field', async () => {
    const response = await postJson(`${server.url}${rawPredict}:rawPredict`, {
      anthropic_version: 'vertex-2023-10-16',
      messages: user('hello'),
    })
    expect(response.status).toBe(400)
    expect((await response.json()).error.message).toBe('max_tokens: Field required')
  })
})
