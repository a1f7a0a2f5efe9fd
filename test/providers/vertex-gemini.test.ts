/**
 * Gemini on Vertex AI through @google/genai in Vertex mode (its default version v1beta1, project and
 * location in the path), and raw fetch for the wire. google-auth-library would look for Application
 * Default Credentials; an API key (and project id) in `googleAuthOptions` makes it send `x-goog-api-key`
 * instead, offline.
 */
import { ApiError, FinishReason, GoogleGenAI, type GenerateContentResponse } from '@google/genai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createStandin, type Standin } from '../../src'
import { postJson } from '../helpers/mock-server'
import { readEvents } from '../helpers/sse'

const MODEL = 'gemini-2.5-flash'
const PARENT = '/projects/test-project/locations/us-central1/publishers/google/models'
const tools = [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object' } }] }]

let mock: Standin
let url: string
let close: () => Promise<void>
let vertex: GoogleGenAI
beforeAll(async () => {
  mock = createStandin({ strict: false, seed: 'vertex' })
  const server = await mock.listen({ port: 0 })
  url = server.url
  close = server.close
  vertex = client()
})
afterAll(() => close())
beforeEach(() => mock.reset())

function client(options: { apiVersion?: string } = {}): GoogleGenAI {
  return new GoogleGenAI({
    vertexai: true,
    project: 'test-project',
    location: 'us-central1',
    // projectId spares google-auth-library from searching gcloud's config and the GCE metadata server.
    googleAuthOptions: { apiKey: 'test-key', projectId: 'test-project' },
    httpOptions: { baseUrl: url },
    ...options,
  })
}

async function collect(stream: AsyncIterable<GenerateContentResponse>): Promise<GenerateContentResponse[]> {
  const chunks: GenerateContentResponse[] = []
  for await (const chunk of stream) chunks.push(chunk)
  return chunks
}

describe('generateContent on Vertex AI through @google/genai', () => {
  test('text comes back with STOP, usage and createTime, under the project and location path', async () => {
    mock.onMessage('hello', { content: 'Hi from Vertex', usage: { prompt_tokens: 3, completion_tokens: 4 } })
    const response = await vertex.models.generateContent({ model: MODEL, contents: 'hello' })
    expect(response.text).toBe('Hi from Vertex')
    expect(response.candidates![0]!.finishReason).toBe(FinishReason.STOP)
    expect(response.usageMetadata).toMatchObject({
      promptTokenCount: 3,
      candidatesTokenCount: 4,
      totalTokenCount: 7,
    })
    expect(response.createTime).toMatch(/^2025-01-01T00:00:\d\d\.000Z$/)
    const entry = mock.journal.last()!
    expect(entry.path).toBe(`/v1beta1${PARENT}/${MODEL}:generateContent`)
    expect(entry).toMatchObject({ surface: 'vertex.generateContent', provider: 'vertex' })
    expect(entry.headers['x-goog-api-key']).toBe('[redacted]')
  })

  test('v1 and express mode (API key, no project) are served too', async () => {
    mock.onMessage('hello', { content: 'Hi' })
    await client({ apiVersion: 'v1' }).models.generateContent({ model: MODEL, contents: 'hello' })
    expect(mock.journal.last()!.path).toBe(`/v1${PARENT}/${MODEL}:generateContent`)
    const express = new GoogleGenAI({ vertexai: true, apiKey: 'test-key', httpOptions: { baseUrl: url } })
    expect((await express.models.generateContent({ model: MODEL, contents: 'hello' })).text).toBe('Hi')
    expect(mock.journal.last()!.path).toBe(`/v1beta1/publishers/google/models/${MODEL}:generateContent`)
  })

  test('GOOGLE_VERTEX_BASE_URL points the SDK in Vertex mode at the mock', async () => {
    mock.onMessage('hello', { content: 'Hi from env' })
    const previous = process.env.GOOGLE_VERTEX_BASE_URL
    process.env.GOOGLE_VERTEX_BASE_URL = url
    try {
      const fromEnv = new GoogleGenAI({
        vertexai: true,
        project: 'p',
        location: 'l',
        googleAuthOptions: { apiKey: 'k', projectId: 'p' },
      })
      expect((await fromEnv.models.generateContent({ model: MODEL, contents: 'hello' })).text).toBe(
        'Hi from env',
      )
    } finally {
      if (previous === undefined) delete process.env.GOOGLE_VERTEX_BASE_URL
      else process.env.GOOGLE_VERTEX_BASE_URL = previous
    }
  })

  test('the stream assembles; every chunk carries createTime and the last one STOP', async () => {
    const content = 'Streaming from Vertex AI, chunk by chunk.'
    mock.onMessage('stream', { content }, { chunkSize: 9 })
    const chunks = await collect(
      await vertex.models.generateContentStream({ model: MODEL, contents: 'stream please' }),
    )
    expect(chunks.filter((c) => c.text).length).toBe(Math.ceil(content.length / 9))
    expect(chunks.map((c) => c.text ?? '').join('')).toBe(content)
    expect(chunks.every((c) => c.createTime !== undefined)).toBe(true)
    expect(chunks.at(-1)!.candidates![0]!.finishReason).toBe(FinishReason.STOP)
    expect(mock.journal.last()!.path).toBe(`/v1beta1${PARENT}/${MODEL}:streamGenerateContent?alt=sse`)
  })

  test('function calls, streamed and not, and the functionResponse turn', async () => {
    mock.onToolResult('v1', { content: 'Cold in Oslo.' })
    mock.onMessage('weather', { toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' }, id: 'v1' }] })
    const expected = [{ id: 'v1', name: 'get_weather', args: { city: 'Oslo' } }]
    const called = await vertex.models.generateContent({
      model: MODEL,
      contents: 'weather?',
      config: { tools },
    })
    expect(called.functionCalls).toEqual(expected)
    const chunks = await collect(
      await vertex.models.generateContentStream({ model: MODEL, contents: 'weather?', config: { tools } }),
    )
    expect(chunks.flatMap((c) => c.functionCalls ?? [])).toEqual(expected)
    const answer = await vertex.models.generateContent({
      model: MODEL,
      config: { tools },
      contents: [
        { role: 'user', parts: [{ text: 'weather?' }] },
        called.candidates![0]!.content!,
        {
          role: 'user',
          parts: [{ functionResponse: { id: 'v1', name: 'get_weather', response: { output: '-3C' } } }],
        },
      ],
    })
    expect(answer.text).toBe('Cold in Oslo.')
  })
})

describe('other Vertex AI methods through @google/genai', () => {
  test('countTokens', async () => {
    const counted = await vertex.models.countTokens({ model: MODEL, contents: 'how many tokens is this?' })
    expect(counted.totalTokens).toBe(Math.ceil('how many tokens is this?'.length / 4))
    expect(mock.journal.last()!.path).toBe(`/v1beta1${PARENT}/${MODEL}:countTokens`)
  })

  test('embedContent for a Gemini embedding model, with outputDimensionality and the token count', async () => {
    const response = await vertex.models.embedContent({
      model: 'gemini-embedding-2',
      contents: 'embed me',
      config: { outputDimensionality: 16 },
    })
    expect(response.embeddings![0]!.values).toHaveLength(16)
    expect(response.embeddings![0]!.statistics!.tokenCount).toBe(2)
    expect(mock.journal.last()!.path).toBe(`/v1beta1${PARENT}/gemini-embedding-2:embedContent`)
  })
})

describe('Vertex AI on the wire', () => {
  const path = (method: string) => `${url}/v1${PARENT}/${MODEL}:${method}`
  const body = { contents: [{ role: 'user', parts: [{ text: 'hello' }] }] }

  test('streamGenerateContent is SSE with alt=sse and a JSON array without it', async () => {
    mock.onMessage('hello', { content: 'Hello there' }, { chunkSize: 6 })
    const events = await readEvents(await postJson(path('streamGenerateContent?alt=sse'), body))
    expect(events.map((e) => JSON.parse(e.data).candidates[0].content.parts[0].text)).toEqual([
      'Hello ',
      'there',
      '',
    ])
    const array = await (await postJson(path('streamGenerateContent'), body)).json()
    expect(array.map((c: any) => c.candidates[0].finishReason)).toEqual([undefined, undefined, 'STOP'])
    expect(array.every((c: any) => typeof c.createTime === 'string')).toBe(true)
  })

  test("errors are ApiErrors in Google's envelope; bad input names the field", async () => {
    mock.onMessage('fail', { error: { message: 'Overloaded' }, status: 503 })
    const error = await vertex.models
      .generateContent({ model: MODEL, contents: 'fail' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(503)
    expect(JSON.parse((error as ApiError).message)).toEqual({
      error: { code: 503, message: 'Overloaded', status: 'UNAVAILABLE' },
    })
    const bad = await postJson(path('generateContent'), { contents: [{ role: 'user', parts: [] }] })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.details[0].fieldViolations[0]).toEqual({
      field: 'contents[0].parts',
      description: 'contents.parts must not be empty.',
    })
  })
})
