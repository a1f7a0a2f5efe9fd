/**
 * Record mode's Cohere decoders: v2 chat JSON and its typed SSE events, v2 embed (every embedding type
 * standin serves) and Cohere's error body. Round trips through standin's own encoders, then bodies and
 * streams as Cohere sends them.
 */
import { describe, expect, test } from 'vitest'
import type { ChatResult, EmbeddingResult } from '../../src/canonical'
import { chatSurface } from '../../src/providers/cohere/chat'
import { embedSurface } from '../../src/providers/cohere/embed'
import { embeddingsByType } from '../../src/providers/cohere/embedding-types'
import { cohereError } from '../../src/providers/cohere/errors'
import type { ChatSurface, DecodedChatResult, EmbeddingSurface } from '../../src/providers/provider'
import { readFrames } from '../../src/record/frames'
import { roundTripChat, roundTripEmbedding } from '../helpers/round-trip'

const chat = chatSurface as ChatSurface
const embed = embedSurface as EmbeddingSurface
const decoding = chatSurface.response!
const noHeaders = { get: () => null }

function context() {
  return { url: new URL('http://localhost/v2/chat'), params: {}, headers: noHeaders, memory: new Map() }
}

const chatWire = chatSurface.decode(
  {
    model: 'command-a-03-2025',
    messages: [{ role: 'user', content: 'Weather in Toronto?' }],
    tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
  },
  context(),
).wire

function result(overrides: Partial<ChatResult>): ChatResult {
  return {
    kind: 'chat',
    id: 'c14c80c3-18eb-4519-9460-6c92edd8cfb4',
    model: 'command-a-03-2025',
    created: 1_735_689_600,
    blocks: [{ type: 'text', text: 'It is 21°C and sunny in Toronto.' }],
    finishReason: 'stop',
    usage: { inputTokens: 215, outputTokens: 39, reasoningTokens: 0 },
    ...overrides,
  }
}

/** What Cohere's wire carries: no model, no created time, no reasoning token count or signature. */
function carried(chatResult: ChatResult): DecodedChatResult {
  const { model: _model, created: _created, reasoningSignature: _signature, usage, ...rest } = chatResult
  return { ...rest, usage: { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens } }
}

const call = (id: string, name: string, args: string) => ({
  type: 'toolCall' as const,
  call: { id, name, arguments: args },
})

const cases: [string, ChatResult][] = [
  ['text only', result({})],
  ['an empty answer', result({ blocks: [{ type: 'text', text: '' }] })],
  [
    'two text items',
    result({
      blocks: [
        { type: 'text', text: 'First part.' },
        { type: 'text', text: 'Second part.' },
      ],
    }),
  ],
  [
    'several tool calls with arguments',
    result({
      blocks: [
        call('get_weather_1byjy32y4hvq', 'get_weather', '{"location":"Toronto","unit":"celsius"}'),
        call('get_weather_8n3rk5q0b1za', 'get_weather', '{\n  "location": "Ottawa"\n}'),
        call('get_time_x1', 'get_time', '{}'),
      ],
      finishReason: 'tool_calls',
    }),
  ],
  [
    'a tool plan, then tool calls',
    result({
      blocks: [
        { type: 'text', text: 'I will look up the weather in Toronto.' },
        call('get_weather_1', 'get_weather', '{"location":"Toronto"}'),
      ],
      finishReason: 'tool_calls',
    }),
  ],
  [
    'thinking, then text',
    result({
      reasoning: 'The user wants the weather. I know it from the tool result: 21°C.',
      reasoningSignature: 'not-on-the-wire',
    }),
  ],
  [
    'thinking, then a tool plan and a call',
    result({
      reasoning: 'I need the weather tool.',
      blocks: [
        { type: 'text', text: 'Checking.' },
        call('get_weather_2', 'get_weather', '{"location":"Paris"}'),
      ],
      finishReason: 'tool_calls',
    }),
  ],
  ['thinking only', result({ reasoning: 'Nothing to say.', blocks: [{ type: 'text', text: '' }] })],
  ['cut at the token limit', result({ finishReason: 'length' })],
  ['blocked', result({ finishReason: 'content_filter', blocks: [{ type: 'text', text: '' }] })],
]

describe('round trips through standin encoders', () => {
  test.each(cases)('JSON: %s', async (_, chatResult) => {
    expect(await roundTripChat(chat, chatWire, chatResult, { stream: false })).toEqual(carried(chatResult))
  })

  test.each(cases)('SSE stream: %s', async (_, chatResult) => {
    expect(await roundTripChat(chat, chatWire, chatResult, { stream: true, chunkSize: 3 })).toEqual(
      carried(chatResult),
    )
  })

  const vectors = [
    [0.5, -0.25, 1, 0.125, -1, 0.75, 0, -0.5],
    [0.0625, 0.5, -0.75, 1, 0.25, -0.125, 0.375, -1],
  ]
  const embedding: EmbeddingResult = {
    kind: 'embedding',
    model: 'embed-v4.0',
    vectors,
    usage: { inputTokens: 4, outputTokens: 0, reasoningTokens: 0 },
  }
  const embedWire = (types?: string[]) =>
    embedSurface.decode(
      { model: 'embed-v4.0', input_type: 'search_document', texts: ['a', 'b'], embedding_types: types },
      { ...context(), url: new URL('http://localhost/v2/embed') },
    ).wire

  test('embed: floats come back exactly, with the billed input tokens', async () => {
    expect(await roundTripEmbedding(embed, embedWire(), embedding)).toEqual({
      kind: 'embedding',
      vectors,
      usage: { inputTokens: 4 },
    })
    // Floats win when several types were asked for.
    expect(await roundTripEmbedding(embed, embedWire(['int8', 'float']), embedding)).toMatchObject({
      vectors,
    })
  })

  test('embed: base64 comes back exactly (for values float32 holds)', async () => {
    expect((await roundTripEmbedding(embed, embedWire(['base64']), embedding)).vectors).toEqual(vectors)
  })

  test.each(['int8', 'uint8', 'binary', 'ubinary'] as const)(
    'embed: %s expands to numbers that re-encode to the same values',
    async (type) => {
      const decoded = await roundTripEmbedding(embed, embedWire([type]), embedding)
      expect(decoded.vectors).toHaveLength(2)
      expect(embeddingsByType(decoded.vectors, [type])).toEqual(embeddingsByType(vectors, [type]))
    },
  )

  test('an error fixture reads back as it was written', () => {
    const error = { kind: 'error' as const, status: 429, message: 'You are using a Trial key.' }
    expect(decoding.error!(429, cohereError(error), noHeaders)).toEqual(error)
  })
})

describe('Cohere v2 chat as it answers', () => {
  test('a text answer with citations, logprobs and both usage counts', () => {
    const body = {
      id: '5a50480a-cf52-46f0-af01-53d18539bd31',
      message: {
        role: 'assistant',
        content: [{ type: 'text', text: 'The tallest penguins are emperor penguins.' }],
        citations: [
          {
            start: 26,
            end: 42,
            text: 'emperor penguins',
            sources: [
              {
                type: 'document',
                id: 'doc:0',
                document: { id: 'doc:0', text: 'Emperor penguins are the tallest.' },
              },
            ],
            type: 'TEXT_CONTENT',
          },
        ],
      },
      finish_reason: 'COMPLETE',
      usage: {
        billed_units: { input_tokens: 17, output_tokens: 8 },
        tokens: { input_tokens: 1457, output_tokens: 60 },
        cached_tokens: 1408,
      },
      logprobs: [{ token_ids: [1784, 24066], text: 'The tallest', logprobs: [-0.01, -0.2] }],
    }
    expect(decoding.json(body, null)).toEqual({
      kind: 'chat',
      id: '5a50480a-cf52-46f0-af01-53d18539bd31',
      blocks: [{ type: 'text', text: 'The tallest penguins are emperor penguins.' }],
      finishReason: 'stop',
      usage: { inputTokens: 1457, outputTokens: 60 },
    })
  })

  test('a tool-calling turn: the tool plan, then the calls with their ids and JSON arguments', () => {
    const body = {
      id: 'bc4e3c0f-4b04-4f8e-9b0b-5d4c6e2a1f00',
      message: {
        role: 'assistant',
        tool_plan: 'I will find the weather for Toronto and Ottawa.',
        tool_calls: [
          {
            id: 'get_weather_1byjy32y4hvq',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"location":"Toronto"}' },
          },
          {
            id: 'get_weather_nsz5zm3w56q3',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"location":"Ottawa"}' },
          },
        ],
      },
      finish_reason: 'TOOL_CALL',
      usage: {
        billed_units: { input_tokens: 37, output_tokens: 28 },
        tokens: { input_tokens: 913, output_tokens: 81 },
      },
    }
    expect(decoding.json(body, null)).toEqual({
      kind: 'chat',
      id: 'bc4e3c0f-4b04-4f8e-9b0b-5d4c6e2a1f00',
      blocks: [
        { type: 'text', text: 'I will find the weather for Toronto and Ottawa.' },
        call('get_weather_1byjy32y4hvq', 'get_weather', '{"location":"Toronto"}'),
        call('get_weather_nsz5zm3w56q3', 'get_weather', '{"location":"Ottawa"}'),
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 913, outputTokens: 81 },
    })
  })

  test('a reasoning model: thinking content before the text; billed units alone when tokens are absent', () => {
    const body = {
      id: 'r-1',
      message: {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'The user asks 17 * 3. That is 51.' },
          { type: 'text', text: '17 × 3 = 51.' },
        ],
      },
      finish_reason: 'COMPLETE',
      usage: { billed_units: { input_tokens: 12, output_tokens: 30 } },
    }
    expect(decoding.json(body, null)).toEqual({
      kind: 'chat',
      id: 'r-1',
      reasoning: 'The user asks 17 * 3. That is 51.',
      blocks: [{ type: 'text', text: '17 × 3 = 51.' }],
      finishReason: 'stop',
      usage: { inputTokens: 12, outputTokens: 30 },
    })
  })

  test('finish reasons: STOP_SEQUENCE and TIMEOUT are kept as native reasons', () => {
    const answer = (finish_reason: string) =>
      decoding.json({ id: 'x', message: { role: 'assistant', content: [] }, finish_reason }, null)
    expect(answer('STOP_SEQUENCE')).toMatchObject({
      finishReason: 'stop',
      nativeFinishReason: 'STOP_SEQUENCE',
    })
    expect(answer('TIMEOUT')).toMatchObject({ finishReason: 'length', nativeFinishReason: 'TIMEOUT' })
    expect(answer('MAX_TOKENS')).not.toHaveProperty('nativeFinishReason')
    expect(answer('SOMETHING_NEW')).toMatchObject({
      finishReason: 'stop',
      nativeFinishReason: 'SOMETHING_NEW',
    })
  })

  test('a streamed tool call as Cohere sends it: plan deltas, arguments in pieces, citations ignored', () => {
    const event = (data: Record<string, unknown>) =>
      `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`
    const text = [
      event({
        id: '29f14a5a-11de-4cae-9800-25e4747408ea',
        type: 'message-start',
        delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } },
      }),
      event({ type: 'tool-plan-delta', delta: { message: { tool_plan: 'I will' } } }),
      event({ type: 'tool-plan-delta', delta: { message: { tool_plan: ' check the weather.' } } }),
      event({
        type: 'tool-call-start',
        index: 0,
        delta: {
          message: {
            tool_calls: {
              id: 'get_weather_nsz5zm3w56q3',
              type: 'function',
              function: { name: 'get_weather', arguments: '' },
            },
          },
        },
      }),
      event({
        type: 'tool-call-delta',
        index: 0,
        delta: { message: { tool_calls: { function: { arguments: '{\n    "' } } } },
      }),
      event({
        type: 'tool-call-delta',
        index: 0,
        delta: { message: { tool_calls: { function: { arguments: 'location":"Toronto"' } } } },
      }),
      event({
        type: 'tool-call-delta',
        index: 0,
        delta: { message: { tool_calls: { function: { arguments: '\n}' } } } },
      }),
      event({ type: 'tool-call-end', index: 0 }),
      event({ type: 'debug', prompt: '<BOS_TOKEN>...' }),
      event({
        type: 'message-end',
        delta: {
          finish_reason: 'TOOL_CALL',
          usage: {
            billed_units: { input_tokens: 37, output_tokens: 28 },
            tokens: { input_tokens: 913, output_tokens: 81 },
          },
        },
      }),
    ].join('')
    expect(decoding.stream!(readFrames('sse', text), null)).toEqual({
      kind: 'chat',
      id: '29f14a5a-11de-4cae-9800-25e4747408ea',
      blocks: [
        { type: 'text', text: 'I will check the weather.' },
        call('get_weather_nsz5zm3w56q3', 'get_weather', '{\n    "location":"Toronto"\n}'),
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 913, outputTokens: 81 },
    })
  })

  test('a streamed answer with thinking and citation events', () => {
    const frames = [
      {
        event: 'message-start',
        data: { id: 's-2', type: 'message-start', delta: { message: { role: 'assistant' } } },
      },
      {
        event: 'content-start',
        data: {
          type: 'content-start',
          index: 0,
          delta: { message: { content: { type: 'thinking', thinking: '' } } },
        },
      },
      {
        event: 'content-delta',
        data: {
          type: 'content-delta',
          index: 0,
          delta: { message: { content: { thinking: 'Look at doc 0.' } } },
        },
      },
      { event: 'content-end', data: { type: 'content-end', index: 0 } },
      {
        event: 'content-start',
        data: {
          type: 'content-start',
          index: 1,
          delta: { message: { content: { type: 'text', text: '' } } },
        },
      },
      {
        event: 'content-delta',
        data: {
          type: 'content-delta',
          index: 1,
          delta: { message: { content: { text: 'Emperor' } } },
          logprobs: { token_ids: [1] },
        },
      },
      {
        event: 'content-delta',
        data: { type: 'content-delta', index: 1, delta: { message: { content: { text: ' penguins.' } } } },
      },
      {
        event: 'citation-start',
        data: {
          type: 'citation-start',
          index: 0,
          delta: {
            message: {
              citations: { start: 0, end: 16, text: 'Emperor penguins', sources: [], type: 'TEXT_CONTENT' },
            },
          },
        },
      },
      { event: 'citation-end', data: { type: 'citation-end', index: 0 } },
      { event: 'content-end', data: { type: 'content-end', index: 1 } },
      {
        event: 'message-end',
        data: {
          type: 'message-end',
          delta: { finish_reason: 'MAX_TOKENS', usage: { tokens: { input_tokens: 5, output_tokens: 4 } } },
        },
      },
    ]
    expect(decoding.stream!(frames, null)).toEqual({
      kind: 'chat',
      id: 's-2',
      reasoning: 'Look at doc 0.',
      blocks: [{ type: 'text', text: 'Emperor penguins.' }],
      finishReason: 'length',
      usage: { inputTokens: 5, outputTokens: 4 },
    })
  })

  test('bodies and streams that are not Cohere chat answers are errors', () => {
    expect(() => decoding.json({ message: 'invalid api token' }, null)).toThrow(/invalid api token/)
    expect(() => decoding.json('nope', null)).toThrow(/Cohere v2 chat response/)
    expect(() =>
      decoding.stream!([{ event: 'message-start', data: { type: 'message-start', id: 'x' } }], null),
    ).toThrow(/without a message-end/)
    expect(() =>
      decoding.stream!(
        [
          {
            data: {
              type: 'tool-call-delta',
              index: 3,
              delta: { message: { tool_calls: { function: { arguments: '{' } } } },
            },
          },
        ],
        null,
      ),
    ).toThrow(/never started/)
  })
})

describe('Cohere embed and errors as Cohere sends them', () => {
  test('v2 embed with float and int8 types, texts and meta', () => {
    const body = {
      id: 'da6e531f-54c6-4a73-bf92-f60566d8d753',
      embeddings: {
        float: [[0.016296387, -0.008354187, 0.04699707]],
        int8: [[45, -25, 127]],
      },
      texts: ['hello'],
      meta: { api_version: { version: '2' }, billed_units: { input_tokens: 1 } },
      response_type: 'embeddings_by_type',
    }
    expect(embed.response!.json(body, undefined)).toEqual({
      kind: 'embedding',
      vectors: [[0.016296387, -0.008354187, 0.04699707]],
      usage: { inputTokens: 1 },
    })
  })

  test('v1-style float embeddings as a bare array', () => {
    const body = {
      id: 'x',
      embeddings: [[0.1, 0.2]],
      texts: ['hi'],
      meta: { api_version: { version: '1' } },
      response_type: 'embeddings_floats',
    }
    expect(embed.response!.json(body, undefined)).toEqual({ kind: 'embedding', vectors: [[0.1, 0.2]] })
  })

  test('a body without embeddings is an error', () => {
    expect(() => embed.response!.json({ id: 'x' }, undefined)).toThrow(/embeddings/)
    expect(() => embed.response!.json({ embeddings: { weird: [] } }, undefined)).toThrow(/weird/)
  })

  test('errors: the message, with Retry-After when sent', () => {
    expect(
      decoding.error!(
        429,
        { id: 'e1', message: 'You are using a Trial key, which is limited to 10 API calls / minute.' },
        { get: (name: string) => (name === 'retry-after' ? '60' : null) },
      ),
    ).toEqual({
      kind: 'error',
      status: 429,
      message: 'You are using a Trial key, which is limited to 10 API calls / minute.',
      retryAfter: 60,
    })
    expect(embed.response!.error!(401, { message: 'invalid api token' }, noHeaders)).toEqual({
      kind: 'error',
      status: 401,
      message: 'invalid api token',
    })
    expect(decoding.error!(503, 'upstream connect error', noHeaders)).toEqual({
      kind: 'error',
      status: 503,
      message: 'upstream connect error',
    })
  })
})
