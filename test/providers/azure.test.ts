import OpenAI, { AzureOpenAI } from 'openai'
import type { ChatCompletionChunk } from 'openai/resources/chat/completions'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { applyProviderEnv, createStandin, type RunningServer, type Standin } from '../../src'
import { postJson } from '../helpers/mock-server'
import { readJsonEvents } from '../helpers/sse'

const API_VERSION = '2024-10-21'
let mock: Standin
let server: RunningServer
let client: AzureOpenAI

beforeAll(async () => {
  mock = createStandin({ strict: false })
  server = await mock.listen({ port: 0 })
  client = new AzureOpenAI({
    endpoint: server.url,
    apiKey: 'test-key',
    apiVersion: API_VERSION,
    deployment: 'my-gpt',
    maxRetries: 0,
  })
})
afterAll(() => server.close())
beforeEach(() => mock.reset())

const user = (content: string) => [{ role: 'user' as const, content }]
const deploymentUrl = (deployment: string, api: string, query = `?api-version=${API_VERSION}`) =>
  `${server.url}/openai/deployments/${deployment}/${api}${query}`

describe('chat completions on a deployment', () => {
  test('the AzureOpenAI client reaches the deployment route and the journal shows provider azure', async () => {
    mock.onMessage('hello', { content: 'Hi from Azure' })
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: user('hello') })
    expect(completion.choices[0]!.message.content).toBe('Hi from Azure')
    expect(completion.choices[0]!.finish_reason).toBe('stop')
    expect(completion.id).toMatch(/^chatcmpl-/)
    const entry = mock.journal.last()!
    expect(entry.path).toBe(`/openai/deployments/my-gpt/chat/completions?api-version=${API_VERSION}`)
    expect(entry).toMatchObject({ surface: 'azure.chat', provider: 'azure' })
    expect(entry.request).toMatchObject({ surface: 'azure.chat', provider: 'azure', model: 'gpt-4o' })
    expect(entry.headers['api-key']).toBe('[redacted]')
  })

  test('the deployment is the model when the body names none', async () => {
    mock.on({ model: 'my-gpt', userMessage: 'who' }, { content: 'the deployment answered' })
    const response = await postJson(deploymentUrl('my-gpt', 'chat/completions'), {
      messages: user('who are you'),
    })
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.model).toBe('my-gpt')
    expect(body.choices[0].message.content).toBe('the deployment answered')
    expect(mock.journal.last()!.request?.model).toBe('my-gpt')
  })

  test("JSON answers carry Azure's content-filter annotations, all clear", async () => {
    mock.onMessage('filters', { content: 'clean' })
    const body = await (
      await postJson(deploymentUrl('d', 'chat/completions'), { messages: user('filters') })
    ).json()
    const safe = { filtered: false, severity: 'safe' }
    const categories = { hate: safe, self_harm: safe, sexual: safe, violence: safe }
    expect(body.prompt_filter_results).toEqual([{ prompt_index: 0, content_filter_results: categories }])
    expect(body.choices[0].content_filter_results).toEqual(categories)
  })

  test('a stream through the SDK assembles, in several chunks', async () => {
    const content = 'Streaming through an Azure deployment works.'
    mock.onMessage('stream', { content }, { chunkSize: 6 })
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: user('stream it'),
      stream: true,
    })
    const chunks: ChatCompletionChunk[] = []
    for await (const chunk of stream) chunks.push(chunk)
    const deltas = chunks.map((c) => c.choices[0]?.delta.content ?? '').filter((t) => t !== '')
    expect(deltas.length).toBe(Math.ceil(content.length / 6))
    expect(deltas.join('')).toBe(content)
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('stop')
  })

  test('on the wire a stream is OpenAI chunks ending in data: [DONE], with usage when asked', async () => {
    mock.onMessage('wire', { content: 'abcdef' }, { chunkSize: 3 })
    const response = await postJson(deploymentUrl('d', 'chat/completions'), {
      messages: user('wire'),
      stream: true,
      stream_options: { include_usage: true },
    })
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const { chunks, done } = await readJsonEvents(response)
    expect(done).toBe(true)
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? null)).toEqual(['', 'abc', 'def', null, null])
    expect(chunks.at(-2).choices[0].finish_reason).toBe('stop')
    expect(chunks.at(-1).choices).toEqual([])
    expect(chunks.at(-1).usage).toMatchObject({ completion_tokens: 2 })
    for (const chunk of chunks) expect(chunk.model).toBe('d')
  })

  test('tool calls arrive parsed through the SDK, streamed and not, and offered tools reach the journal', async () => {
    mock.onToolCall('get_weather', { toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] })
    const tools = [
      { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object' } } },
    ]
    const plain = await client.chat.completions.create({ model: 'gpt-4o', messages: user('weather?'), tools })
    const streamed = await client.chat.completions
      .stream({ model: 'gpt-4o', messages: user('weather?'), tools })
      .finalChatCompletion()
    for (const completion of [plain, streamed]) {
      const call = completion.choices[0]!.message.tool_calls![0]!
      expect(call.type === 'function' && call.function.name).toBe('get_weather')
      expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'Oslo' })
      expect(completion.choices[0]!.finish_reason).toBe('tool_calls')
    }
    const request = mock.journal.last()!.request
    expect(request?.kind === 'chat' && request.tools.map((t) => t.name)).toEqual(['get_weather'])
  })
})

describe('embeddings on a deployment', () => {
  test('the SDK gets one vector per input (base64 on the wire, as it asks)', async () => {
    const result = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['one', 'two'] })
    expect(result.data).toHaveLength(2)
    expect(result.data[0]!.embedding).toHaveLength(1536)
    expect(result.data[0]!.embedding).not.toEqual(result.data[1]!.embedding)
    const entry = mock.journal.last()!
    expect(entry.path).toBe(`/openai/deployments/my-gpt/embeddings?api-version=${API_VERSION}`)
    expect(entry).toMatchObject({ surface: 'azure.embeddings', provider: 'azure' })
  })

  test('a fixture vector answers, and the deployment is the model when the body names none', async () => {
    mock.onEmbedding('vector please', [0.5, 0.25])
    const response = await postJson(deploymentUrl('my-embedder', 'embeddings'), { input: 'vector please' })
    const body = await response.json()
    expect(body.data[0].embedding).toEqual([0.5, 0.25])
    expect(body.model).toBe('my-embedder')
    expect(mock.journal.last()!.request?.model).toBe('my-embedder')
  })
})

describe('responses', () => {
  test('the AzureOpenAI client posts to /openai/responses, and the answer chains and is retrievable', async () => {
    mock.onMessage('first', { content: 'First answer' })
    mock.on({ userMessage: 'second', turnIndex: 1 }, { content: 'Second answer' })
    const first = await client.responses.create({ model: 'my-gpt', input: 'first' })
    expect(first.output_text).toBe('First answer')
    expect(mock.journal.last()).toMatchObject({
      path: `/openai/responses?api-version=${API_VERSION}`,
      surface: 'azure.responses',
      provider: 'azure',
    })
    const second = await client.responses.create({
      model: 'my-gpt',
      input: 'second',
      previous_response_id: first.id,
    })
    expect(second.output_text).toBe('Second answer')
    const retrieved = await client.responses.retrieve(first.id)
    expect(retrieved.output_text).toBe('First answer')
    expect(mock.journal.last()).toMatchObject({ surface: 'azure.responses.retrieve', provider: 'azure' })
  })

  test('a streamed response assembles through the SDK', async () => {
    mock.onMessage('stream a response', { content: 'Streamed from Azure' }, { chunkSize: 5 })
    const stream = client.responses.stream({ model: 'my-gpt', input: 'stream a response' })
    const deltas: string[] = []
    stream.on('response.output_text.delta', (event) => deltas.push(event.delta))
    const final = await stream.finalResponse()
    expect(final.output_text).toBe('Streamed from Azure')
    expect(deltas.length).toBeGreaterThan(1)
  })

  test('the deployment route takes the deployment as the model', async () => {
    mock.on({ model: 'my-gpt', userMessage: 'deployment route' }, { content: 'ok' })
    const response = await postJson(deploymentUrl('my-gpt', 'responses'), { input: 'deployment route' })
    const body = await response.json()
    expect(body.model).toBe('my-gpt')
    expect(body.output[0].content[0].text).toBe('ok')
  })
})

describe('errors', () => {
  test("an error fixture arrives as the SDK's typed error in Azure's envelope", async () => {
    mock.onMessage('busy', {
      error: { message: 'Requests have exceeded the rate limit.' },
      status: 429,
      retryAfter: 2,
    })
    const error = await client.chat.completions
      .create({ model: 'gpt-4o', messages: user('busy') })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.RateLimitError)
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).status).toBe(429)
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).code).toBe('429')
    const raw = await postJson(deploymentUrl('d', 'chat/completions'), { messages: user('busy') })
    expect(raw.status).toBe(429)
    expect(raw.headers.get('retry-after')).toBe('2')
    expect(raw.headers.get('x-ms-error-code')).toBe('429')
    expect(await raw.json()).toEqual({
      error: { code: '429', message: 'Requests have exceeded the rate limit.' },
    })
  })

  test("a content-filter error keeps its code, as Azure's filter rejects a prompt", async () => {
    mock.onMessage('blocked', {
      error: { message: 'The response was filtered.', code: 'content_filter', param: 'prompt' },
      status: 400,
    })
    const error = await client.chat.completions
      .create({ model: 'gpt-4o', messages: user('blocked') })
      .catch((e) => e)
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect(error).toMatchObject({ status: 400, code: 'content_filter', param: 'prompt' })
  })

  test('a missing api-version is a 404 "Resource not found", as Azure answers', async () => {
    mock.onMessage('hello', { content: 'Hi' })
    const response = await postJson(deploymentUrl('d', 'chat/completions', ''), { messages: user('hello') })
    expect(response.status).toBe(404)
    const body = await response.json()
    expect(body.error.code).toBe('404')
    expect(body.error.message).toMatch(/^Resource not found/)
    expect(body.error.message).toContain('api-version')
  })

  test('bad input names the field, and the SDK raises a BadRequestError', async () => {
    const response = await postJson(deploymentUrl('d', 'chat/completions'), { messages: [] })
    expect(response.status).toBe(400)
    expect((await response.json()).error).toMatchObject({ code: '400', param: 'messages' })
    const error = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'wizard', content: 'x' }] as never })
      .catch((e) => e)
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect(error.param).toBe('messages[0].role')
  })

  test('a miss is a 404 in the Azure envelope with the diagnostic', async () => {
    const error = await client.chat.completions
      .create({ model: 'gpt-4o', messages: user('nothing matches this') })
      .catch((e) => e)
    expect(error).toBeInstanceOf(OpenAI.NotFoundError)
    expect(error.code).toBe('no_fixture_match')
  })
})

describe('environment and the v1 API', () => {
  test('AZURE_OPENAI_ENDPOINT from the provider env points the AzureOpenAI client at the mock', async () => {
    const restore = applyProviderEnv(server.url, ['AZURE_OPENAI_ENDPOINT'])
    try {
      mock.onMessage('from env', { content: 'env works' })
      const fromEnv = new AzureOpenAI({
        apiVersion: API_VERSION,
        deployment: 'env-deployment',
        maxRetries: 0,
      })
      const completion = await fromEnv.chat.completions.create({
        model: 'gpt-4o',
        messages: user('from env'),
      })
      expect(completion.choices[0]!.message.content).toBe('env works')
      expect(mock.journal.last()!.path).toMatch(/^\/openai\/deployments\/env-deployment\/chat\/completions/)
    } finally {
      restore()
    }
  })

  test('the v1 API (/openai/v1/...) answers the plain OpenAI client with OpenAI wire', async () => {
    mock.onMessage('v1', { content: 'v1 answer' })
    const v1 = new OpenAI({ baseURL: `${server.url}/openai/v1`, apiKey: 'test-key', maxRetries: 0 })
    const completion = await v1.chat.completions.create({ model: 'my-gpt', messages: user('v1 please') })
    expect(completion.choices[0]!.message.content).toBe('v1 answer')
    const embedding = await v1.embeddings.create({ model: 'my-embedder', input: 'x' })
    expect(embedding.data).toHaveLength(1)
    const response = await v1.responses.create({ model: 'my-gpt', input: 'v1 please' })
    expect(response.output_text).toBe('v1 answer')
  })
})
