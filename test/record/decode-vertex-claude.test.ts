/**
 * Record mode's decoder for Claude on Vertex AI (`:rawPredict`, `:streamRawPredict`): round trips through
 * the surface's own encoders, answers as Vertex sends them, and both error shapes (Anthropic's from the
 * model, Google's from the platform).
 */
import { describe, expect, test } from 'vitest'
import type { ChatSurface, DecodeContext } from '../../src/providers/provider'
import { vertexClaudeSurfaces } from '../../src/providers/vertex/claude'
import { readFrames } from '../../src/record/frames'
import { roundTripChat } from '../helpers/round-trip'
import { CASES, readBack } from './anthropic-cases'

const surface = vertexClaudeSurfaces.find((s) => s.id === 'vertex.claude') as ChatSurface<any>
const decoding = surface.response!
const MODELS = '/v1/projects/my-project/locations/us-east5/publishers/anthropic/models'

function wireOf(stream: boolean): unknown {
  const method = stream ? 'streamRawPredict' : 'rawPredict'
  const context: DecodeContext = {
    url: new URL(`https://us-east5-aiplatform.googleapis.com${MODELS}/claude-sonnet-4-5@20250929:${method}`),
    params: { project: 'my-project', location: 'us-east5', model: 'claude-sonnet-4-5@20250929' },
    headers: new Headers({ authorization: 'Bearer ya29.token' }),
    memory: new Map(),
  }
  const body = {
    anthropic_version: 'vertex-2023-10-16',
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
    tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
  }
  return surface.decode(body, context).wire
}

describe('round trips', () => {
  for (const { name, result } of CASES) {
    test(`JSON: ${name}`, async () => {
      const decoded = await roundTripChat(surface, wireOf(false), result, { stream: false })
      expect(decoded).toEqual(readBack(result, ['id', 'model']))
    })
    test(`SSE: ${name}`, async () => {
      const decoded = await roundTripChat(surface, wireOf(true), result, { stream: true, chunkSize: 3 })
      expect(decoded).toEqual(readBack(result, ['id', 'model']))
    })
  }
})

describe('answers as Vertex sends them', () => {
  test('a rawPredict Message', () => {
    const body = {
      id: 'msg_vrtx_01Hq4gQTn1mNhyVmxnQZ2Lt8',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [
        { type: 'text', text: 'Let me check.' },
        {
          type: 'tool_use',
          id: 'toolu_vrtx_01Bxq8ELSh5jaWoK3sV3Kdi4',
          name: 'get_weather',
          input: { city: 'Paris' },
        },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 380,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
        output_tokens: 54,
      },
    }
    expect(decoding.json(body, {})).toEqual({
      kind: 'chat',
      id: 'msg_vrtx_01Hq4gQTn1mNhyVmxnQZ2Lt8',
      model: 'claude-sonnet-4-5-20250929',
      blocks: [
        { type: 'text', text: 'Let me check.' },
        {
          type: 'toolCall',
          call: {
            id: 'toolu_vrtx_01Bxq8ELSh5jaWoK3sV3Kdi4',
            name: 'get_weather',
            arguments: '{"city":"Paris"}',
          },
        },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 380, outputTokens: 54 },
    })
  })

  test('a streamRawPredict stream: ping, CRLF line ends, max_tokens', () => {
    const text = [
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_vrtx_013f","type":"message","role":"assistant","model":"claude-opus-4-1-20250805","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}',
      'event: ping\ndata: {"type": "ping"}',
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Bonjour"}}',
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" !"}}',
      'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}',
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"output_tokens":3}}',
      'event: message_stop\ndata: {"type":"message_stop"}',
      '',
    ].join('\r\n\r\n')
    expect(decoding.stream!(readFrames('sse', text), {})).toEqual({
      kind: 'chat',
      id: 'msg_vrtx_013f',
      model: 'claude-opus-4-1-20250805',
      blocks: [{ type: 'text', text: 'Bonjour !' }],
      finishReason: 'length',
      usage: { inputTokens: 12, outputTokens: 3 },
    })
  })
})

describe('errors', () => {
  test("the model's error: Anthropic's envelope", () => {
    const body = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }
    expect(decoding.error!(529, body, new Headers())).toEqual({
      kind: 'error',
      status: 529,
      type: 'overloaded_error',
      message: 'Overloaded',
    })
  })

  test("the model's error inside an array", () => {
    const body = [
      { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } },
    ]
    expect(decoding.error!(400, body, new Headers())).toEqual({
      kind: 'error',
      status: 400,
      type: 'invalid_request_error',
      message: 'max_tokens: Field required',
    })
  })

  test("the platform's error: Google's envelope, its status as the type, RetryInfo as retryAfter", () => {
    const body = {
      error: {
        code: 429,
        message:
          'Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model with base model: anthropic-claude-sonnet-4-5. Please submit a quota increase request.',
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '32s' }],
      },
    }
    expect(decoding.error!(429, body, new Headers())).toEqual({
      kind: 'error',
      status: 429,
      type: 'RESOURCE_EXHAUSTED',
      message: body.error.message,
      retryAfter: 32,
    })
  })

  test('a Google error inside an array; a retry-after header wins over RetryInfo', () => {
    const body = [
      {
        error: {
          code: 403,
          message: "Permission 'aiplatform.endpoints.predict' denied on resource",
          status: 'PERMISSION_DENIED',
          details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '5s' }],
        },
      },
    ]
    expect(decoding.error!(403, body, new Headers({ 'retry-after': '9' }))).toEqual({
      kind: 'error',
      status: 403,
      type: 'PERMISSION_DENIED',
      message: "Permission 'aiplatform.endpoints.predict' denied on resource",
      retryAfter: 9,
    })
  })
})
