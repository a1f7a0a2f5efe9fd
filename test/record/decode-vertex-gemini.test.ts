/**
 * Record mode's decoders on Vertex AI's Gemini surfaces (generateContent, both stream framings, embedContent):
 * the Gemini wire plus `createTime`, embedding usage, arguments streamed as `partialArgs`, and errors wrapped
 * in an array.
 */
import { describe, expect, test } from 'vitest'
import type { EmbeddingResult } from '../../src/canonical'
import type { ChatSurface, EmbeddingSurface } from '../../src/providers/provider'
import { vertexGeminiSurfaces } from '../../src/providers/vertex/gemini'
import { readFrames } from '../../src/record/frames'
import { roundTripChat, roundTripEmbedding } from '../helpers/round-trip'
import { carried, headers, request, roundTripCases, wireFor } from './decode-gemini-shared'

const surfaces = Object.fromEntries(vertexGeminiSurfaces.map((surface) => [surface.id, surface]))
const generate = surfaces['vertex.generateContent'] as ChatSurface
const embed = surfaces['vertex.embedContent'] as EmbeddingSurface
const decoding = generate.response!
const BASE = '/v1beta1/projects/test-project/locations/us-central1/publishers/google/models/gemini-2.5-flash'
const jsonWire = wireFor(generate, `${BASE}:generateContent`, request)
const sseWire = wireFor(generate, `${BASE}:streamGenerateContent?alt=sse`, request)
const arrayWire = wireFor(generate, `${BASE}:streamGenerateContent`, request)

describe('round trips through standin encoders: createTime comes back as created', () => {
  test.each(roundTripCases)('JSON: %s', async (_, result) => {
    const decoded = await roundTripChat(generate, jsonWire, result, { stream: false })
    expect(decoded).toEqual(carried(result, { created: true }))
  })

  test.each(roundTripCases)('SSE stream: %s', async (_, result) => {
    const decoded = await roundTripChat(generate, sseWire, result, { stream: true, chunkSize: 6 })
    expect(decoded).toEqual(carried(result, { created: true }))
  })

  test.each(roundTripCases)('JSON-array stream: %s', async (_, result) => {
    const decoded = await roundTripChat(generate, arrayWire, result, { stream: true, chunkSize: 9 })
    expect(decoded).toEqual(carried(result, { created: true }))
  })

  test('embedContent gives its vector and prompt token count back', async () => {
    const result: EmbeddingResult = {
      kind: 'embedding',
      model: 'gemini-embedding-001',
      vectors: [[0.25, -0.75, 0.5]],
      usage: { inputTokens: 6, outputTokens: 0, reasoningTokens: 0 },
    }
    const path = BASE.replace('gemini-2.5-flash', 'gemini-embedding-001') + ':embedContent'
    const wire = wireFor(embed, path, { content: { parts: [{ text: 'hello vertex' }] } })
    expect(await roundTripEmbedding(embed, wire, result)).toEqual({
      kind: 'embedding',
      vectors: result.vectors,
      usage: { inputTokens: 6 },
    })
  })
})

describe('Vertex AI as it answers', () => {
  test('generateContent with createTime (microseconds), safety ratings, logprobs and traffic type', () => {
    const body = {
      candidates: [
        {
          content: { role: 'model', parts: [{ text: 'Bonjour ! Comment puis-je vous aider ?' }] },
          finishReason: 'STOP',
          avgLogprobs: -0.21462917327880859,
          safetyRatings: [
            {
              category: 'HARM_CATEGORY_HATE_SPEECH',
              probability: 'NEGLIGIBLE',
              probabilityScore: 0.0371,
              severity: 'HARM_SEVERITY_NEGLIGIBLE',
              severityScore: 0.0484,
            },
          ],
        },
      ],
      usageMetadata: {
        promptTokenCount: 5,
        candidatesTokenCount: 10,
        totalTokenCount: 41,
        trafficType: 'ON_DEMAND',
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: 5 }],
        candidatesTokensDetails: [{ modality: 'TEXT', tokenCount: 10 }],
        thoughtsTokenCount: 26,
      },
      modelVersion: 'gemini-2.5-flash',
      createTime: '2025-06-26T09:14:02.781473Z',
      responseId: 'qg9daMbSL-2AgLUPnqa-wAk',
    }
    expect(decoding.json(body, jsonWire)).toEqual({
      kind: 'chat',
      id: 'qg9daMbSL-2AgLUPnqa-wAk',
      model: 'gemini-2.5-flash',
      created: 1_750_929_242,
      blocks: [{ type: 'text', text: 'Bonjour ! Comment puis-je vous aider ?' }],
      finishReason: 'stop',
      usage: { inputTokens: 5, outputTokens: 36, reasoningTokens: 26 },
    })
  })

  test('arguments streamed as partialArgs (streamFunctionCallArguments) are put back together', () => {
    const chunk = (parts: unknown[], finishReason?: string) => ({
      data: {
        candidates: [{ content: { role: 'model', parts }, ...(finishReason ? { finishReason } : {}) }],
        usageMetadata: { promptTokenCount: 50, totalTokenCount: 50, trafficType: 'ON_DEMAND' },
        modelVersion: 'gemini-3-pro-preview',
        createTime: '2025-11-20T10:00:00.000001Z',
        responseId: 'pa-1',
      },
    })
    const frames = [
      chunk([{ text: 'Writing the file now.' }]),
      chunk([
        {
          functionCall: { id: 'call-wf', name: 'write_file', willContinue: true },
          thoughtSignature: 'EpYBCpMBAdHtim-partial',
        },
      ]),
      chunk([
        {
          functionCall: {
            partialArgs: [
              { jsonPath: '$.path', stringValue: 'notes/today.md' },
              { jsonPath: '$.content', stringValue: 'Hello, ', willContinue: true },
            ],
            willContinue: true,
          },
        },
      ]),
      chunk([
        {
          functionCall: {
            partialArgs: [{ jsonPath: '$.content', stringValue: 'world' }],
            willContinue: true,
          },
        },
      ]),
      chunk([
        {
          functionCall: {
            partialArgs: [
              { jsonPath: '$.options.overwrite', boolValue: true },
              { jsonPath: '$.options.mode', numberValue: 420 },
              { jsonPath: '$.tags[0]', stringValue: 'daily' },
              { jsonPath: "$['owner name']", nullValue: 'NULL_VALUE' },
            ],
          },
        },
      ]),
      chunk([{ functionCall: { id: 'call-ls', name: 'list_dir', args: { path: 'notes' } } }], 'STOP'),
    ]
    expect(decoding.stream!(frames, sseWire)).toEqual({
      kind: 'chat',
      id: 'pa-1',
      model: 'gemini-3-pro-preview',
      created: 1_763_632_800,
      reasoningSignature: 'EpYBCpMBAdHtim-partial',
      blocks: [
        { type: 'text', text: 'Writing the file now.' },
        {
          type: 'toolCall',
          call: {
            id: 'call-wf',
            name: 'write_file',
            arguments: JSON.stringify({
              path: 'notes/today.md',
              content: 'Hello, world',
              options: { overwrite: true, mode: 420 },
              tags: ['daily'],
              'owner name': null,
            }),
          },
        },
        { type: 'toolCall', call: { id: 'call-ls', name: 'list_dir', arguments: '{"path":"notes"}' } },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 50 },
    })
  })

  test('a streamed call whose last piece repeats the whole args keeps them', () => {
    const frames = [
      { candidates: [{ content: { parts: [{ functionCall: { name: 'f', willContinue: true } }] } }] },
      {
        candidates: [
          {
            content: {
              parts: [
                { functionCall: { partialArgs: [{ jsonPath: '$.a', numberValue: 1 }], willContinue: true } },
              ],
            },
          },
        ],
      },
      {
        candidates: [
          { content: { parts: [{ functionCall: { args: { a: 1, b: 2 } } }] }, finishReason: 'STOP' },
        ],
      },
    ]
    expect(decoding.stream!(frames, arrayWire).blocks).toEqual([
      { type: 'toolCall', call: { id: '', name: 'f', arguments: '{"a":1,"b":2}' } },
    ])
  })

  test('an unreadable partialArgs path is an error naming it', () => {
    const frames = [
      {
        candidates: [
          {
            content: {
              parts: [{ functionCall: { name: 'f', partialArgs: [{ jsonPath: '$..a', stringValue: 'x' }] } }],
            },
          },
        ],
      },
    ]
    expect(() => decoding.stream!(frames, arrayWire)).toThrow(/jsonPath '\$\.\.a'/)
  })

  test('embedContent with usageMetadata and truncated', () => {
    const body = {
      embedding: { values: [-0.0157, 0.0098, 0.0211] },
      usageMetadata: { promptTokenCount: 4, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 4 }] },
      truncated: false,
    }
    expect(embed.response!.json(body, { usage: true })).toEqual({
      kind: 'embedding',
      vectors: [[-0.0157, 0.0098, 0.0211]],
      usage: { inputTokens: 4 },
    })
  })

  test('an older embedding answer counts tokens in embedding.statistics', () => {
    const body = { embedding: { values: [0.5], statistics: { token_count: 3, truncated: false } } }
    expect(embed.response!.json(body, { usage: true })).toEqual({
      kind: 'embedding',
      vectors: [[0.5]],
      usage: { inputTokens: 3 },
    })
  })
})

describe("Vertex AI's errors", () => {
  test('a 404 wrapped in an array, as streamGenerateContent answers it', () => {
    const body = [
      {
        error: {
          code: 404,
          message:
            'Publisher Model `projects/test-project/locations/us-central1/publishers/google/models/gemini-9` was not found or your project does not have access to it.',
          status: 'NOT_FOUND',
        },
      },
    ]
    expect(decoding.error!(404, body, headers())).toEqual({
      kind: 'error',
      status: 404,
      message: body[0]!.error.message,
      type: 'NOT_FOUND',
    })
  })

  test('429 resource exhausted', () => {
    const body = {
      error: {
        code: 429,
        message:
          'Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.',
        status: 'RESOURCE_EXHAUSTED',
      },
    }
    expect(decoding.error!(429, body, headers({ 'retry-after': '3' }))).toEqual({
      kind: 'error',
      status: 429,
      message: body.error.message,
      type: 'RESOURCE_EXHAUSTED',
      retryAfter: 3,
    })
  })

  test('a 400 naming the field at fault', () => {
    const body = {
      error: {
        code: 400,
        message: 'Unable to submit request because it has an empty text parameter.',
        status: 'INVALID_ARGUMENT',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.BadRequest',
            fieldViolations: [{ field: 'contents[0].parts[0].text', description: 'empty text' }],
          },
        ],
      },
    }
    expect(embed.response!.error!(400, body, headers())).toEqual({
      kind: 'error',
      status: 400,
      message: body.error.message,
      type: 'INVALID_ARGUMENT',
      param: 'contents[0].parts[0].text',
    })
  })

  test('frames read from raw bytes: a Vertex SSE stream with CRLF endings', () => {
    const text =
      'data: {"candidates": [{"content": {"role": "model","parts": [{"text": "Hi"}]}}],"usageMetadata": {"trafficType": "ON_DEMAND"},"modelVersion": "gemini-2.0-flash-001","createTime": "2025-01-02T03:04:05.678901Z","responseId": "v1"}\r\n\r\n' +
      'data: {"candidates": [{"content": {"role": "model","parts": [{"text": " there"}]},"finishReason": "STOP"}],"usageMetadata": {"promptTokenCount": 2,"candidatesTokenCount": 2,"totalTokenCount": 4,"trafficType": "ON_DEMAND"},"modelVersion": "gemini-2.0-flash-001","createTime": "2025-01-02T03:04:05.678901Z","responseId": "v1"}\r\n\r\n'
    expect(decoding.stream!(readFrames('sse', text), sseWire)).toEqual({
      kind: 'chat',
      id: 'v1',
      model: 'gemini-2.0-flash-001',
      created: 1_735_787_045,
      blocks: [{ type: 'text', text: 'Hi there' }],
      finishReason: 'stop',
      usage: { inputTokens: 2, outputTokens: 2, reasoningTokens: 0 },
    })
  })
})
