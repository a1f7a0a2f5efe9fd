/**
 * Requests sized to exhaust the server (hundreds of thousands of inputs, vectors of 300,000,000 dimensions)
 * meet each provider's own limits, answered as that provider's 400, and the server keeps answering. Before
 * these limits one such request blocked the event loop for ~37 s and ended the process on the heap limit,
 * or at once with "invalid table size". Through each provider's SDK where it can send the request, raw
 * fetch for the wire shape.
 */
import {
  BedrockRuntimeClient,
  InvokeModelCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime'
import { ApiError, GoogleGenAI } from '@google/genai'
import { Cohere, CohereClientV2 } from 'cohere-ai'
import { Ollama } from 'ollama'
import OpenAI from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, type RunningServer, type Standin } from '../../src'
import { rejection } from '../helpers/rejection'
import { postJson } from '../helpers/mock-server'

let mock: Standin
let server: RunningServer
let openai: OpenAI
let ollama: Ollama
let gemini: GoogleGenAI
let cohere: CohereClientV2

beforeAll(async () => {
  mock = createStandin({ strict: false })
  server = await mock.listen({ port: 0 })
  openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test-key', maxRetries: 0 })
  ollama = new Ollama({ host: server.url })
  gemini = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: server.url } })
  cohere = new CohereClientV2({ token: 'test', environment: server.url, maxRetries: 0 })
})
afterAll(() => server.close())
beforeEach(() => mock.reset())

/** What the issue sent: 300,000 one-character inputs (about 1.2 MB of JSON, under the 10 MiB body cap). */
const MANY = 300_000
const many = (count = MANY) => new Array<string>(count).fill('a')
const post = (path: string, body: unknown) => postJson(`${server.url}${path}`, body)

/** The server still answers its health check: the request before it neither crashed nor stalled it. */
async function expectAlive(): Promise<void> {
  const health = await fetch(`${server.url}/health`)
  expect(health.status).toBe(200)
}

describe('OpenAI embeddings', () => {
  const model = 'text-embedding-3-small'

  test('300,000 inputs are a 400 naming input, and the server keeps answering', async () => {
    const error = await rejection(openai.embeddings.create({ model, input: many() }))
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect(error.status).toBe(400)
    expect(error.param).toBe('input')
    expect(error.message).toContain(`at most 2048 inputs`)
    await expectAlive()
  })

  test('2048 inputs are served and 2049 are refused', async () => {
    const served = await openai.embeddings.create({ model, input: many(2048), dimensions: 8 })
    expect(served.data).toHaveLength(2048)
    const error = await rejection(openai.embeddings.create({ model, input: many(2049), dimensions: 8 }))
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect(error.param).toBe('input')
  })

  test('dimensions: 300,000,000 is a 400 naming dimensions, and the server keeps answering', async () => {
    const error = await rejection(openai.embeddings.create({ model, input: 'x', dimensions: 300_000_000 }))
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect(error.param).toBe('dimensions')
    expect(error.message).toContain("'dimensions'")
    await expectAlive()
  })

  test.each([
    ['text-embedding-3-small', 1536],
    ['text-embedding-3-large', 3072],
    ['openai/text-embedding-3-large', 3072],
    ['nomic-embed-text', 8192],
  ])('%s accepts dimensions up to %i and no more', async (name, max) => {
    const served = await openai.embeddings.create({
      model: name,
      input: 'x',
      dimensions: max,
      encoding_format: 'float',
    })
    expect(served.data[0]!.embedding).toHaveLength(max)
    const error = await rejection(openai.embeddings.create({ model: name, input: 'x', dimensions: max + 1 }))
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect(error.param).toBe('dimensions')
    expect(error.message).toContain(`at most ${max} dimensions`)
  })

  test('an input over 8192 tokens is a 400 naming which input', async () => {
    // The core estimates four characters a token: 8192 tokens is 32,768 characters.
    const fits = 'x'.repeat(8192 * 4)
    expect((await openai.embeddings.create({ model, input: [fits], dimensions: 8 })).data).toHaveLength(1)
    const error = await rejection(openai.embeddings.create({ model, input: ['ok', `${fits}xxxx`] }))
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect(error.param).toBe('input')
    expect(error.message).toContain("'input[1]'")
    expect(error.message).toContain('maximum context length is 8192 tokens')
  })

  test('a token array over 8192 tokens counts its tokens, not its characters', async () => {
    const tokens = new Array<number>(8193).fill(1)
    const error = await rejection(openai.embeddings.create({ model, input: [tokens] }))
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect(error.message).toContain('you requested 8193 tokens')
  })

  test('more than 300,000 tokens in one request is max_tokens_per_request, as OpenAI answers', async () => {
    const input = new Array<string>(40).fill('x'.repeat(8000 * 4))
    const response = await post('/v1/embeddings', { model, input })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: {
        message: "Requested 320000 tokens, max 300000 tokens per request (summed over 'input').",
        type: 'max_tokens_per_request',
        param: 'input',
        code: 'max_tokens_per_request',
      },
    })
  })

  test('Azure OpenAI enforces the same limits in its own envelope', async () => {
    const path = '/openai/deployments/embedder/embeddings?api-version=2024-10-21'
    const response = await post(path, { input: many() })
    expect(response.status).toBe(400)
    expect(response.headers.get('x-ms-error-code')).toBe('400')
    const body = await response.json()
    expect(body.error).toMatchObject({ code: '400', param: 'input' })
    expect(body.error.message).toContain('at most 2048 inputs')
    const dimensions = await post(path, { input: 'x', dimensions: 300_000_000 })
    expect(dimensions.status).toBe(400)
    expect((await dimensions.json()).error).toMatchObject({ code: '400', param: 'dimensions' })
    await expectAlive()
  })

  test("OpenRouter's /api/v1/embeddings, served by the same surface, is bounded too", async () => {
    const response = await post('/api/v1/embeddings', {
      model: 'openai/text-embedding-3-small',
      input: many(),
    })
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).toContain('at most 2048 inputs')
    await expectAlive()
  })
})

describe('Ollama embeddings', () => {
  const model = 'nomic-embed-text'

  test('/api/embed with 300,000 inputs is a 400 naming input, and the server keeps answering', async () => {
    const error = await rejection(ollama.embed({ model, input: many() }))
    expect(error.name).toBe('ResponseError')
    expect(error.status_code).toBe(400)
    expect(error.error).toBe(`invalid input: at most 2048 inputs, got ${MANY}`)
    await expectAlive()
  })

  test('/api/embed serves 2048 inputs and refuses 2049', async () => {
    const served = await ollama.embed({ model, input: many(2048), dimensions: 8 })
    expect(served.embeddings).toHaveLength(2048)
    const error = await rejection(ollama.embed({ model, input: many(2049), dimensions: 8 }))
    expect(error.status_code).toBe(400)
    expect(error.error).toContain('input')
  })

  test('/api/embed with dimensions: 300,000,000 is a 400 naming dimensions', async () => {
    const error = await rejection(ollama.embed({ model, input: 'x', dimensions: 300_000_000 }))
    expect(error.status_code).toBe(400)
    expect(error.error).toBe("invalid value for 'dimensions': at most 8192, got 300000000")
    await expectAlive()
  })

  test('/api/embeddings takes one prompt, so a 1 MB prompt is still one vector', async () => {
    const { embedding } = await ollama.embeddings({ model, prompt: 'x'.repeat(1024 * 1024) })
    expect(embedding).toHaveLength(1536)
    await expectAlive()
  })
})

describe('Gemini and Vertex AI embeddings', () => {
  const model = 'gemini-embedding-001'
  const content = (text: string) => ({ parts: [{ text }] })
  const requests = (count: number, extra: Record<string, unknown> = {}) =>
    new Array(count).fill({ content: content('a'), ...extra })

  test('batchEmbedContents with 200,000 requests is a 400 in Google’s words', async () => {
    // 200,000 is the largest round count that fits the 10 MiB body cap at ~36 bytes a request.
    const response = await post(`/v1beta/models/${model}:batchEmbedContents`, {
      requests: requests(200_000),
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: {
        code: 400,
        message: '* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch',
        status: 'INVALID_ARGUMENT',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.BadRequest',
            fieldViolations: [{ field: 'requests', description: 'at most 100 requests can be in one batch' }],
          },
        ],
      },
    })
    await expectAlive()
  })

  test('through @google/genai, 100 contents are served and 101 are an ApiError', async () => {
    const contents = new Array<string>(101).fill('a')
    const served = await gemini.models.embedContent({ model, contents: contents.slice(1) })
    expect(served.embeddings).toHaveLength(100)
    const error = await rejection(gemini.models.embedContent({ model, contents }))
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(400)
    expect(error.message).toContain('at most 100 requests can be in one batch')
  })

  test('outputDimensionality: 300,000,000 is an ApiError naming the field, and the server keeps answering', async () => {
    const error = await rejection(
      gemini.models.embedContent({ model, contents: 'x', config: { outputDimensionality: 300_000_000 } }),
    )
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(400)
    expect(error.message).toContain('requests[0].outputDimensionality: must be at most 3072, got 300000000')
    await expectAlive()
  })

  test('every request of a batch is checked, not only the first', async () => {
    const response = await post(`/v1beta/models/${model}:batchEmbedContents`, {
      requests: [
        { content: content('a'), outputDimensionality: 8 },
        { content: content('b'), outputDimensionality: 300_000_000 },
      ],
    })
    expect(response.status).toBe(400)
    const { error } = await response.json()
    expect(error.status).toBe('INVALID_ARGUMENT')
    expect(error.details[0].fieldViolations[0].field).toBe('requests[1].outputDimensionality')
  })

  test('embedContent accepts outputDimensionality up to 3072 and no more', async () => {
    const path = `/v1beta/models/${model}:embedContent`
    const served = await post(path, { content: content('x'), outputDimensionality: 3072 })
    expect((await served.json()).embedding.values).toHaveLength(3072)
    const refused = await post(path, { content: content('x'), outputDimensionality: 3073 })
    expect(refused.status).toBe(400)
    expect((await refused.json()).error.message).toBe(
      '* EmbedContentRequest.outputDimensionality: must be at most 3072, got 3073',
    )
  })

  test('Vertex AI embedContent checks embedContentConfig.outputDimensionality the same way', async () => {
    const path = `/v1beta1/projects/p/locations/us-central1/publishers/google/models/${model}:embedContent`
    const response = await post(path, {
      content: content('x'),
      embedContentConfig: { outputDimensionality: 300_000_000 },
    })
    expect(response.status).toBe(400)
    const { error } = await response.json()
    expect(error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' })
    expect(error.details[0].fieldViolations[0].field).toBe('embedContentConfig.outputDimensionality')
    await expectAlive()
  })
})

describe('Cohere embeddings', () => {
  const model = 'embed-v4.0'
  const embed = (request: Partial<Cohere.V2EmbedRequest>) =>
    cohere.embed({ model, inputType: 'search_document', embeddingTypes: ['float'], ...request })

  test('300,000 texts are a fast BadRequestError naming texts, and the server keeps answering', async () => {
    const error = await rejection(embed({ texts: many() }))
    expect(error).toBeInstanceOf(Cohere.BadRequestError)
    expect(error.body).toEqual({
      message: `invalid request: texts must be an array of at most 96 strings, got ${MANY}.`,
    })
    await expectAlive()
  })

  test('96 texts are served and 97 refused; inputs have the same limit', async () => {
    const served = await embed({ texts: many(96), outputDimension: 256 })
    expect(served.embeddings.float).toHaveLength(96)
    expect(await rejection(embed({ texts: many(97) }))).toBeInstanceOf(Cohere.BadRequestError)
    const inputs = new Array(97).fill({ content: [{ type: 'text', text: 'a' }] })
    const error = await rejection(embed({ inputs }))
    expect(error).toBeInstanceOf(Cohere.BadRequestError)
    expect(error.body.message).toContain('inputs must be an array of at most 96 inputs')
  })

  test('output_dimension must be one of the sizes Cohere documents', async () => {
    const error = await rejection(embed({ texts: ['x'], outputDimension: 300_000_000 }))
    expect(error).toBeInstanceOf(Cohere.BadRequestError)
    expect(error.body).toEqual({
      message: 'invalid request: output_dimension must be one of 256, 512, 1024, 1536.',
    })
    const served = await embed({ texts: ['x'], outputDimension: 1024 })
    expect(served.embeddings.float![0]).toHaveLength(1024)
    await expectAlive()
  })

  test('images, which Embed v4 does not count, are bounded by the core: a 400 in Cohere’s shape', async () => {
    const response = await post('/v2/embed', { model, input_type: 'image', images: many(1_000_000) })
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(Object.keys(body)).toEqual(['message'])
    expect(body.message).toContain('1000000 vectors of 1536 dimensions')
    await expectAlive()
  })
})

describe('the core cap behind every surface', () => {
  test("a fixture's vector repeated for every input of a batch is bounded by the answer's size", async () => {
    mock.onEmbedding('a', new Array<number>(5000).fill(0.5))
    const error = await rejection(
      openai.embeddings.create({ model: 'nomic-embed-text', input: many(2048), encoding_format: 'float' }),
    )
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect(error.message).toContain('2048 vectors of 5000 dimensions')
    const served = await openai.embeddings.create({ model: 'nomic-embed-text', input: 'a' })
    expect(served.data).toHaveLength(1)
  })
})

describe('chat fields that could size an answer allocate nothing', () => {
  test('OpenAI n and max_tokens of 1,000,000,000 still answer one choice', async () => {
    mock.onMessage('count', { content: 'one' })
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'count' }],
      n: 1_000_000_000,
      max_tokens: 1_000_000_000,
    })
    expect(completion.choices).toHaveLength(1)
    expect(completion.choices[0]!.message.content).toBe('one')
  })

  test('Gemini candidateCount of 1,000,000,000 still answers one candidate', async () => {
    mock.onMessage('count', { content: 'one' })
    const response = await gemini.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'count',
      config: { candidateCount: 1_000_000_000, maxOutputTokens: 1_000_000_000 },
    })
    expect(response.candidates).toHaveLength(1)
    expect(response.text).toBe('one')
  })
})

describe('Bedrock', () => {
  test('serves no embedding model: a Titan embedding body is a ValidationException, not a vector', async () => {
    const client = new BedrockRuntimeClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      maxAttempts: 1,
    })
    try {
      const error = await rejection(
        client.send(
          new InvokeModelCommand({
            modelId: 'amazon.titan-embed-text-v2:0',
            body: JSON.stringify({ inputText: 'x', dimensions: 300_000_000 }),
          }),
        ),
      )
      expect(error).toBeInstanceOf(ValidationException)
      expect(error.$metadata.httpStatusCode).toBe(400)
    } finally {
      client.destroy()
    }
    await expectAlive()
  })
})
