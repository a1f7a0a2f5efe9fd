/**
 * Every provider route answers a body it cannot read (malformed JSON, an empty body, JSON of the wrong
 * type) in its own provider's error envelope, so that provider's SDK raises its own typed error. Token
 * counting, model details and model lists used to answer malformed JSON in a bare OpenAI-like shape that
 * no other provider's SDK reads.
 */
import Anthropic from '@anthropic-ai/sdk'
import { ApiError, GoogleGenAI } from '@google/genai'
import { request as httpRequest } from 'node:http'
import { Ollama } from 'ollama'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, type RunningServer, type Standin } from '../../src'
import { rejection } from '../helpers/rejection'

let mock: Standin
let server: RunningServer

beforeAll(async () => {
  mock = createStandin({ strict: false })
  server = await mock.listen({ port: 0 })
})
afterAll(() => server.close())
beforeEach(() => mock.reset())

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: any
}

/** Sends `body` as it is with any method (fetch refuses a body on GET), and parses the JSON answer. */
function send(method: string, path: string, body: string, headers: Record<string, string> = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const url = new URL(path, server.url)
    const outgoing = httpRequest(url, {
      method,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
    })
    outgoing.on('error', reject)
    outgoing.on('response', (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (text += chunk))
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: JSON.parse(text) }),
      )
    })
    outgoing.end(body)
  })
}

/** Asserts that an error answer is in one provider's envelope, exactly as that provider's SDK reads it. */
const ENVELOPES: Record<string, (answer: Answer) => void> = {
  openai({ body }) {
    expect(Object.keys(body)).toEqual(['error'])
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type'])
    expect(body.error.type).toBe('invalid_request_error')
  },
  azure({ body, headers }) {
    expect(Object.keys(body)).toEqual(['error'])
    expect(body.error).toMatchObject({ code: '400', message: expect.any(String) })
    expect(headers['x-ms-error-code']).toBe('400')
  },
  openrouter({ body }) {
    expect(body).toEqual({ error: { code: 400, message: expect.any(String) } })
  },
  anthropic({ body }) {
    expect(body).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.any(String) },
      request_id: expect.stringMatching(/^req_/),
    })
  },
  google({ body }) {
    expect(Object.keys(body)).toEqual(['error'])
    expect(body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT', message: expect.any(String) })
  },
  bedrock({ body, headers }) {
    expect(body).toEqual({ message: expect.any(String) })
    expect(headers['x-amzn-errortype']).toBe('ValidationException')
  },
  ollama({ body }) {
    expect(body).toEqual({ error: expect.any(String) })
  },
  cohere({ body }) {
    expect(body).toEqual({ message: expect.any(String) })
  },
}

const ANTHROPIC = { 'anthropic-version': '2023-06-01' }
const VERTEX = '/v1/projects/p/locations/us-central1/publishers'

/** `[route, method, path, envelope, headers]`: every provider route that reads a body. */
const BODY_ROUTES: Array<[string, string, string, string, Record<string, string>?]> = [
  ['anthropic.count-tokens', 'POST', '/v1/messages/count_tokens', 'anthropic', ANTHROPIC],
  ['vertex.claude.count-tokens', 'POST', `${VERTEX}/anthropic/models/count-tokens:rawPredict`, 'anthropic'],
  ['gemini.countTokens', 'POST', '/v1beta/models/gemini-2.5-flash:countTokens', 'google'],
  ['vertex.countTokens', 'POST', `${VERTEX}/google/models/gemini-2.5-flash:countTokens`, 'google'],
  ['ollama.show', 'POST', '/api/show', 'ollama'],
  ['openai.chat', 'POST', '/v1/chat/completions', 'openai'],
  ['openai.embeddings', 'POST', '/v1/embeddings', 'openai'],
  ['openai.responses', 'POST', '/v1/responses', 'openai'],
  ['azure.chat', 'POST', '/openai/deployments/d/chat/completions?api-version=2024-10-21', 'azure'],
  ['azure.embeddings', 'POST', '/openai/deployments/d/embeddings?api-version=2024-10-21', 'azure'],
  ['openrouter.chat', 'POST', '/api/v1/chat/completions', 'openrouter'],
  ['anthropic.messages', 'POST', '/v1/messages', 'anthropic', ANTHROPIC],
  ['vertex.claude', 'POST', `${VERTEX}/anthropic/models/claude-sonnet-4-6:rawPredict`, 'anthropic'],
  ['gemini.generateContent', 'POST', '/v1beta/models/gemini-2.5-flash:generateContent', 'google'],
  ['gemini.embedContent', 'POST', '/v1beta/models/gemini-embedding-001:embedContent', 'google'],
  ['gemini.batchEmbedContents', 'POST', '/v1beta/models/gemini-embedding-001:batchEmbedContents', 'google'],
  ['vertex.generateContent', 'POST', `${VERTEX}/google/models/gemini-2.5-flash:generateContent`, 'google'],
  ['vertex.embedContent', 'POST', `${VERTEX}/google/models/gemini-embedding-001:embedContent`, 'google'],
  ['bedrock.converse', 'POST', '/model/amazon.nova-micro-v1:0/converse', 'bedrock'],
  ['bedrock.invoke', 'POST', '/model/amazon.nova-micro-v1:0/invoke', 'bedrock'],
  ['ollama.chat', 'POST', '/api/chat', 'ollama'],
  ['ollama.generate', 'POST', '/api/generate', 'ollama'],
  ['ollama.embed', 'POST', '/api/embed', 'ollama'],
  ['ollama.embeddings', 'POST', '/api/embeddings', 'ollama'],
  ['cohere.chat', 'POST', '/v2/chat', 'cohere'],
  ['cohere.embed', 'POST', '/v2/embed', 'cohere'],
]

/**
 * A DELETE needs no body, but one sent to it is read: malformed JSON is all that can go wrong. (A GET's body
 * is never read, so the model lists cannot fail this way.)
 */
const BODILESS_ROUTES: Array<[string, string, string, string, Record<string, string>?]> = [
  ['openai.responses.delete', 'DELETE', '/v1/responses/resp_1', 'openai'],
]

describe.each([...BODY_ROUTES, ...BODILESS_ROUTES])(
  '%s (%s %s)',
  (surface, method, path, envelope, headers = {}) => {
    test(`malformed JSON is a 400 in the ${envelope} envelope`, async () => {
      const answer = await send(method, path, '{"model": ', headers)
      expect(answer.status).toBe(400)
      ENVELOPES[envelope]!(answer)
      expect(mock.journal.last()?.surface).toBe(surface)
    })
  },
)

test("a GET's body is never read, so malformed JSON sent to a model list is not an error", async () => {
  const answer = await send('GET', '/api/tags', '{"model": ')
  expect(answer.status).toBe(200)
  expect(answer.body).toHaveProperty('models')
})

describe.each(BODY_ROUTES)('%s (%s %s)', (surface, method, path, envelope, headers = {}) => {
  test(`an empty body is a 400 in the ${envelope} envelope`, async () => {
    const answer = await send(method, path, '', headers)
    expect(answer.status).toBe(400)
    ENVELOPES[envelope]!(answer)
  })

  test(`a JSON array instead of an object is a 400 in the ${envelope} envelope`, async () => {
    const answer = await send(method, path, '[1, 2]', headers)
    expect(answer.status).toBe(400)
    ENVELOPES[envelope]!(answer)
  })
})

describe("each SDK's own typed error on the token-counting and show routes", () => {
  test('Anthropic countTokens with a bad field is Anthropic.BadRequestError', async () => {
    const client = new Anthropic({ baseURL: server.url, apiKey: 'test-key', maxRetries: 0 })
    const error = await rejection(
      client.messages.countTokens({
        model: 'claude-sonnet-4-6',
        messages: [{ role: 'user', content: 5 as never }],
      }),
    )
    expect(error).toBeInstanceOf(Anthropic.BadRequestError)
    expect(error.error.type).toBe('error')
    expect(error.error.error.type).toBe('invalid_request_error')
  })

  test('Gemini countTokens with a bad field is an ApiError in Google’s words', async () => {
    const ai = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: server.url } })
    const error = await rejection(
      ai.models.countTokens({
        model: 'gemini-2.5-flash',
        contents: [{ role: 'narrator', parts: [{ text: 'hi' }] }],
      }),
    )
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(400)
    expect(error.message).toContain('INVALID_ARGUMENT')
    expect(error.message).toContain('CountTokensRequest.contents[0].role')
  })

  test('Ollama show without a model is a ResponseError with Ollama’s message', async () => {
    const client = new Ollama({ host: server.url })
    const error = await rejection(client.show({ model: '' }))
    expect(error.name).toBe('ResponseError')
    expect(error.status_code).toBe(400)
    expect(error.error).toBe('model is required')
  })
})

describe('a body past bodyLimit', () => {
  test("is a 413 in each provider's words: Anthropic's ContentTooLargeError, OpenAI's invalid_request_error", async () => {
    const mock = createStandin({ strict: false, bodyLimit: 1024 })
    const { url, close } = await mock.listen()
    try {
      const big = 'x'.repeat(4096)
      const anthropic = new Anthropic({ baseURL: url, apiKey: 'k', maxRetries: 0 })
      const error = await anthropic.messages
        .create({ model: 'claude-sonnet-4-5', max_tokens: 5, messages: [{ role: 'user', content: big }] })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(Anthropic.ContentTooLargeError)
      expect((error as { error: { error: { type: string } } }).error.error.type).toBe('request_too_large')
      const openai = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: big }] }),
      })
      expect(openai.status).toBe(413)
      expect(((await openai.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error')
    } finally {
      await close()
    }
  })
})
