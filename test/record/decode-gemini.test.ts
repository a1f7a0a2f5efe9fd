/**
 * Record mode's Gemini API decoders: generateContent JSON, streamGenerateContent as SSE (`alt=sse`) and as a
 * JSON array, embedContent, batchEmbedContents and Google's error envelope. Round trips through standin's
 * own encoders, then bodies and streams as the Gemini API sends them.
 */
import { describe, expect, test } from 'vitest'
import type { EmbeddingResult } from '../../src/canonical'
import { batchEmbedContentsSurface } from '../../src/providers/gemini/batch-embed-contents'
import { embedContentSurface } from '../../src/providers/gemini/embed-content'
import { googleError } from '../../src/providers/gemini/errors'
import { generateContentSurface } from '../../src/providers/gemini/generate-content'
import { readFrames } from '../../src/record/frames'
import { roundTripChat, roundTripEmbedding } from '../helpers/round-trip'
import { carried, erased, headers, request, roundTripCases, wireFor } from './decode-gemini-shared'

const surface = generateContentSurface
const decoding = surface.response!
const BASE = '/v1beta/models/gemini-2.5-flash'
const jsonWire = wireFor(surface, `${BASE}:generateContent`, request)
const sseWire = wireFor(surface, `${BASE}:streamGenerateContent?alt=sse`, request)
const arrayWire = wireFor(surface, `${BASE}:streamGenerateContent`, request)

describe('round trips through standin encoders', () => {
  test.each(roundTripCases)('JSON: %s', async (_, result) => {
    const decoded = await roundTripChat(erased(surface), jsonWire, result, { stream: false })
    expect(decoded).toEqual(carried(result, { created: false }))
  })

  test.each(roundTripCases)('SSE stream: %s', async (_, result) => {
    const decoded = await roundTripChat(erased(surface), sseWire, result, { stream: true, chunkSize: 7 })
    expect(decoded).toEqual(carried(result, { created: false }))
  })

  test.each(roundTripCases)('JSON-array stream: %s', async (_, result) => {
    const decoded = await roundTripChat(erased(surface), arrayWire, result, { stream: true, chunkSize: 4 })
    expect(decoded).toEqual(carried(result, { created: false }))
  })

  test('the wire picks the framing: SSE with alt=sse, a JSON array without', () => {
    expect(sseWire).toMatchObject({ sse: true })
    expect(arrayWire).toMatchObject({ sse: false })
  })

  test('embedContent and batchEmbedContents give their vectors back', async () => {
    const result: EmbeddingResult = {
      kind: 'embedding',
      model: 'gemini-embedding-001',
      vectors: [[0.125, -0.5, 0.0078125]],
      usage: { inputTokens: 4, outputTokens: 0, reasoningTokens: 0 },
    }
    const one = wireFor(embedContentSurface, `/v1beta/models/gemini-embedding-001:embedContent`, {
      content: { parts: [{ text: 'hello' }] },
    })
    expect(await roundTripEmbedding(erased(embedContentSurface), one, result)).toEqual({
      kind: 'embedding',
      vectors: result.vectors,
    })
    const batch = {
      ...result,
      vectors: [
        [0.1, 0.2],
        [-0.3, 0.4],
        [0, 1],
      ],
    }
    expect(await roundTripEmbedding(erased(batchEmbedContentsSurface), undefined, batch)).toEqual({
      kind: 'embedding',
      vectors: batch.vectors,
    })
  })

  test('an error fixture reads back as it was written', () => {
    const error = {
      kind: 'error' as const,
      status: 429,
      message: 'Resource has been exhausted (e.g. check quota).',
      type: 'RESOURCE_EXHAUSTED',
      code: 'RATE_LIMIT_EXCEEDED',
      retryAfter: 30,
    }
    expect(decoding.error!(429, googleError(error), headers())).toEqual(error)
    const invalid = {
      kind: 'error' as const,
      status: 400,
      message: '* GenerateContentRequest.contents: contents is not specified',
      type: 'INVALID_ARGUMENT',
      param: 'contents',
    }
    expect(decoding.error!(400, googleError(invalid), headers())).toEqual(invalid)
    // A type that is no google.rpc.Code name survives in the ErrorInfo's metadata.
    const custom = { kind: 'error' as const, status: 500, message: 'boom', type: 'fixture_type', code: 'X' }
    expect(decoding.error!(500, googleError(custom), headers())).toEqual(custom)
  })
})

describe('the Gemini API as it answers', () => {
  test('Gemini 2.5 with thoughts: thought summary, signature, thoughtsTokenCount, modelVersion, responseId', () => {
    const body = {
      candidates: [
        {
          content: {
            parts: [
              {
                text: '**Considering the question**\n\nThe user asks why the sky is blue. Rayleigh scattering.\n',
                thought: true,
              },
              {
                text: 'The sky looks blue because air scatters short (blue) wavelengths of sunlight more.',
                thoughtSignature: 'CtwFAdHtim9FzXb4J1a4Q0kN0Q7uHc1P+8tY9bQ==',
              },
            ],
            role: 'model',
          },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: {
        promptTokenCount: 8,
        candidatesTokenCount: 19,
        totalTokenCount: 571,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: 8 }],
        thoughtsTokenCount: 544,
      },
      modelVersion: 'gemini-2.5-flash',
      responseId: 'e7BcaOG9Oq6Gz7IPm6yN4QQ',
    }
    expect(decoding.json(body, jsonWire)).toEqual({
      kind: 'chat',
      id: 'e7BcaOG9Oq6Gz7IPm6yN4QQ',
      model: 'gemini-2.5-flash',
      reasoning: '**Considering the question**\n\nThe user asks why the sky is blue. Rayleigh scattering.\n',
      reasoningSignature: 'CtwFAdHtim9FzXb4J1a4Q0kN0Q7uHc1P+8tY9bQ==',
      blocks: [
        {
          type: 'text',
          text: 'The sky looks blue because air scatters short (blue) wavelengths of sunlight more.',
        },
      ],
      finishReason: 'stop',
      usage: { inputTokens: 8, outputTokens: 563, reasoningTokens: 544 },
    })
  })

  test('an older model calls a function without an id: the call keeps an empty id', () => {
    const body = {
      candidates: [
        {
          content: {
            parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris', unit: 'celsius' } } }],
            role: 'model',
          },
          finishReason: 'STOP',
          avgLogprobs: -0.0009864534484222531,
        },
      ],
      usageMetadata: {
        promptTokenCount: 41,
        candidatesTokenCount: 8,
        totalTokenCount: 49,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: 41 }],
        candidatesTokensDetails: [{ modality: 'TEXT', tokenCount: 8 }],
      },
      modelVersion: 'gemini-2.0-flash',
      responseId: 'oLBcaK-fJoWzz7IPqdyR0QU',
    }
    expect(decoding.json(body, jsonWire)).toMatchObject({
      blocks: [
        {
          type: 'toolCall',
          call: { id: '', name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
        },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 41, outputTokens: 8, reasoningTokens: 0 },
    })
  })

  test('Gemini 3 parallel calls carry ids; the signature rides on the first call', () => {
    const body = {
      candidates: [
        {
          content: {
            parts: [
              {
                functionCall: { id: 'qn5x1r4a', name: 'get_weather', args: { city: 'Paris' } },
                thoughtSignature: 'EqYDCqMDAdHtim-first-call-signature',
              },
              { functionCall: { id: 'j7c2mw0e', name: 'get_weather', args: { city: 'Rome' } } },
              { functionCall: { id: 'z0b8kd3u', name: 'get_time', args: {} } },
            ],
            role: 'model',
          },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: {
        promptTokenCount: 72,
        candidatesTokenCount: 44,
        totalTokenCount: 268,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: 72 }],
        thoughtsTokenCount: 152,
      },
      modelVersion: 'gemini-3-pro-preview',
      responseId: 'kLJcaP3wEtOVz7IP2b6e8Qg',
    }
    expect(decoding.json(body, jsonWire)).toEqual({
      kind: 'chat',
      id: 'kLJcaP3wEtOVz7IP2b6e8Qg',
      model: 'gemini-3-pro-preview',
      reasoningSignature: 'EqYDCqMDAdHtim-first-call-signature',
      blocks: [
        { type: 'toolCall', call: { id: 'qn5x1r4a', name: 'get_weather', arguments: '{"city":"Paris"}' } },
        { type: 'toolCall', call: { id: 'j7c2mw0e', name: 'get_weather', arguments: '{"city":"Rome"}' } },
        { type: 'toolCall', call: { id: 'z0b8kd3u', name: 'get_time', arguments: '{}' } },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 72, outputTokens: 196, reasoningTokens: 152 },
    })
  })

  test('an SSE stream as Gemini sends it (CRLF, usage repeated, counts completed at the end)', () => {
    const chunk = (parts: unknown[], extra: Record<string, unknown>, usage: Record<string, unknown>) =>
      `data: ${JSON.stringify({
        candidates: [{ content: { parts, role: 'model' }, index: 0, ...extra }],
        usageMetadata: usage,
        modelVersion: 'gemini-2.5-flash',
        responseId: 'SbJcaI7tL5a_z7IP5KC_0Qs',
      })}\r\n\r\n`
    const prompt = {
      promptTokenCount: 9,
      totalTokenCount: 9,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 9 }],
    }
    const body =
      chunk([{ text: 'Why the sky is blue: a short note.', thought: true }], {}, prompt) +
      chunk([{ text: 'Sunlight' }], {}, prompt) +
      chunk([{ text: ' scatters off air molecules' }], {}, prompt) +
      chunk(
        [{ text: '; blue scatters most.' }],
        { finishReason: 'STOP' },
        {
          ...prompt,
          candidatesTokenCount: 12,
          totalTokenCount: 330,
          thoughtsTokenCount: 309,
        },
      )
    const frames = readFrames('sse', body)
    expect(decoding.stream!(frames, sseWire)).toEqual({
      kind: 'chat',
      id: 'SbJcaI7tL5a_z7IP5KC_0Qs',
      model: 'gemini-2.5-flash',
      reasoning: 'Why the sky is blue: a short note.',
      blocks: [{ type: 'text', text: 'Sunlight scatters off air molecules; blue scatters most.' }],
      finishReason: 'stop',
      usage: { inputTokens: 9, outputTokens: 321, reasoningTokens: 309 },
    })
  })

  test('the JSON-array stream (no alt=sse), a call and a final empty text with the signature', () => {
    const body = `[{
  "candidates": [{"content": {"parts": [{"text": "I'll look that up."}], "role": "model"}, "index": 0}],
  "usageMetadata": {"promptTokenCount": 30, "totalTokenCount": 30},
  "modelVersion": "gemini-2.5-pro",
  "responseId": "cbJcaLuXBa2Pz7IP_pSZ-Ac"
}
,
{
  "candidates": [{"content": {"parts": [{"functionCall": {"name": "search_docs", "args": {"query": "rayleigh", "limit": 5}}}], "role": "model"}, "index": 0}],
  "usageMetadata": {"promptTokenCount": 30, "totalTokenCount": 30},
  "modelVersion": "gemini-2.5-pro",
  "responseId": "cbJcaLuXBa2Pz7IP_pSZ-Ac"
}
,
{
  "candidates": [{"content": {"parts": [{"text": "", "thoughtSignature": "Cp8BAdHtim9-stream-signature"}], "role": "model"}, "finishReason": "STOP", "index": 0}],
  "usageMetadata": {"promptTokenCount": 30, "candidatesTokenCount": 22, "totalTokenCount": 140, "thoughtsTokenCount": 88},
  "modelVersion": "gemini-2.5-pro",
  "responseId": "cbJcaLuXBa2Pz7IP_pSZ-Ac"
}
]`
    expect(decoding.stream!(readFrames('json-array', body), arrayWire)).toEqual({
      kind: 'chat',
      id: 'cbJcaLuXBa2Pz7IP_pSZ-Ac',
      model: 'gemini-2.5-pro',
      reasoningSignature: 'Cp8BAdHtim9-stream-signature',
      blocks: [
        { type: 'text', text: "I'll look that up." },
        {
          type: 'toolCall',
          call: { id: '', name: 'search_docs', arguments: '{"query":"rayleigh","limit":5}' },
        },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 30, outputTokens: 110, reasoningTokens: 88 },
    })
  })

  test('a blocked prompt: no candidates, promptFeedback says why', () => {
    const body = {
      promptFeedback: {
        blockReason: 'PROHIBITED_CONTENT',
        safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'NEGLIGIBLE' }],
      },
      usageMetadata: { promptTokenCount: 11, totalTokenCount: 11 },
      modelVersion: 'gemini-2.5-flash',
      responseId: 'xbJcaNqPHYOdz7IPqeWo6Qk',
    }
    expect(decoding.json(body, jsonWire)).toEqual({
      kind: 'chat',
      id: 'xbJcaNqPHYOdz7IPqeWo6Qk',
      model: 'gemini-2.5-flash',
      blocks: [],
      finishReason: 'content_filter',
      nativeFinishReason: 'PROHIBITED_CONTENT',
      usage: { inputTokens: 11 },
    })
  })

  test('finish reasons the canonical set lacks are kept as native reasons', () => {
    const answer = (finishReason: string, extra: Record<string, unknown> = {}, parts?: unknown[]) =>
      decoding.json(
        {
          candidates: [
            { ...(parts ? { content: { parts, role: 'model' } } : {}), finishReason, index: 0, ...extra },
          ],
          usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 },
          modelVersion: 'gemini-2.5-flash',
        },
        jsonWire,
      )
    expect(
      answer(
        'RECITATION',
        {
          citationMetadata: {
            citationSources: [{ startIndex: 0, endIndex: 30, uri: 'https://example.com' }],
          },
        },
        [{ text: 'Four score and seven' }],
      ),
    ).toMatchObject({ finishReason: 'content_filter', nativeFinishReason: 'RECITATION' })
    expect(
      answer('SAFETY', {
        safetyRatings: [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'HIGH', blocked: true }],
      }),
    ).toEqual(expect.objectContaining({ finishReason: 'content_filter', blocks: [] }))
    expect(answer('SAFETY')).not.toHaveProperty('nativeFinishReason')
    expect(
      answer('MALFORMED_FUNCTION_CALL', { finishMessage: 'Malformed function call: print(default_api.x(' }),
    ).toMatchObject({ finishReason: 'stop', nativeFinishReason: 'MALFORMED_FUNCTION_CALL', blocks: [] })
    expect(answer('MAX_TOKENS', {}, [{ text: 'Once upon' }])).toMatchObject({ finishReason: 'length' })
    expect(answer('MAX_TOKENS', {}, [{ text: 'Once upon' }])).not.toHaveProperty('nativeFinishReason')
    expect(answer('SPII')).toMatchObject({ finishReason: 'content_filter', nativeFinishReason: 'SPII' })
    expect(answer('OTHER')).toMatchObject({ finishReason: 'stop', nativeFinishReason: 'OTHER' })
  })

  test('grounding and code execution: tool-use prompt tokens count as input, parts with no canonical form are skipped', () => {
    const body = {
      candidates: [
        {
          content: {
            parts: [
              { text: 'Let me compute it.' },
              { executableCode: { language: 'PYTHON', code: 'print(2**10)' } },
              { codeExecutionResult: { outcome: 'OUTCOME_OK', output: '1024\n' } },
              { text: ' 2 to the 10th is 1024.' },
            ],
            role: 'model',
          },
          finishReason: 'STOP',
          groundingMetadata: { webSearchQueries: ['2 ** 10'], groundingChunks: [] },
          index: 0,
        },
      ],
      usageMetadata: {
        promptTokenCount: 20,
        candidatesTokenCount: 30,
        toolUsePromptTokenCount: 15,
        totalTokenCount: 65,
        toolUsePromptTokensDetails: [{ modality: 'TEXT', tokenCount: 15 }],
      },
      modelVersion: 'gemini-2.5-flash',
      responseId: 'r1',
    }
    expect(decoding.json(body, jsonWire)).toMatchObject({
      blocks: [{ type: 'text', text: 'Let me compute it. 2 to the 10th is 1024.' }],
      usage: { inputTokens: 35, outputTokens: 30, reasoningTokens: 0 },
    })
  })

  test('snake_case field names (protobuf JSON) read the same', () => {
    const body = {
      candidates: [
        {
          content: { parts: [{ text: 'Hi', thought_signature: 'sig' }], role: 'model' },
          finish_reason: 'MAX_TOKENS',
        },
      ],
      usage_metadata: { prompt_token_count: 2, candidates_token_count: 1, thoughts_token_count: 4 },
      model_version: 'gemini-2.5-flash',
      response_id: 'snake',
    }
    expect(decoding.json(body, jsonWire)).toEqual({
      kind: 'chat',
      id: 'snake',
      model: 'gemini-2.5-flash',
      reasoningSignature: 'sig',
      blocks: [{ type: 'text', text: 'Hi' }],
      finishReason: 'length',
      usage: { inputTokens: 2, outputTokens: 5, reasoningTokens: 4 },
    })
  })

  test('the first candidate is read when several come back', () => {
    const body = {
      candidates: [
        { content: { parts: [{ text: 'second' }], role: 'model' }, finishReason: 'STOP', index: 1 },
        { content: { parts: [{ text: 'first' }], role: 'model' }, finishReason: 'STOP', index: 0 },
      ],
    }
    expect(decoding.json(body, jsonWire).blocks).toEqual([{ type: 'text', text: 'first' }])
  })

  test('what is not a GenerateContentResponse is an error naming it', () => {
    expect(() => decoding.json({ foo: 1 }, jsonWire)).toThrow(/GenerateContentResponse/)
    expect(() => decoding.json([], jsonWire)).toThrow(/GenerateContentResponse/)
    expect(() => decoding.json({ error: { code: 500, message: 'Internal error' } }, jsonWire)).toThrow(
      /Internal error/,
    )
    expect(() =>
      decoding.json({ candidates: [{ content: { parts: [{ functionCall: { args: {} } }] } }] }, jsonWire),
    ).toThrow(/functionCall part has no name/)
    expect(() => decoding.stream!([], sseWire)).toThrow(/no GenerateContentResponse/)
  })

  test('an error in the middle of a stream is an error', () => {
    const frames = [
      { data: { candidates: [{ content: { parts: [{ text: 'Hel' }], role: 'model' } }] } },
      {
        data: {
          error: {
            code: 503,
            message: 'The model is overloaded. Please try again later.',
            status: 'UNAVAILABLE',
          },
        },
      },
    ]
    expect(() => decoding.stream!(frames, sseWire)).toThrow(/overloaded/)
  })

  test('unknown SSE events and non-JSON data are ignored', () => {
    const frames = [
      { event: 'ping', data: 'keep-alive' },
      {
        data: { candidates: [{ content: { parts: [{ text: 'ok' }], role: 'model' }, finishReason: 'STOP' }] },
      },
    ]
    expect(decoding.stream!(frames, sseWire)).toEqual({
      kind: 'chat',
      blocks: [{ type: 'text', text: 'ok' }],
      finishReason: 'stop',
    })
  })
})

describe('embeddings as the Gemini API answers them', () => {
  test('embedContent: one vector, no model, no usage', () => {
    const body = { embedding: { values: [0.0132, -0.0081, 0.0441, -0.0027] } }
    expect(embedContentSurface.response!.json(body, { usage: false })).toEqual({
      kind: 'embedding',
      vectors: [[0.0132, -0.0081, 0.0441, -0.0027]],
    })
  })

  test('batchEmbedContents: one vector per request, in order', () => {
    const body = { embeddings: [{ values: [0.1, 0.2, 0.3] }, { values: [-0.1, -0.2, -0.3] }] }
    expect(batchEmbedContentsSurface.response!.json(body, undefined)).toEqual({
      kind: 'embedding',
      vectors: [
        [0.1, 0.2, 0.3],
        [-0.1, -0.2, -0.3],
      ],
    })
  })

  test('a body without vectors is an error', () => {
    expect(() => embedContentSurface.response!.json({ embeddings: [] }, { usage: false })).toThrow(
      /embedding\.values/,
    )
    expect(() =>
      embedContentSurface.response!.json({ embedding: { values: ['x'] } }, { usage: false }),
    ).toThrow(/array of numbers/)
    expect(() => batchEmbedContentsSurface.response!.json({ embedding: {} }, undefined)).toThrow(
      /embeddings array/,
    )
  })
})

describe("Google's errors as the Gemini API sends them", () => {
  test('400 with an invalid API key: ErrorInfo reason is the code', () => {
    const body = {
      error: {
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        status: 'INVALID_ARGUMENT',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            domain: 'googleapis.com',
            metadata: { service: 'generativelanguage.googleapis.com' },
          },
          {
            '@type': 'type.googleapis.com/google.rpc.LocalizedMessage',
            locale: 'en-US',
            message: 'API key not valid. Please pass a valid API key.',
          },
        ],
      },
    }
    expect(decoding.error!(400, body, headers())).toEqual({
      kind: 'error',
      status: 400,
      message: 'API key not valid. Please pass a valid API key.',
      type: 'INVALID_ARGUMENT',
      code: 'API_KEY_INVALID',
    })
  })

  test('429 over quota: the back-off comes from RetryInfo', () => {
    const body = {
      error: {
        code: 429,
        message: 'You exceeded your current quota, please check your plan and billing details.',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [
              {
                quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
                quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
                quotaDimensions: { location: 'global', model: 'gemini-2.5-flash' },
                quotaValue: '10',
              },
            ],
          },
          {
            '@type': 'type.googleapis.com/google.rpc.Help',
            links: [{ description: 'Learn more', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }],
          },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '52s' },
        ],
      },
    }
    expect(decoding.error!(429, body, headers())).toEqual({
      kind: 'error',
      status: 429,
      message: 'You exceeded your current quota, please check your plan and billing details.',
      type: 'RESOURCE_EXHAUSTED',
      retryAfter: 52,
    })
  })

  test('a Retry-After header wins over RetryInfo; a bare 503 keeps its status name', () => {
    const body = {
      error: {
        code: 503,
        message: 'The model is overloaded. Please try again later.',
        status: 'UNAVAILABLE',
      },
    }
    expect(decoding.error!(503, body, headers({ 'Retry-After': '7' }))).toEqual({
      kind: 'error',
      status: 503,
      message: 'The model is overloaded. Please try again later.',
      type: 'UNAVAILABLE',
      retryAfter: 7,
    })
  })

  test('a body that is not Google JSON still gives an error', () => {
    expect(decoding.error!(502, '<html><body>502 Bad Gateway</body></html>', headers())).toEqual({
      kind: 'error',
      status: 502,
      message: '<html><body>502 Bad Gateway</body></html>',
    })
    expect(decoding.error!(500, undefined, headers())).toEqual({
      kind: 'error',
      status: 500,
      message: 'HTTP 500',
    })
  })

  test('embedding surfaces read the same envelope', () => {
    const body = { error: { code: 404, message: 'models/nope is not found', status: 'NOT_FOUND' } }
    expect(embedContentSurface.response!.error!(404, body, headers())).toMatchObject({ type: 'NOT_FOUND' })
    expect(batchEmbedContentsSurface.response!.error!(404, body, headers())).toMatchObject({ status: 404 })
  })
})
