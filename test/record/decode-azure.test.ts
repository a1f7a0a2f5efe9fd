/**
 * Azure OpenAI's response decoders (record mode): OpenAI's wire read by the OpenAI decoders under Azure's
 * surfaces, Azure's content filter results and finish reasons, and Azure's error envelope.
 */
import { describe, expect, test } from 'vitest'
import type { ChatResult, EmbeddingResult, ErrorResult } from '../../src/canonical'
import { azureChatSurface } from '../../src/providers/azure/chat'
import { azureEmbeddingsSurface } from '../../src/providers/azure/embeddings'
import { azureResponsesSurface } from '../../src/providers/azure/responses'
import {
  context,
  dataLines,
  headerReader,
  roundTripChat,
  roundTripEmbedding,
  sse,
  typedEvents,
} from './decode-openai-helpers'

const deployment = 'gpt-4o-prod'
const query = '?api-version=2024-10-21'
const messages = [{ role: 'user', content: 'Summarise the forecast.' }]

function chatWire(body: Record<string, unknown> = {}) {
  return azureChatSurface.decode(
    { messages, ...body },
    context(`/openai/deployments/${deployment}/chat/completions${query}`, { params: { deployment } }),
  ).wire
}

function responsesWire(body: Record<string, unknown> = {}) {
  return azureResponsesSurface.decode(
    { model: deployment, input: 'Summarise the forecast.', ...body },
    context(`/openai/responses${query}`),
  ).wire
}

function embeddingsWire(format: 'float' | 'base64') {
  return azureEmbeddingsSurface.decode(
    { input: ['a', 'b'], encoding_format: format },
    context(`/openai/deployments/text-embedding-3-small/embeddings${query}`, {
      params: { deployment: 'text-embedding-3-small' },
    }),
  ).wire
}

const usage = { inputTokens: 14, outputTokens: 9, reasoningTokens: 0 }
const call = { id: 'call_n1TZAnAl', name: 'weather', arguments: '{"location":"Florence, Italy"}' }

const results: Record<string, ChatResult> = {
  text: {
    kind: 'chat',
    id: 'chatcmpl-azure-text',
    model: 'gpt-4o-2024-11-20',
    created: 1_782_321_600,
    blocks: [{ type: 'text', text: 'Sunny all week, with a cooler Thursday.' }],
    finishReason: 'stop',
    usage,
  },
  toolCalls: {
    kind: 'chat',
    id: 'chatcmpl-azure-tools',
    model: 'gpt-4o-2024-11-20',
    created: 1_782_321_600,
    blocks: [
      { type: 'text', text: 'Checking.' },
      { type: 'toolCall', call },
      { type: 'toolCall', call: { ...call, id: 'call_2', arguments: '{"location":"Rome"}' } },
    ],
    finishReason: 'tool_calls',
    usage,
  },
  filtered: {
    kind: 'chat',
    id: 'chatcmpl-azure-filtered',
    model: 'gpt-4o-2024-11-20',
    created: 1_782_321_600,
    blocks: [{ type: 'text', text: 'Here is how' }],
    finishReason: 'content_filter',
    usage,
  },
  reasoning: {
    kind: 'chat',
    id: 'chatcmpl-azure-reasoning',
    model: 'o4-mini-2025-04-16',
    created: 1_782_321_600,
    reasoning: 'A short plan.',
    blocks: [{ type: 'text', text: 'Done.' }],
    finishReason: 'length',
    usage: { inputTokens: 14, outputTokens: 30, reasoningTokens: 20 },
  },
}

describe('azure.chat: round trips', () => {
  for (const [name, result] of Object.entries(results)) {
    test(`${name}: JSON with Azure's filter annotations`, async () => {
      expect(await roundTripChat(azureChatSurface, chatWire(), result, { stream: false })).toEqual(result)
    })
    test(`${name}: SSE with include_usage`, async () => {
      const wire = chatWire({ stream: true, stream_options: { include_usage: true } })
      expect(await roundTripChat(azureChatSurface, wire, result, { stream: true })).toEqual(result)
    })
  }
})

describe('azure.responses and azure.embeddings: round trips', () => {
  for (const [name, result] of Object.entries(results)) {
    for (const stream of [false, true]) {
      test(`responses ${name}: ${stream ? 'SSE' : 'JSON'}`, async () => {
        const responses = { ...result, id: `resp_${name}` }
        const decoded = await roundTripChat(azureResponsesSurface, responsesWire({ stream }), responses, {
          stream,
        })
        expect(decoded).toEqual(responses)
      })
    }
  }

  test('embeddings, float and base64', async () => {
    const embedding: EmbeddingResult = {
      kind: 'embedding',
      model: 'text-embedding-3-small',
      vectors: [
        [0.125, -0.5],
        [0.3, 0.7],
      ],
      usage: { inputTokens: 2, outputTokens: 0, reasoningTokens: 0 },
    }
    expect(await roundTripEmbedding(azureEmbeddingsSurface, embeddingsWire('float'), embedding)).toEqual({
      kind: 'embedding',
      model: 'text-embedding-3-small',
      vectors: embedding.vectors,
      usage: { inputTokens: 2 },
    })
    const decoded = await roundTripEmbedding(azureEmbeddingsSurface, embeddingsWire('base64'), embedding)
    expect(decoded.vectors).toEqual(embedding.vectors.map((v) => v.map(Math.fround)))
  })
})

const safe = {
  hate: { filtered: false, severity: 'safe' },
  self_harm: { filtered: false, severity: 'safe' },
  sexual: { filtered: false, severity: 'safe' },
  violence: { filtered: false, severity: 'safe' },
}
const promptFilterResults = [
  { prompt_index: 0, content_filter_results: { ...safe, jailbreak: { filtered: false, detected: false } } },
]

describe('azure.chat: real wire', () => {
  test('a JSON completion with prompt and choice filter results and latency checkpoints', () => {
    const body = {
      choices: [
        {
          content_filter_results: {
            ...safe,
            protected_material_code: { filtered: false, detected: false },
            protected_material_text: { filtered: false, detected: false },
          },
          finish_reason: 'tool_calls',
          index: 0,
          logprobs: null,
          message: {
            annotations: [],
            content: null,
            refusal: null,
            role: 'assistant',
            tool_calls: [
              {
                function: { arguments: '{"location":"Florence, Italy"}', name: 'weather' },
                id: 'call_GkznHW5HPVnubv5R7iyby8af',
                type: 'function',
              },
            ],
          },
        },
      ],
      created: 1782321600,
      id: 'chatcmpl-DuLYW61AfKdSRPs5NpYIQ0tsqKs70',
      model: 'o4-mini-2025-04-16',
      object: 'chat.completion',
      prompt_filter_results: promptFilterResults,
      service_tier: 'default',
      system_fingerprint: null,
      usage: {
        completion_tokens: 151,
        completion_tokens_details: {
          accepted_prediction_tokens: 0,
          audio_tokens: 0,
          reasoning_tokens: 128,
          rejected_prediction_tokens: 0,
        },
        latency_checkpoint: { engine_ttft_ms: 97, service_ttft_ms: 1616 },
        prompt_tokens: 64,
        prompt_tokens_details: { audio_tokens: 0, cached_tokens: 0 },
        total_tokens: 215,
      },
    }
    expect(azureChatSurface.response!.json(body, chatWire())).toEqual({
      kind: 'chat',
      id: 'chatcmpl-DuLYW61AfKdSRPs5NpYIQ0tsqKs70',
      model: 'o4-mini-2025-04-16',
      created: 1782321600,
      blocks: [
        {
          type: 'toolCall',
          call: {
            id: 'call_GkznHW5HPVnubv5R7iyby8af',
            name: 'weather',
            arguments: '{"location":"Florence, Italy"}',
          },
        },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 64, outputTokens: 151, reasoningTokens: 128 },
    })
  })

  test('a stream: the prompt-filter chunk with empty id and model first, a filtered end, the usage chunk', () => {
    const envelope = {
      created: 1782321610,
      id: 'chatcmpl-DuLYgHdphKUoYyVeqilLgVm11lP25',
      model: 'gpt-4o-2024-11-20',
      object: 'chat.completion.chunk',
      service_tier: 'default',
      system_fingerprint: 'fp_ee1d74bde0',
      usage: null,
    }
    const text = dataLines([
      { choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: promptFilterResults },
      {
        ...envelope,
        choices: [
          {
            content_filter_results: {},
            delta: { content: '', refusal: null, role: 'assistant' },
            finish_reason: null,
            index: 0,
            logprobs: null,
          },
        ],
        obfuscation: 'RMPT8kI',
      },
      {
        ...envelope,
        choices: [
          {
            content_filter_results: safe,
            delta: { content: 'Here is how' },
            finish_reason: null,
            index: 0,
            logprobs: null,
          },
        ],
      },
      {
        ...envelope,
        choices: [
          {
            content_filter_results: { ...safe, violence: { filtered: true, severity: 'medium' } },
            delta: {},
            finish_reason: 'content_filter',
            index: 0,
            logprobs: null,
          },
        ],
      },
      {
        ...envelope,
        choices: [],
        usage: {
          completion_tokens: 4,
          completion_tokens_details: { reasoning_tokens: 0 },
          prompt_tokens: 92,
          prompt_tokens_details: { cached_tokens: 0 },
          total_tokens: 96,
        },
      },
      '[DONE]',
    ])
    const wire = chatWire({ stream: true, stream_options: { include_usage: true } })
    expect(azureChatSurface.response!.stream!(sse(text), wire)).toEqual({
      kind: 'chat',
      id: 'chatcmpl-DuLYgHdphKUoYyVeqilLgVm11lP25',
      model: 'gpt-4o-2024-11-20',
      created: 1782321610,
      blocks: [{ type: 'text', text: 'Here is how' }],
      finishReason: 'content_filter',
      usage: { inputTokens: 92, outputTokens: 4, reasoningTokens: 0 },
    })
  })

  test('filter results that mark output filtered make it content_filter whatever the finish reason says', () => {
    const body = {
      id: 'chatcmpl-f',
      object: 'chat.completion',
      created: 1,
      model: 'gpt-4o',
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          message: { role: 'assistant', content: 'Partial' },
          content_filter_results: { ...safe, protected_material_text: { filtered: true, detected: true } },
        },
      ],
    }
    expect(azureChatSurface.response!.json(body, chatWire())).toMatchObject({
      finishReason: 'content_filter',
      nativeFinishReason: 'stop',
    })
  })

  test('an asynchronous-filter annotation chunk after the finish changes nothing', () => {
    const envelope = { id: 'chatcmpl-a', object: 'chat.completion.chunk', created: 9, model: 'gpt-4o' }
    const text = dataLines([
      {
        ...envelope,
        choices: [{ index: 0, delta: { role: 'assistant', content: 'Hello' }, finish_reason: null }],
      },
      { ...envelope, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
      {
        ...envelope,
        choices: [
          {
            index: 0,
            finish_reason: null,
            content_filter_offsets: { check_offset: 0, start_offset: 0, end_offset: 5 },
            content_filter_results: safe,
          },
        ],
      },
      '[DONE]',
    ])
    expect(azureChatSurface.response!.stream!(sse(text), chatWire({ stream: true }))).toEqual({
      kind: 'chat',
      id: 'chatcmpl-a',
      model: 'gpt-4o',
      created: 9,
      blocks: [{ type: 'text', text: 'Hello' }],
      finishReason: 'stop',
    })
  })
})

describe('azure.responses: real wire', () => {
  test('an incomplete response for content_filter is content_filter', () => {
    const response = {
      id: 'resp_68af4030592c81938ec0a5fbab4a3e9f05438e46b5f69a3b',
      object: 'response',
      created_at: 1756315696,
      status: 'incomplete',
      error: null,
      incomplete_details: { reason: 'content_filter' },
      model: 'gpt-4.1-nano',
      output: [
        {
          id: 'msg_68af40337d70819387a81ff0f0b4add205438e46b5f69a3b',
          type: 'message',
          status: 'incomplete',
          content: [{ type: 'output_text', annotations: [], text: 'Here is' }],
          role: 'assistant',
        },
      ],
      parallel_tool_calls: true,
      content_filters: [{ blocked: true, source_type: 'completion', content_filter_results: {} }],
      usage: {
        input_tokens: 12,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 3,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 15,
      },
    }
    const expected = {
      kind: 'chat',
      id: response.id,
      model: 'gpt-4.1-nano',
      created: 1756315696,
      blocks: [{ type: 'text', text: 'Here is' }],
      finishReason: 'content_filter',
      usage: { inputTokens: 12, outputTokens: 3, reasoningTokens: 0 },
    }
    expect(azureResponsesSurface.response!.json(response, responsesWire())).toEqual(expected)
    const stream = typedEvents([
      {
        type: 'response.created',
        sequence_number: 0,
        response: { ...response, status: 'in_progress', output: [] },
      },
      { type: 'response.incomplete', sequence_number: 1, response },
    ])
    expect(azureResponsesSurface.response!.stream!(sse(stream), responsesWire({ stream: true }))).toEqual(
      expected,
    )
  })
})

describe('azure errors', () => {
  test('round trip through every Azure surface', () => {
    const error: ErrorResult = {
      kind: 'error',
      status: 404,
      message: 'The API deployment for this resource does not exist.',
      code: 'DeploymentNotFound',
    }
    for (const surface of [azureChatSurface, azureResponsesSurface, azureEmbeddingsSurface]) {
      const body = JSON.parse(JSON.stringify(surface.encodeError(error, undefined)))
      expect(surface.response!.error!(404, body, headerReader({}))).toEqual(error)
    }
  })

  test('a prompt blocked by the content filter: code, param, and the inner error left out', () => {
    const body = {
      error: {
        message:
          "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.",
        type: null,
        param: 'prompt',
        code: 'content_filter',
        status: 400,
        innererror: {
          code: 'ResponsibleAIPolicyViolation',
          content_filter_result: { ...safe, violence: { filtered: true, severity: 'high' } },
        },
      },
    }
    expect(
      azureChatSurface.response!.error!(400, body, headerReader({ 'x-ms-error-code': 'content_filter' })),
    ).toEqual({
      kind: 'error',
      status: 400,
      message: body.error.message,
      code: 'content_filter',
      param: 'prompt',
    })
  })

  test("a 429 with retry-after, and the resource front's 401 that names its code only in a header", () => {
    const limited = {
      error: {
        code: '429',
        message:
          'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds.',
      },
    }
    expect(
      azureChatSurface.response!.error!(
        429,
        limited,
        headerReader({ 'retry-after': '6', 'x-ms-error-code': '429' }),
      ),
    ).toEqual({ kind: 'error', status: 429, message: limited.error.message, code: '429', retryAfter: 6 })
    const unauthorized = {
      statusCode: 401,
      message:
        'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.',
    }
    expect(
      azureEmbeddingsSurface.response!.error!(
        401,
        unauthorized,
        headerReader({ 'x-ms-error-code': 'PermissionDenied' }),
      ),
    ).toEqual({ kind: 'error', status: 401, message: unauthorized.message, code: 'PermissionDenied' })
  })
})
