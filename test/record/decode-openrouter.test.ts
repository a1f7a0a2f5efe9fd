/**
 * OpenRouter's response decoder (record mode): OpenAI's chat wire with OpenRouter's upstream `provider`,
 * `native_finish_reason`, `usage.cost`, `reasoning` and `reasoning_details`, and its error envelope.
 */
import { describe, expect, test } from 'vitest'
import type { ChatResult, ErrorResult } from '../../src/canonical'
import { openrouterChatSurface } from '../../src/providers/openrouter/chat'
import type { DecodedChatResult } from '../../src/providers/provider'
import { context, dataLines, headerReader, roundTripChat, sse } from './decode-openai-helpers'

const messages = [{ role: 'user', content: 'Add and multiply 2 and 3.' }]

function wire(body: Record<string, unknown> = {}) {
  return openrouterChatSurface.decode(
    { model: 'anthropic/claude-sonnet-4', messages, ...body },
    context('/api/v1/chat/completions'),
  ).wire
}

const base = {
  kind: 'chat',
  model: 'anthropic/claude-sonnet-4',
  created: 1_761_054_747,
  upstreamProvider: 'Amazon Bedrock',
} as const
const add = { id: 'toolu_bdrk_01Af', name: 'add', arguments: '{"a":2,"b":3}' }
const multiply = { id: 'toolu_bdrk_02Bx', name: 'multiply', arguments: '{"a":2,"b":3}' }

const results: Record<string, ChatResult> = {
  text: {
    ...base,
    id: 'gen-1761054747-text',
    blocks: [{ type: 'text', text: 'Sum: 5, product: 6.' }],
    finishReason: 'stop',
    nativeFinishReason: 'end_turn',
    usage: { inputTokens: 56, outputTokens: 12, reasoningTokens: 0, cost: 0.0019 },
  },
  toolCalls: {
    ...base,
    id: 'gen-1761054747-tools',
    blocks: [
      { type: 'text', text: 'Calling both tools.' },
      { type: 'toolCall', call: add },
      { type: 'toolCall', call: multiply },
    ],
    finishReason: 'tool_calls',
    nativeFinishReason: 'tool_use',
    usage: { inputTokens: 56, outputTokens: 40, reasoningTokens: 0, cost: 0.0021 },
  },
  reasoning: {
    ...base,
    id: 'gen-1761054747-reason',
    reasoning: 'Two tools, same arguments. Call both at once.',
    blocks: [{ type: 'toolCall', call: add }],
    finishReason: 'tool_calls',
    usage: { inputTokens: 56, outputTokens: 99, reasoningTokens: 52 },
  },
  length: {
    ...base,
    upstreamProvider: 'OpenAI',
    model: 'openai/gpt-5',
    id: 'gen-1761054747-length',
    blocks: [{ type: 'text', text: 'The sum is' }],
    finishReason: 'length',
    nativeFinishReason: 'max_output_tokens',
    usage: { inputTokens: 56, outputTokens: 3, reasoningTokens: 0 },
  },
}

/** OpenRouter's wire carries everything of these results but a signature or redacted reasoning. */
function view(result: ChatResult): DecodedChatResult {
  const { reasoningSignature: _s, redactedReasoning: _r, ...rest } = result
  return rest
}

describe('openrouter.chat: round trips', () => {
  for (const [name, result] of Object.entries(results)) {
    test(`${name}: JSON`, async () => {
      expect(await roundTripChat(openrouterChatSurface, wire(), result, { stream: false })).toEqual(
        view(result),
      )
    })
    test(`${name}: SSE (OpenRouter always ends with a usage chunk)`, async () => {
      const decoded = await roundTripChat(openrouterChatSurface, wire({ stream: true }), result, {
        stream: true,
      })
      expect(decoded).toEqual(view(result))
    })
  }

  test('reasoning.exclude leaves the reasoning out of the wire, and so out of the result', async () => {
    const excluded = wire({ reasoning: { exclude: true } })
    const { reasoning: _, ...expected } = view(results.reasoning!)
    for (const stream of [false, true]) {
      const decoded = await roundTripChat(openrouterChatSurface, { ...excluded }, results.reasoning!, {
        stream,
      })
      expect(decoded).toEqual(expected)
    }
  })
})

describe('openrouter.chat: real wire', () => {
  const signature = 'EvgCCkgIDRABGAIqQKb/wFIBWhtfZLSnNhQwwG129YA/VzhXG3yrKKa8RDLsJF9Ou09wUxfl8aZAM4Rrb=='
  const thinking =
    'The user is asking about the weather in Florence, Italy. I should call the weather function with "Florence".'

  test('a JSON answer from Claude on Bedrock: reasoning with its signature in reasoning_details, cost, native reason', () => {
    const body = {
      id: 'gen-1777319947-Y45Z6u60MD4bK91UwvCd',
      object: 'chat.completion',
      created: 1777319947,
      model: 'anthropic/claude-4.5-haiku-20251001',
      provider: 'Amazon Bedrock',
      system_fingerprint: null,
      choices: [
        {
          index: 0,
          logprobs: null,
          finish_reason: 'tool_calls',
          native_finish_reason: 'tool_use',
          message: {
            role: 'assistant',
            content: null,
            refusal: null,
            reasoning: thinking,
            tool_calls: [
              {
                type: 'function',
                index: 0,
                id: 'toolu_bdrk_01AfMUr4SPqrUP7qb65GXqma',
                function: { name: 'weather', arguments: '{"location": "Florence, Italy"}' },
              },
            ],
            reasoning_details: [
              { type: 'reasoning.text', text: thinking, format: 'anthropic-claude-v1', index: 0, signature },
            ],
          },
        },
      ],
      usage: {
        prompt_tokens: 607,
        completion_tokens: 105,
        total_tokens: 712,
        cost: 0.001132,
        is_byok: false,
        prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0, audio_tokens: 0, video_tokens: 0 },
        cost_details: {
          upstream_inference_cost: 0.001132,
          upstream_inference_prompt_cost: 0.000607,
          upstream_inference_completions_cost: 0.000525,
        },
        completion_tokens_details: { reasoning_tokens: 52, image_tokens: 0, audio_tokens: 0 },
      },
    }
    expect(openrouterChatSurface.response!.json(body, wire())).toEqual({
      kind: 'chat',
      id: 'gen-1777319947-Y45Z6u60MD4bK91UwvCd',
      model: 'anthropic/claude-4.5-haiku-20251001',
      created: 1777319947,
      upstreamProvider: 'Amazon Bedrock',
      reasoning: thinking,
      reasoningSignature: signature,
      blocks: [
        {
          type: 'toolCall',
          call: {
            id: 'toolu_bdrk_01AfMUr4SPqrUP7qb65GXqma',
            name: 'weather',
            arguments: '{"location": "Florence, Italy"}',
          },
        },
      ],
      finishReason: 'tool_calls',
      nativeFinishReason: 'tool_use',
      usage: { inputTokens: 607, outputTokens: 105, reasoningTokens: 52, cost: 0.001132 },
    })
  })

  test('a Claude stream: reasoning deltas with their details, the signature in a detail of its own, usage after the finish', () => {
    const chunk = (
      delta: Record<string, unknown>,
      finish: string | null = null,
      native: string | null = null,
      extra = {},
    ) => ({
      id: 'gen-1777319950-BX6MCZRmFqpAw5lUPuhg',
      object: 'chat.completion.chunk',
      created: 1777319950,
      model: 'anthropic/claude-4.5-haiku-20251001',
      provider: 'Amazon Bedrock',
      choices: [{ index: 0, delta, finish_reason: finish, native_finish_reason: native }],
      ...extra,
    })
    const detail = (text: string) => ({
      type: 'reasoning.text',
      text,
      format: 'anthropic-claude-v1',
      index: 0,
    })
    const text =
      ': OPENROUTER PROCESSING\n\n' +
      dataLines([
        chunk({
          content: '',
          role: 'assistant',
          reasoning: 'The user is asking',
          reasoning_details: [detail('The user is asking')],
        }),
        chunk({
          content: '',
          role: 'assistant',
          reasoning: ' about Florence.',
          reasoning_details: [detail(' about Florence.')],
        }),
        chunk({
          content: '',
          role: 'assistant',
          reasoning_details: [{ type: 'reasoning.text', signature, format: 'anthropic-claude-v1', index: 0 }],
        }),
        chunk({
          content: null,
          role: 'assistant',
          tool_calls: [
            { index: 0, id: 'toolu_bdrk_01', type: 'function', function: { name: 'weather', arguments: '' } },
          ],
        }),
        chunk({
          content: null,
          role: 'assistant',
          tool_calls: [{ index: 0, type: 'function', function: { arguments: '{"location": "Florence"}' } }],
        }),
        chunk({ content: '', role: 'assistant', reasoning: null }, 'tool_calls', 'tool_use'),
        chunk({ content: '', role: 'assistant' }, 'tool_calls', 'tool_use', {
          usage: {
            prompt_tokens: 607,
            completion_tokens: 143,
            total_tokens: 750,
            cost: 0.001322,
            is_byok: false,
            prompt_tokens_details: {
              cached_tokens: 0,
              cache_write_tokens: 0,
              audio_tokens: 0,
              video_tokens: 0,
            },
            cost_details: { upstream_inference_cost: 0.001322 },
            completion_tokens_details: { reasoning_tokens: 99, image_tokens: 0, audio_tokens: 0 },
          },
        }),
        '[DONE]',
      ])
    expect(openrouterChatSurface.response!.stream!(sse(text), wire({ stream: true }))).toEqual({
      kind: 'chat',
      id: 'gen-1777319950-BX6MCZRmFqpAw5lUPuhg',
      model: 'anthropic/claude-4.5-haiku-20251001',
      created: 1777319950,
      upstreamProvider: 'Amazon Bedrock',
      reasoning: 'The user is asking about Florence.',
      reasoningSignature: signature,
      blocks: [
        {
          type: 'toolCall',
          call: { id: 'toolu_bdrk_01', name: 'weather', arguments: '{"location": "Florence"}' },
        },
      ],
      finishReason: 'tool_calls',
      nativeFinishReason: 'tool_use',
      usage: { inputTokens: 607, outputTokens: 143, reasoningTokens: 99, cost: 0.001322 },
    })
  })

  test("a GPT-5 stream: encrypted reasoning, parallel calls, the finish chunk's native reason, a usage chunk whose finish is null", () => {
    const chunk = (
      delta: Record<string, unknown>,
      finish: string | null = null,
      native: string | null = null,
      extra = {},
    ) => ({
      id: 'gen-1761054747-aRXhxlwVNm3mtTObq3p8',
      provider: 'OpenAI',
      model: 'openai/gpt-5',
      object: 'chat.completion.chunk',
      created: 1761054747,
      choices: [{ index: 0, delta, finish_reason: finish, native_finish_reason: native, logprobs: null }],
      ...extra,
    })
    const encrypted = 'gAAAAABo95AdNmqxM6HBeqh0dzQ-aNcv5qbGNYIt678-GeFu7z78caXKNcqwLKF1Dv9QhgL3kXBe'
    const text = dataLines([
      chunk({ role: 'assistant', content: '' }),
      chunk({
        role: 'assistant',
        content: '',
        reasoning: null,
        reasoning_details: [
          {
            type: 'reasoning.encrypted',
            data: encrypted,
            id: 'rs_051a5b528a0acc69',
            format: 'openai-responses-v1',
            index: 0,
          },
        ],
      }),
      chunk({
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_mUCA', index: 0, type: 'function', function: { name: 'add', arguments: '' } },
        ],
      }),
      chunk({
        role: 'assistant',
        content: null,
        tool_calls: [{ index: 0, type: 'function', function: { arguments: '{"a":2,' } }],
      }),
      chunk({
        role: 'assistant',
        content: null,
        tool_calls: [{ index: 0, type: 'function', function: { arguments: '"b":3}' } }],
      }),
      chunk({
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_y7Be', index: 1, type: 'function', function: { name: 'multiply', arguments: '' } },
        ],
      }),
      chunk({
        role: 'assistant',
        content: null,
        tool_calls: [{ index: 1, type: 'function', function: { arguments: '{"a":2,"b":3}' } }],
      }),
      chunk({ role: 'assistant', content: '' }, 'tool_calls', 'completed'),
      chunk({ role: 'assistant', content: '' }, null, null, {
        usage: {
          prompt_tokens: 56,
          completion_tokens: 183,
          total_tokens: 239,
          cost: 0.0019,
          is_byok: false,
          prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 128, image_tokens: 0 },
        },
      }),
      '[DONE]',
    ])
    expect(openrouterChatSurface.response!.stream!(sse(text), wire({ stream: true }))).toEqual({
      kind: 'chat',
      id: 'gen-1761054747-aRXhxlwVNm3mtTObq3p8',
      model: 'openai/gpt-5',
      created: 1761054747,
      upstreamProvider: 'OpenAI',
      redactedReasoning: [encrypted],
      blocks: [
        { type: 'toolCall', call: { id: 'call_mUCA', name: 'add', arguments: '{"a":2,"b":3}' } },
        { type: 'toolCall', call: { id: 'call_y7Be', name: 'multiply', arguments: '{"a":2,"b":3}' } },
      ],
      finishReason: 'tool_calls',
      nativeFinishReason: 'completed',
      usage: { inputTokens: 56, outputTokens: 183, reasoningTokens: 128, cost: 0.0019 },
    })
  })

  test('reasoning given only as summary details becomes the reasoning text', () => {
    const body = {
      id: 'gen-1',
      object: 'chat.completion',
      created: 1,
      model: 'openai/o4-mini',
      provider: 'OpenAI',
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          native_finish_reason: 'completed',
          message: {
            role: 'assistant',
            content: 'Six.',
            reasoning_details: [
              {
                type: 'reasoning.summary',
                summary: '**Multiplying**\n\n2 times 3.',
                format: 'openai-responses-v1',
                index: 0,
              },
            ],
          },
        },
      ],
    }
    expect(openrouterChatSurface.response!.json(body, wire())).toMatchObject({
      reasoning: '**Multiplying**\n\n2 times 3.',
      nativeFinishReason: 'completed',
    })
  })

  test('an upstream failing mid-stream throws with its message', () => {
    const head = {
      id: 'gen-err',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'openai/gpt-4o',
      provider: 'OpenAI',
    }
    const text = dataLines([
      { ...head, choices: [{ index: 0, delta: { role: 'assistant', content: 'Hel' }, finish_reason: null }] },
      {
        ...head,
        error: { code: 502, message: 'Provider returned error' },
        choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
      },
    ])
    expect(() => openrouterChatSurface.response!.stream!(sse(text), wire({ stream: true }))).toThrow(
      /502.*Provider returned error/,
    )
  })
})

describe('openrouter errors', () => {
  test('round trip: status as the code, metadata kept', () => {
    const error: ErrorResult = {
      kind: 'error',
      status: 403,
      message: 'Input was flagged by moderation.',
      metadata: {
        reasons: ['harassment'],
        flagged_input: 'you are...',
        provider_name: 'OpenAI',
        model_slug: 'openai/gpt-4o',
      },
    }
    const body = JSON.parse(JSON.stringify(openrouterChatSurface.encodeError(error, undefined)))
    expect(openrouterChatSurface.response!.error!(403, body, headerReader({}))).toEqual(error)
  })

  test('a 402 without credits, and a 429 passed through from the upstream with its raw error and retry-after', () => {
    expect(
      openrouterChatSurface.response!.error!(
        402,
        {
          error: {
            message:
              'This request requires more credits, or fewer max_tokens. You requested up to 4000 tokens, but can only afford 1234.',
            code: 402,
          },
          user_id: 'user_2abc',
        },
        headerReader({}),
      ),
    ).toEqual({
      kind: 'error',
      status: 402,
      message:
        'This request requires more credits, or fewer max_tokens. You requested up to 4000 tokens, but can only afford 1234.',
    })
    const limited = {
      error: {
        message: 'Provider returned error',
        code: 429,
        metadata: {
          raw: 'google/gemini-2.5-pro is temporarily rate-limited upstream. Please retry shortly.',
          provider_name: 'Google AI Studio',
        },
      },
      user_id: 'user_2abc',
    }
    expect(
      openrouterChatSurface.response!.error!(429, limited, headerReader({ 'retry-after': '30' })),
    ).toEqual({
      kind: 'error',
      status: 429,
      message: 'Provider returned error',
      metadata: limited.error.metadata,
      retryAfter: 30,
    })
  })
})
