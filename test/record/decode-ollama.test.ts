/**
 * Record mode's Ollama decoders: /api/chat and /api/generate as JSON and NDJSON streams, /api/embed,
 * /api/embeddings and Ollama's `{"error"}` body. Round trips through standin's own encoders, then bodies and
 * streams as Ollama sends them.
 */
import { describe, expect, test } from 'vitest'
import type { ChatResult, EmbeddingResult } from '../../src/canonical'
import { chatSurface } from '../../src/providers/ollama/chat'
import { embedSurface } from '../../src/providers/ollama/embed'
import { embeddingsSurface } from '../../src/providers/ollama/embeddings'
import { ollamaError } from '../../src/providers/ollama/errors'
import { generateSurface } from '../../src/providers/ollama/generate'
import type { ChatSurface, DecodedChatResult, EmbeddingSurface } from '../../src/providers/provider'
import { readFrames } from '../../src/record/frames'
import { roundTripChat, roundTripEmbedding } from '../helpers/round-trip'

const chat = chatSurface as ChatSurface
const generate = generateSurface as ChatSurface
const noHeaders = { get: () => null }
const context = (path: string) => ({
  url: new URL(`http://localhost${path}`),
  params: {},
  headers: noHeaders,
  memory: new Map(),
})

const chatWire = chatSurface.decode(
  {
    model: 'qwen3:8b',
    messages: [{ role: 'user', content: 'Weather in Paris and Rome?' }],
    tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
  },
  context('/api/chat'),
).wire
const generateWire = generateSurface.decode(
  { model: 'qwen3:8b', prompt: 'Why is the sky blue?' },
  context('/api/generate'),
).wire

function result(overrides: Partial<ChatResult>): ChatResult {
  return {
    kind: 'chat',
    id: 'chat_unused',
    model: 'qwen3:8b',
    created: 1_735_689_600,
    blocks: [{ type: 'text', text: 'The sky is blue because of Rayleigh scattering.' }],
    finishReason: 'stop',
    usage: { inputTokens: 26, outputTokens: 120, reasoningTokens: 0 },
    ...overrides,
  }
}

/** What Ollama's wire carries: no id, no reasoning token count, no signature. */
function carried(chatResult: ChatResult): DecodedChatResult {
  const { id: _id, reasoningSignature: _signature, usage, ...rest } = chatResult
  return { ...rest, usage: { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens } }
}

const call = (id: string, name: string, args: unknown) => ({
  type: 'toolCall' as const,
  call: { id, name, arguments: JSON.stringify(args) },
})

/** Results both the JSON and the stream carry: text first, then calls. */
const chatCases: [string, ChatResult][] = [
  ['text only', result({})],
  ['an empty answer', result({ blocks: [{ type: 'text', text: '' }] })],
  [
    'several tool calls',
    result({
      blocks: [
        call('call_7ylg9bvh', 'get_weather', { city: 'Paris', unit: 'celsius' }),
        call('call_2k8m1qxz', 'get_weather', { city: 'Rome', days: 2, alerts: false }),
        call('call_0f3n5t7d', 'get_time', {}),
      ],
      finishReason: 'tool_calls',
    }),
  ],
  [
    'text then a tool call',
    result({
      blocks: [{ type: 'text', text: 'Let me check.' }, call('call_a', 'get_weather', { city: 'Paris' })],
      finishReason: 'tool_calls',
    }),
  ],
  [
    'thinking, then text',
    result({
      reasoning: 'Okay, the user asks about the sky. Rayleigh scattering.',
      reasoningSignature: 'none',
    }),
  ],
  [
    'thinking, then tool calls',
    result({
      reasoning: 'Two cities, two calls.',
      blocks: [
        call('call_p', 'get_weather', { city: 'Paris' }),
        call('call_r', 'get_weather', { city: 'Rome' }),
      ],
      finishReason: 'tool_calls',
    }),
  ],
  ['cut at the token limit', result({ finishReason: 'length' })],
]

describe('round trips through standin encoders', () => {
  test.each(chatCases)('chat JSON: %s', async (_, chatResult) => {
    expect(await roundTripChat(chat, chatWire, chatResult, { stream: false })).toEqual(carried(chatResult))
  })

  test.each(chatCases)('chat NDJSON stream: %s', async (_, chatResult) => {
    expect(await roundTripChat(chat, chatWire, chatResult, { stream: true, chunkSize: 4 })).toEqual(
      carried(chatResult),
    )
  })

  test('chat NDJSON stream: a tool call between texts keeps its place', async () => {
    const chatResult = result({
      blocks: [
        { type: 'text', text: 'Paris first.' },
        call('call_p', 'get_weather', { city: 'Paris' }),
        { type: 'text', text: 'Then Rome.' },
        call('call_r', 'get_weather', { city: 'Rome' }),
      ],
      finishReason: 'tool_calls',
    })
    expect(await roundTripChat(chat, chatWire, chatResult, { stream: true, chunkSize: 5 })).toEqual(
      carried(chatResult),
    )
  })

  const generateCases = chatCases.filter(([, r]) => r.blocks.every((block) => block.type === 'text'))
  test.each(generateCases)('generate JSON: %s', async (_, chatResult) => {
    expect(await roundTripChat(generate, generateWire, chatResult, { stream: false })).toEqual(
      carried(chatResult),
    )
  })

  test.each(generateCases)('generate NDJSON stream: %s', async (_, chatResult) => {
    expect(await roundTripChat(generate, generateWire, chatResult, { stream: true, chunkSize: 6 })).toEqual(
      carried(chatResult),
    )
  })

  test('think: false leaves the reasoning out of the answer, and so of what is read back', async () => {
    const wire = chatSurface.decode(
      { model: 'qwen3:8b', messages: [{ role: 'user', content: 'hi' }], think: false },
      context('/api/chat'),
    ).wire
    const chatResult = result({ reasoning: 'hidden' })
    const { reasoning: _reasoning, ...expected } = carried(chatResult)
    expect(await roundTripChat(chat, wire, chatResult, { stream: true })).toEqual(expected)
  })

  const embedding: EmbeddingResult = {
    kind: 'embedding',
    model: 'nomic-embed-text',
    vectors: [
      [0.1, -0.2, 0.3],
      [0.4, 0.5, -0.6],
    ],
    usage: { inputTokens: 8, outputTokens: 0, reasoningTokens: 0 },
  }

  test('embed: model, vectors and prompt tokens come back', async () => {
    expect(await roundTripEmbedding(embedSurface as EmbeddingSurface, null, embedding)).toEqual({
      kind: 'embedding',
      model: 'nomic-embed-text',
      vectors: embedding.vectors,
      usage: { inputTokens: 8 },
    })
  })

  test('embeddings (legacy): the one vector comes back', async () => {
    const one = { ...embedding, vectors: [[0.25, 0.5]] }
    expect(await roundTripEmbedding(embeddingsSurface as EmbeddingSurface, null, one)).toEqual({
      kind: 'embedding',
      vectors: [[0.25, 0.5]],
    })
  })

  test('an error fixture reads back as it was written', () => {
    const error = { kind: 'error' as const, status: 404, message: "model 'llama9' not found" }
    expect(chatSurface.response!.error!(404, ollamaError(error), noHeaders)).toEqual(error)
  })
})

describe('Ollama as it answers', () => {
  test('chat JSON with durations, nanosecond created_at and logprobs', () => {
    const body = {
      model: 'llama3.2',
      created_at: '2023-12-12T14:13:43.416799Z',
      message: { role: 'assistant', content: 'Hello! How are you today?' },
      logprobs: [{ token: 'Hello', logprob: -0.0021, bytes: [72, 101, 108, 108, 111], top_logprobs: [] }],
      done: true,
      done_reason: 'stop',
      total_duration: 5191566416,
      load_duration: 2154458,
      prompt_eval_count: 26,
      prompt_eval_duration: 383809000,
      eval_count: 298,
      eval_duration: 4799921000,
    }
    expect(chatSurface.response!.json(body, chatWire)).toEqual({
      kind: 'chat',
      model: 'llama3.2',
      created: 1_702_390_423,
      blocks: [{ type: 'text', text: 'Hello! How are you today?' }],
      finishReason: 'stop',
      usage: { inputTokens: 26, outputTokens: 298 },
    })
  })

  test('chat JSON tool calls: without ids (older servers) and with ids and indexes (newer ones)', () => {
    const body = (calls: unknown[]) => ({
      model: 'llama3.1',
      created_at: '2024-07-22T20:48:19.123456789-07:00',
      message: { role: 'assistant', content: '', tool_calls: calls },
      done_reason: 'stop',
      done: true,
      total_duration: 885095291,
      load_duration: 3753500,
      prompt_eval_count: 122,
      prompt_eval_duration: 328493000,
      eval_count: 33,
      eval_duration: 552222000,
    })
    const old = chatSurface.response!.json(
      body([
        {
          function: { name: 'get_current_weather', arguments: { format: 'celsius', location: 'Paris, FR' } },
        },
      ]),
      chatWire,
    )
    expect(old).toEqual({
      kind: 'chat',
      model: 'llama3.1',
      created: 1_721_706_499,
      blocks: [
        {
          type: 'toolCall',
          call: {
            id: '',
            name: 'get_current_weather',
            arguments: '{"format":"celsius","location":"Paris, FR"}',
          },
        },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 122, outputTokens: 33 },
    })
    const newer = chatSurface.response!.json(
      body([
        { id: 'call_7ylg9bvh', function: { index: 0, name: 'get_weather', arguments: { city: 'Tokyo' } } },
        { id: 'call_q0w2e4r6', function: { index: 1, name: 'get_weather', arguments: { city: 'Osaka' } } },
      ]),
      chatWire,
    )
    expect(newer.blocks).toEqual([
      { type: 'toolCall', call: { id: 'call_7ylg9bvh', name: 'get_weather', arguments: '{"city":"Tokyo"}' } },
      { type: 'toolCall', call: { id: 'call_q0w2e4r6', name: 'get_weather', arguments: '{"city":"Osaka"}' } },
    ])
  })

  test('a thinking model streamed as NDJSON; a cached prompt leaves prompt_eval_count out', () => {
    const line = (message: Record<string, unknown>, extra: Record<string, unknown> = { done: false }) =>
      JSON.stringify({
        model: 'qwen3',
        created_at: '2025-05-29T09:35:56.836222Z',
        message: { role: 'assistant', ...message },
        ...extra,
      })
    const text =
      [
        line({ content: '', thinking: 'Okay, ' }),
        line({ content: '', thinking: 'the user wants a greeting.' }),
        line({ content: 'Hi' }),
        line({ content: ' there!' }),
        line(
          { content: '' },
          {
            done: true,
            done_reason: 'stop',
            total_duration: 2318462500,
            load_duration: 29874667,
            prompt_eval_duration: 1000,
            eval_count: 45,
            eval_duration: 2154000000,
          },
        ),
      ].join('\n') + '\n'
    expect(chatSurface.response!.stream!(readFrames('ndjson', text), chatWire)).toEqual({
      kind: 'chat',
      model: 'qwen3',
      created: 1_748_511_356,
      reasoning: 'Okay, the user wants a greeting.',
      blocks: [{ type: 'text', text: 'Hi there!' }],
      finishReason: 'stop',
      usage: { inputTokens: 0, outputTokens: 45 },
    })
  })

  test('a streamed tool call arrives whole in its own line', () => {
    const frames = [
      {
        model: 'qwen3',
        created_at: '2025-09-01T00:00:00Z',
        message: { role: 'assistant', content: 'Checking.' },
        done: false,
      },
      {
        model: 'qwen3',
        created_at: '2025-09-01T00:00:00Z',
        message: {
          role: 'assistant',
          content: '',
          tool_calls: [
            { id: 'call_x', function: { index: 0, name: 'get_weather', arguments: { city: 'Paris' } } },
          ],
        },
        done: false,
      },
      {
        model: 'qwen3',
        created_at: '2025-09-01T00:00:00Z',
        message: { role: 'assistant', content: '' },
        done: true,
        done_reason: 'stop',
        prompt_eval_count: 180,
        eval_count: 25,
      },
    ]
    expect(chatSurface.response!.stream!(frames, chatWire)).toMatchObject({
      blocks: [
        { type: 'text', text: 'Checking.' },
        { type: 'toolCall', call: { id: 'call_x', name: 'get_weather', arguments: '{"city":"Paris"}' } },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 180, outputTokens: 25 },
    })
  })

  test('generate JSON with context, and a load-only answer keeps done_reason load', () => {
    const body = {
      model: 'llama3.2',
      created_at: '2023-08-04T19:22:45.499127Z',
      response: 'The sky is blue because it is the color of the sky.',
      done: true,
      done_reason: 'stop',
      context: [1, 2, 3],
      total_duration: 5043500667,
      load_duration: 5025959,
      prompt_eval_count: 26,
      prompt_eval_duration: 325953000,
      eval_count: 290,
      eval_duration: 4709213000,
    }
    expect(generateSurface.response!.json(body, generateWire)).toEqual({
      kind: 'chat',
      model: 'llama3.2',
      created: 1_691_176_965,
      blocks: [{ type: 'text', text: 'The sky is blue because it is the color of the sky.' }],
      finishReason: 'stop',
      usage: { inputTokens: 26, outputTokens: 290 },
    })
    const load = {
      model: 'llama3.2',
      created_at: '2023-12-18T19:52:07.071755Z',
      response: '',
      done: true,
      done_reason: 'load',
    }
    expect(generateSurface.response!.json(load, generateWire)).toEqual({
      kind: 'chat',
      model: 'llama3.2',
      created: 1_702_929_127,
      blocks: [{ type: 'text', text: '' }],
      finishReason: 'stop',
      nativeFinishReason: 'load',
      usage: { inputTokens: 0, outputTokens: 0 },
    })
  })

  test('a generate stream with thinking, cut at the token limit', () => {
    const head = { model: 'deepseek-r1', created_at: '2025-05-29T09:35:56Z' }
    const frames = [
      { ...head, response: '', thinking: 'Hmm.', done: false },
      { ...head, response: 'Blue', done: false },
      { ...head, response: ' light', done: false },
      { ...head, response: '', done: true, done_reason: 'length', prompt_eval_count: 9, eval_count: 3 },
    ]
    expect(generateSurface.response!.stream!(frames, generateWire)).toEqual({
      kind: 'chat',
      model: 'deepseek-r1',
      created: 1_748_511_356,
      reasoning: 'Hmm.',
      blocks: [{ type: 'text', text: 'Blue light' }],
      finishReason: 'length',
      usage: { inputTokens: 9, outputTokens: 3 },
    })
  })

  test('errors inside a stream, unfinished streams and bodies that are not answers', () => {
    const decoding = chatSurface.response!
    const frames = [
      {
        model: 'llama3.2',
        created_at: '2025-01-01T00:00:00Z',
        message: { role: 'assistant', content: 'Hel' },
        done: false,
      },
      { error: 'an error was encountered while running the model: unexpected EOF' },
    ]
    expect(() => decoding.stream!(frames, chatWire)).toThrow(/unexpected EOF/)
    expect(() => decoding.stream!(frames.slice(0, 1), chatWire)).toThrow(/without a done line/)
    expect(() =>
      decoding.json({ model: 'x', message: { role: 'assistant', content: 'a' }, done: false }, chatWire),
    ).toThrow(/done/)
    expect(() => decoding.json([1], chatWire)).toThrow(/answer object/)
    expect(() =>
      decoding.json(
        { message: { content: '', tool_calls: [{ function: { arguments: {} } }] }, done: true },
        chatWire,
      ),
    ).toThrow(/no function name/)
  })
})

describe('Ollama embeddings and errors as Ollama sends them', () => {
  test('/api/embed', () => {
    const body = {
      model: 'all-minilm',
      embeddings: [
        [0.010071029, -0.0017594862, 0.05007221],
        [-0.0098027075, 0.06042469, 0.025257962],
      ],
      total_duration: 14143917,
      load_duration: 1019500,
      prompt_eval_count: 8,
    }
    expect(embedSurface.response!.json(body, null)).toEqual({
      kind: 'embedding',
      model: 'all-minilm',
      vectors: body.embeddings,
      usage: { inputTokens: 8 },
    })
  })

  test('/api/embeddings', () => {
    const body = { embedding: [0.5670403838157654, 0.009260174818336964, 0.23178744316101074] }
    expect(embeddingsSurface.response!.json(body, null)).toEqual({
      kind: 'embedding',
      vectors: [body.embedding],
    })
  })

  test('bodies without vectors are errors', () => {
    expect(() => embedSurface.response!.json({ embedding: [1] }, null)).toThrow(/embeddings array/)
    expect(() => embeddingsSurface.response!.json({ embeddings: [[1]] }, null)).toThrow(/an embedding/)
    expect(() => embedSurface.response!.json({ embeddings: [['a']] }, null)).toThrow(/array of numbers/)
  })

  test("errors: Ollama's {error}, plain text, Retry-After", () => {
    expect(
      embedSurface.response!.error!(
        404,
        { error: "model 'llama9' not found, try pulling it first" },
        noHeaders,
      ),
    ).toEqual({
      kind: 'error',
      status: 404,
      message: "model 'llama9' not found, try pulling it first",
    })
    expect(
      generateSurface.response!.error!(503, 'server busy', {
        get: (n: string) => (n === 'retry-after' ? '2' : null),
      }),
    ).toEqual({ kind: 'error', status: 503, message: 'server busy', retryAfter: 2 })
    expect(embeddingsSurface.response!.error!(500, {}, noHeaders)).toEqual({
      kind: 'error',
      status: 500,
      message: 'HTTP 500',
    })
  })
})
