/**
 * The Gemini API through @google/genai (on its default API version), `ai` with @ai-sdk/google, and raw
 * fetch for the wire itself: generateContent, both stream framings, function calling, thoughts, embeddings,
 * countTokens and Google's error envelope.
 */
import { createGoogleGenerativeAI } from '@ai-sdk/google'
import {
  ApiError,
  FinishReason,
  GoogleGenAI,
  type Content,
  type GenerateContentResponse,
} from '@google/genai'
import { embed, embedMany, generateText, jsonSchema, streamText, tool } from 'ai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { applyProviderEnv, createStandin, type Standin } from '../../src'
import { postJson } from '../helpers/mock-server'
import { readEvents } from '../helpers/sse'

const MODEL = 'gemini-2.5-flash'
const weather = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
}

let mock: Standin
let url: string
let close: () => Promise<void>
let ai: GoogleGenAI
beforeAll(async () => {
  mock = createStandin({ strict: false })
  const server = await mock.listen({ port: 0 })
  url = server.url
  close = server.close
  ai = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: url } })
})
afterAll(() => close())
beforeEach(() => mock.reset())

const lastRequest = () => mock.journal.last()!.request!
const generate = (path: string, body: unknown) => postJson(`${url}/v1beta/models/${MODEL}:${path}`, body)
const userText = (text: string) => ({ contents: [{ role: 'user', parts: [{ text }] }] })

async function collect(stream: AsyncIterable<GenerateContentResponse>): Promise<GenerateContentResponse[]> {
  const chunks: GenerateContentResponse[] = []
  for await (const chunk of stream) chunks.push(chunk)
  return chunks
}

describe('generateContent through @google/genai', () => {
  test('text comes back as one candidate with STOP, usage, modelVersion and responseId', async () => {
    mock.onMessage('hello', { content: 'Hi there!', usage: { prompt_tokens: 12, completion_tokens: 3 } })
    const response = await ai.models.generateContent({ model: MODEL, contents: 'hello' })
    expect(response.text).toBe('Hi there!')
    expect(response.candidates![0]!.finishReason).toBe(FinishReason.STOP)
    expect(response.candidates![0]!.content!.role).toBe('model')
    expect(response.usageMetadata).toMatchObject({
      promptTokenCount: 12,
      candidatesTokenCount: 3,
      totalTokenCount: 15,
    })
    expect(response.modelVersion).toBe(MODEL)
    expect(response.responseId).toMatch(/^[A-Za-z0-9]{24}$/)
    expect(mock.journal.last()!.path).toBe(`/v1beta/models/${MODEL}:generateContent`)
    expect(mock.journal.last()!.surface).toBe('gemini.generateContent')
  })

  test('the v1 API version is served too', async () => {
    mock.onMessage('hello', { content: 'Hi from v1' })
    const v1 = new GoogleGenAI({ apiKey: 'test-key', apiVersion: 'v1', httpOptions: { baseUrl: url } })
    expect((await v1.models.generateContent({ model: MODEL, contents: 'hello' })).text).toBe('Hi from v1')
    expect(mock.journal.last()!.path).toBe(`/v1/models/${MODEL}:generateContent`)
  })

  test('GOOGLE_GEMINI_BASE_URL, as the runner integrations set it, points the SDK at the mock', async () => {
    mock.onMessage('hello', { content: 'Hi from env' })
    const restore = applyProviderEnv(url, ['GOOGLE_GEMINI_BASE_URL'])
    try {
      const fromEnv = new GoogleGenAI({ apiKey: 'test-key' })
      expect((await fromEnv.models.generateContent({ model: MODEL, contents: 'hello' })).text).toBe(
        'Hi from env',
      )
    } finally {
      restore()
    }
  })

  test('the stream arrives in several chunks that assemble into the content; the last carries STOP and usage', async () => {
    const content = 'The quick brown fox jumps over the lazy dog.'
    mock.onMessage('fox', { content }, { chunkSize: 10 })
    const chunks = await collect(await ai.models.generateContentStream({ model: MODEL, contents: 'the fox' }))
    const texts = chunks.map((c) => c.text ?? '').filter((t) => t !== '')
    expect(texts).toHaveLength(Math.ceil(content.length / 10))
    expect(texts.join('')).toBe(content)
    expect(chunks.slice(0, -1).every((c) => c.candidates![0]!.finishReason === undefined)).toBe(true)
    const last = chunks.at(-1)!
    expect(last.candidates![0]!.finishReason).toBe(FinishReason.STOP)
    expect(last.usageMetadata!.candidatesTokenCount).toBe(Math.ceil(content.length / 4))
    expect(new Set(chunks.map((c) => c.responseId)).size).toBe(1)
    expect(mock.journal.last()!.request).toMatchObject({ kind: 'chat', stream: true })
  })

  test('reasoning comes back as thought parts, apart from the text, with thoughtsTokenCount', async () => {
    mock.onMessage('think', {
      reasoning: 'Let me work it out.',
      content: 'Forty-two.',
      usage: { prompt_tokens: 5, completion_tokens: 30, reasoning_tokens: 20 },
    })
    const response = await ai.models.generateContent({ model: MODEL, contents: 'think hard' })
    expect(response.candidates![0]!.content!.parts).toEqual([
      { text: 'Let me work it out.', thought: true },
      { text: 'Forty-two.' },
    ])
    expect(response.text).toBe('Forty-two.')
    expect(response.usageMetadata).toMatchObject({
      promptTokenCount: 5,
      candidatesTokenCount: 10,
      thoughtsTokenCount: 20,
      totalTokenCount: 35,
    })

    const chunks = await collect(
      await ai.models.generateContentStream({ model: MODEL, contents: 'think hard' }),
    )
    const parts = chunks.flatMap((c) => c.candidates![0]!.content!.parts!)
    const thoughts = parts.filter((p) => p.thought).map((p) => p.text)
    expect(thoughts.join('')).toBe('Let me work it out.')
    expect(parts.findIndex((p) => !p.thought)).toBe(thoughts.length)
    expect(chunks.map((c) => c.text ?? '').join('')).toBe('Forty-two.')
  })

  test('a reasoning signature is the thoughtSignature of the first function call, or else of the last part', async () => {
    mock.onMessage('signed text', { reasoning: 'r', content: 'answer', reasoningSignature: 'sig-1' })
    mock.onMessage('signed call', {
      reasoning: 'r',
      reasoningSignature: 'sig-2',
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Paris' }, id: 'a' },
        { name: 'get_weather', arguments: { city: 'Rome' }, id: 'b' },
      ],
    })
    const text = await ai.models.generateContent({ model: MODEL, contents: 'signed text' })
    expect(text.candidates![0]!.content!.parts).toEqual([
      { text: 'r', thought: true },
      { text: 'answer', thoughtSignature: 'sig-1' },
    ])
    const call = await ai.models.generateContent({ model: MODEL, contents: 'signed call' })
    expect(call.candidates![0]!.content!.parts!.map((p) => p.thoughtSignature)).toEqual([
      undefined,
      'sig-2',
      undefined,
    ])

    const streamedText = await collect(
      await ai.models.generateContentStream({ model: MODEL, contents: 'signed text' }),
    )
    expect(streamedText.at(-1)!.candidates![0]!.content!.parts).toEqual([
      { text: '', thoughtSignature: 'sig-1' },
    ])
    const streamedCall = await collect(
      await ai.models.generateContentStream({ model: MODEL, contents: 'signed call' }),
    )
    const signatures = streamedCall
      .flatMap((c) => c.candidates![0]!.content!.parts!)
      .map((p) => p.thoughtSignature)
    expect(signatures).toEqual([undefined, 'sig-2', undefined])
  })

  test('finish reasons map to MAX_TOKENS and SAFETY', async () => {
    mock.onMessage('long', { content: 'cut', finishReason: 'length' })
    mock.onMessage('unsafe', { content: '', finishReason: 'content_filter' })
    const long = await ai.models.generateContent({ model: MODEL, contents: 'long' })
    const unsafe = await ai.models.generateContent({ model: MODEL, contents: 'unsafe' })
    expect(long.candidates![0]!.finishReason).toBe(FinishReason.MAX_TOKENS)
    expect(unsafe.candidates![0]!.finishReason).toBe(FinishReason.SAFETY)
  })
})

describe('function calling through @google/genai', () => {
  const config = { tools: [{ functionDeclarations: [weather] }] }

  test('a call comes back as a functionCall part with an id and args object, finishing with STOP', async () => {
    mock.onMessage('weather', { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] })
    const response = await ai.models.generateContent({ model: MODEL, contents: 'weather in Paris?', config })
    expect(response.functionCalls).toEqual([
      { id: expect.any(String), name: 'get_weather', args: { city: 'Paris' } },
    ])
    expect(response.candidates![0]!.finishReason).toBe(FinishReason.STOP)
    expect(lastRequest()).toMatchObject({
      tools: [{ name: 'get_weather', parameters: weather.parametersJsonSchema }],
    })
  })

  test('streamed, each call arrives whole in one chunk, the last one with STOP', async () => {
    mock.onMessage('weather', {
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Paris' }, id: 'call-1' },
        { name: 'get_weather', arguments: { city: 'Rome' }, id: 'call-2' },
      ],
    })
    const chunks = await collect(
      await ai.models.generateContentStream({ model: MODEL, contents: 'weather?', config }),
    )
    expect(chunks.map((c) => c.functionCalls)).toEqual([
      [{ id: 'call-1', name: 'get_weather', args: { city: 'Paris' } }],
      [{ id: 'call-2', name: 'get_weather', args: { city: 'Rome' } }],
    ])
    expect(chunks.map((c) => c.candidates![0]!.finishReason)).toEqual([undefined, FinishReason.STOP])
  })

  test('a functionResponse turn reaches the fixtures as a tool result for the call it answers', async () => {
    mock.onToolResult('call-1', { content: 'It is 18C in Paris.' })
    const contents: Content[] = [
      { role: 'user', parts: [{ text: 'weather in Paris?' }] },
      {
        role: 'model',
        parts: [{ functionCall: { id: 'call-1', name: 'get_weather', args: { city: 'Paris' } } }],
      },
      {
        role: 'user',
        parts: [{ functionResponse: { id: 'call-1', name: 'get_weather', response: { output: '18C' } } }],
      },
    ]
    const response = await ai.models.generateContent({ model: MODEL, contents, config })
    expect(response.text).toBe('It is 18C in Paris.')
    expect(lastRequest()).toMatchObject({
      messages: [
        { role: 'user', text: 'weather in Paris?' },
        {
          role: 'assistant',
          toolCalls: [{ id: 'call-1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
        },
        { role: 'tool', toolResult: { toolCallId: 'call-1', name: 'get_weather', content: '18C' } },
      ],
    })
  })

  test('a functionResponse without an id answers the latest call of that name; other responses stay JSON', async () => {
    mock.on({ toolResultContains: 'celsius' }, { content: 'ok' })
    await generate('generateContent', {
      contents: [
        { role: 'user', parts: [{ text: 'weather?' }] },
        { role: 'model', parts: [{ functionCall: { id: 'abc', name: 'get_weather', args: {} } }] },
        {
          role: 'user',
          parts: [{ functionResponse: { name: 'get_weather', response: { temp: 18, unit: 'celsius' } } }],
        },
      ],
    })
    expect(lastRequest()).toMatchObject({
      messages: [
        {},
        {},
        { role: 'tool', toolResult: { toolCallId: 'abc', content: '{"temp":18,"unit":"celsius"}' } },
      ],
    })
    expect(mock.journal.last()!.response.status).toBe(200)
  })
})

describe('request decoding', () => {
  test('systemInstruction, tools and JSON output settings reach the canonical request', async () => {
    mock.on({ responseFormat: 'json_schema' }, { content: { answer: 42 } })
    const schema = { type: 'object', properties: { answer: { type: 'number' } } }
    const response = await ai.models.generateContent({
      model: MODEL,
      contents: 'answer as JSON',
      config: {
        systemInstruction: 'You are terse.',
        tools: [{ functionDeclarations: [weather] }, { googleSearch: {} }],
        responseMimeType: 'application/json',
        responseJsonSchema: schema,
      },
    })
    expect(JSON.parse(response.text!)).toEqual({ answer: 42 })
    expect(lastRequest()).toMatchObject({
      system: 'You are terse.',
      tools: [{ name: 'get_weather' }, { name: 'googleSearch' }],
      responseFormat: { type: 'json_schema', schema },
    })
  })

  test('application/json without a schema is json_object', async () => {
    mock.on({ responseFormat: 'json_object' }, { content: '{}' })
    const response = await ai.models.generateContent({
      model: MODEL,
      contents: 'JSON please',
      config: { responseMimeType: 'application/json' },
    })
    expect(response.text).toBe('{}')
  })

  test("snake_case field names, as in Google's curl examples, are read too", async () => {
    mock.on(
      { systemMessage: 'Be brief', toolName: 'get_weather', responseFormat: 'json_object' },
      { content: 'ok' },
    )
    const response = await generate('generateContent', {
      system_instruction: { parts: [{ text: 'Be brief' }] },
      contents: [{ parts: [{ text: 'hi' }] }],
      tools: [{ function_declarations: [{ name: 'get_weather' }] }],
      generation_config: { response_mime_type: 'application/json' },
    })
    expect(response.status).toBe(200)
  })

  test('thought parts sent back in history do not count as text', async () => {
    mock.onMessage(/^real question$/, { content: 'matched' })
    const response = await generate('generateContent', {
      contents: [
        { role: 'user', parts: [{ text: 'first' }] },
        { role: 'model', parts: [{ text: 'private musing', thought: true }, { text: 'reply' }] },
        { role: 'user', parts: [{ text: 'real question' }] },
      ],
    })
    expect(response.status).toBe(200)
    expect(lastRequest()).toMatchObject({ messages: [{}, { role: 'assistant', text: 'reply' }, {}] })
  })
})

describe('streaming on the wire', () => {
  test('with alt=sse: data-only SSE events, one GenerateContentResponse each, the last with an empty text part', async () => {
    mock.onMessage('hello', { content: 'Hello, world' }, { chunkSize: 5 })
    const response = await generate('streamGenerateContent?alt=sse', userText('hello'))
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const events = await readEvents(response)
    expect(events.every((e) => e.event === undefined)).toBe(true)
    const chunks = events.map((e) => JSON.parse(e.data))
    expect(chunks.map((c) => c.candidates[0].content.parts)).toEqual([
      [{ text: 'Hello' }],
      [{ text: ', wor' }],
      [{ text: 'ld' }],
      [{ text: '' }],
    ])
    expect(chunks.map((c) => c.candidates[0].finishReason)).toEqual([undefined, undefined, undefined, 'STOP'])
    expect(chunks[0]).toEqual({
      candidates: [{ content: { parts: [{ text: 'Hello' }], role: 'model' }, index: 0 }],
      usageMetadata: {
        promptTokenCount: 2,
        totalTokenCount: 2,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: 2 }],
      },
      modelVersion: MODEL,
      responseId: expect.any(String),
    })
    expect(chunks[3].usageMetadata).toEqual({
      promptTokenCount: 2,
      candidatesTokenCount: 3,
      totalTokenCount: 5,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 2 }],
    })
  })

  test('without alt=sse: one JSON array of the same responses', async () => {
    mock.onMessage('hello', { content: 'Hello, world' }, { chunkSize: 5 })
    const sse = (await readEvents(await generate('streamGenerateContent?alt=sse', userText('hello')))).map(
      (e) => JSON.parse(e.data),
    )
    const response = await generate('streamGenerateContent', userText('hello'))
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const array = await response.json()
    expect(Array.isArray(array)).toBe(true)
    const withoutIds = (chunks: any[]) => chunks.map(({ responseId: _, ...rest }) => rest)
    expect(withoutIds(array)).toEqual(withoutIds(sse))
  })

  test('a streamed function call is one chunk carrying the call, STOP and usage', async () => {
    mock.onMessage('weather', {
      toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}', id: 'c1' }],
    })
    const events = await readEvents(await generate('streamGenerateContent?alt=sse', userText('weather?')))
    expect(events).toHaveLength(1)
    expect(JSON.parse(events[0]!.data).candidates).toEqual([
      {
        content: {
          parts: [{ functionCall: { id: 'c1', name: 'get_weather', args: { city: 'Paris' } } }],
          role: 'model',
        },
        finishReason: 'STOP',
        index: 0,
      },
    ])
  })
})

describe('embeddings', () => {
  test('embedContent through @google/genai (batchEmbedContents): one vector per content, outputDimensionality honoured', async () => {
    const response = await ai.models.embedContent({
      model: 'gemini-embedding-001',
      contents: ['first text', 'second text'],
      config: { outputDimensionality: 8 },
    })
    const [a, b] = response.embeddings!.map((e) => e.values!)
    expect(a).toHaveLength(8)
    expect(b).toHaveLength(8)
    expect(a).not.toEqual(b)
    expect(mock.journal.last()!.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents')
    expect(lastRequest()).toMatchObject({
      kind: 'embedding',
      inputs: ['first text', 'second text'],
      dimensions: 8,
    })

    const again = await ai.models.embedContent({
      model: 'gemini-embedding-001',
      contents: 'first text',
      config: { outputDimensionality: 8 },
    })
    expect(again.embeddings![0]!.values).toEqual(a)
  })

  test('an embedding fixture answers with its vector', async () => {
    mock.onEmbedding('cats', [0.1, 0.2, 0.3])
    const response = await ai.models.embedContent({ model: 'gemini-embedding-001', contents: 'about cats' })
    expect(response.embeddings![0]!.values).toEqual([0.1, 0.2, 0.3])
  })

  test('embedContent (one content) and batchEmbedContents through ai with @ai-sdk/google', async () => {
    const google = createGoogleGenerativeAI({ baseURL: `${url}/v1beta`, apiKey: 'test-key' })
    const model = google.textEmbeddingModel('gemini-embedding-001')
    const single = await embed({
      model,
      value: 'one',
      maxRetries: 0,
      providerOptions: { google: { outputDimensionality: 4 } },
    })
    expect(single.embedding).toHaveLength(4)
    expect(mock.journal.last()!.path).toBe('/v1beta/models/gemini-embedding-001:embedContent')
    const many = await embedMany({
      model,
      values: ['one', 'two'],
      maxRetries: 0,
      providerOptions: { google: { outputDimensionality: 4 } },
    })
    expect(many.embeddings[0]).toEqual(single.embedding)
    expect(mock.journal.last()!.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents')
  })

  test('bad embedding requests are 400s naming the field', async () => {
    const missing = await postJson(`${url}/v1beta/models/e:embedContent`, { model: 'models/e' })
    expect(missing.status).toBe(400)
    expect((await missing.json()).error).toMatchObject({
      status: 'INVALID_ARGUMENT',
      message: expect.stringContaining('content'),
    })
    const batch = await postJson(`${url}/v1beta/models/e:batchEmbedContents`, {
      requests: [{ content: { parts: [{ text: 'x' }] }, outputDimensionality: -1 }],
    })
    expect((await batch.json()).error.details[0].fieldViolations[0].field).toBe(
      'requests[0].outputDimensionality',
    )
  })
})

describe('countTokens', () => {
  test('through @google/genai: totalTokens agrees with the usage of the same contents', async () => {
    mock.onMessage('count', { content: 'ok' })
    const contents = 'count the tokens of this sentence, please'
    const counted = await ai.models.countTokens({ model: MODEL, contents })
    const generated = await ai.models.generateContent({ model: MODEL, contents })
    expect(counted.totalTokens).toBe(generated.usageMetadata!.promptTokenCount)
    expect(counted.totalTokens).toBeGreaterThan(0)
  })

  test('a wrapped generateContentRequest counts its system instruction too; no contents is a 400', async () => {
    const plain = await (await generate('countTokens', userText('hello there'))).json()
    const wrapped = await (
      await generate('countTokens', {
        generateContentRequest: {
          model: `models/${MODEL}`,
          systemInstruction: { parts: [{ text: 'A long system prompt.' }] },
          ...userText('hello there'),
        },
      })
    ).json()
    expect(wrapped.totalTokens).toBeGreaterThan(plain.totalTokens)
    const bad = await generate('countTokens', {})
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({
      error: {
        code: 400,
        status: 'INVALID_ARGUMENT',
        message: expect.stringContaining('CountTokensRequest.contents'),
      },
    })
  })
})

describe("Google's error envelope", () => {
  test('an error fixture is an ApiError with its status; the body names the status string', async () => {
    for (const [status, name] of [
      [429, 'RESOURCE_EXHAUSTED'],
      [500, 'INTERNAL'],
      [503, 'UNAVAILABLE'],
    ] as const) {
      mock.reset()
      mock.onMessage('fail', { error: { message: `failure ${status}` }, status })
      const error = await ai.models
        .generateContent({ model: MODEL, contents: 'fail' })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ApiError)
      expect((error as ApiError).status).toBe(status)
      expect(JSON.parse((error as ApiError).message)).toEqual({
        error: { code: status, message: `failure ${status}`, status: name },
      })
    }
  })

  test('a streamed request that fails is an ApiError too', async () => {
    mock.onMessage('fail', { error: { message: 'Slow down' }, status: 429 })
    const error = await ai.models
      .generateContentStream({ model: MODEL, contents: 'fail' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(429)
  })

  test('retryAfter and a code travel as RetryInfo and ErrorInfo details; a Google status given as type is kept', async () => {
    mock.onMessage('quota', {
      error: { message: 'Quota exceeded', type: 'RESOURCE_EXHAUSTED', code: 'QUOTA' },
      status: 429,
      retryAfter: 30,
    })
    const response = await generate('generateContent', userText('quota'))
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('30')
    expect(await response.json()).toEqual({
      error: {
        code: 429,
        message: 'Quota exceeded',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '30s' },
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'QUOTA', domain: 'standin' },
        ],
      },
    })
  })

  test('a miss is NOT_FOUND, or UNAVAILABLE in strict mode, with the diagnostic as the message', async () => {
    const miss = await ai.models
      .generateContent({ model: MODEL, contents: 'nothing matches this' })
      .catch((e: unknown) => e)
    expect((miss as ApiError).status).toBe(404)
    expect(JSON.parse((miss as ApiError).message).error).toMatchObject({
      status: 'NOT_FOUND',
      message: expect.stringContaining('No fixture matched'),
    })
    const strict = await postJson(`${url}/v1beta/models/${MODEL}:generateContent`, userText('nothing'), {
      'x-standin-strict': 'true',
    })
    expect(strict.status).toBe(503)
    expect((await strict.json()).error.status).toBe('UNAVAILABLE')
  })

  test('tool-call arguments that are not a JSON object cannot be sent as a functionCall: a 500 saying so', async () => {
    mock.onMessage('broken', { toolCalls: [{ name: 'get_weather', arguments: '[1, 2]' }] })
    const response = await generate('generateContent', userText('broken'))
    expect(response.status).toBe(500)
    expect((await response.json()).error).toMatchObject({
      status: 'INTERNAL',
      message: expect.stringContaining('get_weather'),
    })
  })

  test('bad input is a 400 INVALID_ARGUMENT naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{}, 'contents'],
      [{ contents: [{ role: 'user' }] }, 'contents[0].parts'],
      [{ contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] }, 'contents[0].role'],
      [
        { contents: [{ role: 'model', parts: [{ functionCall: { args: {} } }] }] },
        'contents[0].parts[0].functionCall.name',
      ],
      [
        { ...userText('x'), tools: [{ functionDeclarations: [{ description: 'no name' }] }] },
        'tools[0].functionDeclarations[0].name',
      ],
      [{ ...userText('x'), generationConfig: { responseMimeType: 7 } }, 'generationConfig.responseMimeType'],
    ]
    for (const [body, field] of cases) {
      const response = await generate('generateContent', body)
      expect(response.status).toBe(400)
      const { error } = await response.json()
      expect(error).toMatchObject({
        code: 400,
        status: 'INVALID_ARGUMENT',
        message: `* GenerateContentRequest.${field}: ${error.details[0].fieldViolations[0].description}`,
      })
      expect(error.details[0].fieldViolations[0].field).toBe(field)
    }
    const sdk = await ai.models
      .generateContent({ model: MODEL, contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] })
      .catch((e: unknown) => e)
    expect(sdk).toBeInstanceOf(ApiError)
    expect((sdk as ApiError).status).toBe(400)
    expect((sdk as ApiError).message).toContain('Please use a valid role: user, model.')
  })
})

describe('ai with @ai-sdk/google', () => {
  const google = () => createGoogleGenerativeAI({ baseURL: `${url}/v1beta`, apiKey: 'test-key' })
  const tools = {
    get_weather: tool({
      description: weather.description,
      inputSchema: jsonSchema<{ city: string }>(weather.parametersJsonSchema as never),
    }),
  }

  test('generateText returns reasoning, text and usage with reasoning tokens', async () => {
    mock.onMessage('think', {
      reasoning: 'Hmm.',
      content: 'Done.',
      usage: { prompt_tokens: 4, completion_tokens: 9, reasoning_tokens: 6 },
    })
    const result = await generateText({ model: google()(MODEL), prompt: 'think', maxRetries: 0 })
    expect(result.text).toBe('Done.')
    expect(result.reasoningText).toBe('Hmm.')
    expect(result.finishReason).toBe('stop')
    expect(result.usage).toMatchObject({ inputTokens: 4, outputTokens: 9, reasoningTokens: 6 })
  })

  test('streamText streams reasoning and text', async () => {
    mock.onMessage(
      'think',
      { reasoning: 'Considering the options.', content: 'Option B is best.' },
      { chunkSize: 6 },
    )
    const result = streamText({ model: google()(MODEL), prompt: 'think', maxRetries: 0 })
    const kinds: string[] = []
    for await (const part of result.fullStream)
      if (part.type === 'reasoning-delta' || part.type === 'text-delta') kinds.push(part.type)
    expect(await result.text).toBe('Option B is best.')
    expect(await result.reasoningText).toBe('Considering the options.')
    expect(kinds.indexOf('text-delta')).toBe(kinds.lastIndexOf('reasoning-delta') + 1)
  })

  test('a thought signature reaches the tool call as provider metadata', async () => {
    mock.onMessage('weather', {
      reasoning: 'Need the weather.',
      reasoningSignature: 'sig-ai',
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }],
    })
    const result = await generateText({ model: google()(MODEL), prompt: 'weather?', tools, maxRetries: 0 })
    expect(result.toolCalls[0]!.providerMetadata).toEqual({ google: { thoughtSignature: 'sig-ai' } })
  })

  test('tool calls, streamed and not, carry the id and parsed input', async () => {
    mock.onMessage('weather', {
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' }, id: 'w1' }],
    })
    const generated = await generateText({ model: google()(MODEL), prompt: 'weather?', tools, maxRetries: 0 })
    expect(generated.toolCalls).toMatchObject([
      { toolCallId: 'w1', toolName: 'get_weather', input: { city: 'Paris' } },
    ])
    expect(generated.finishReason).toBe('tool-calls')
    const streamed = streamText({ model: google()(MODEL), prompt: 'weather?', tools, maxRetries: 0 })
    expect(await streamed.toolCalls).toMatchObject([
      { toolCallId: 'w1', toolName: 'get_weather', input: { city: 'Paris' } },
    ])
    expect(await streamed.finishReason).toBe('tool-calls')
  })
})
