/**
 * OpenAI's response decoders (record mode): chat completions, the Responses API and embeddings read back
 * into canonical results. Round trips render a result with the engine's own renderer and read it back;
 * real-wire tests decode bodies and streams as OpenAI sends them, with the fields standin never writes.
 */
import { describe, expect, test } from 'vitest'
import type { ChatResult, EmbeddingResult, ErrorResult } from '../../src/canonical'
import { chatSurface, type ChatWire } from '../../src/providers/openai/chat'
import { embeddingsSurface } from '../../src/providers/openai/embeddings'
import { responsesSurface } from '../../src/providers/openai/responses'
import type { ResponsesWire } from '../../src/providers/openai/responses-decode'
import type { DecodedChatResult } from '../../src/providers/provider'
import { streamEvents } from '../../src/streaming/events'
import {
  context,
  dataLines,
  headerReader,
  roundTripChat,
  roundTripEmbedding,
  sse,
  typedEvents,
} from './decode-openai-helpers'

const messages = [{ role: 'user', content: 'What is the weather in Paris and Rome?' }]

function chatWire(body: Record<string, unknown> = {}): ChatWire {
  return chatSurface.decode({ model: 'gpt-4o', messages, ...body }, context('/v1/chat/completions')).wire
}

function responsesWire(body: Record<string, unknown> = {}): ResponsesWire {
  return responsesSurface.decode(
    { model: 'gpt-5', input: 'What is the weather?', ...body },
    context('/v1/responses'),
  ).wire
}

const base = { kind: 'chat', model: 'gpt-4o', created: 1_735_000_000 } as const
const usage = { inputTokens: 31, outputTokens: 18, reasoningTokens: 0 }

const paris = { id: 'call_paris01', name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' }
const rome = { id: 'call_rome02', name: 'get_weather', arguments: '{"city":"Rome","unit":"celsius"}' }
const time = { id: 'call_time03', name: 'get_time', arguments: '{"timezone":"Europe/Paris"}' }

const results: Record<string, ChatResult> = {
  text: {
    ...base,
    id: 'chatcmpl-text',
    blocks: [{ type: 'text', text: 'It is sunny in Paris, 24 degrees, and "clear" in Rome.\nEnjoy!' }],
    finishReason: 'stop',
    usage,
  },
  toolCalls: {
    ...base,
    id: 'chatcmpl-tools',
    blocks: [
      { type: 'toolCall', call: paris },
      { type: 'toolCall', call: rome },
      { type: 'toolCall', call: time },
    ],
    finishReason: 'tool_calls',
    usage,
  },
  textAndToolCalls: {
    ...base,
    id: 'chatcmpl-mixed',
    blocks: [
      { type: 'text', text: 'Let me look both cities up.' },
      { type: 'toolCall', call: paris },
      { type: 'toolCall', call: rome },
    ],
    finishReason: 'tool_calls',
    usage,
  },
  reasoning: {
    ...base,
    id: 'chatcmpl-reason',
    reasoning: 'The user wants two cities. I should answer briefly.',
    blocks: [{ type: 'text', text: 'Paris: sunny. Rome: clear.' }],
    finishReason: 'stop',
    usage: { inputTokens: 31, outputTokens: 40, reasoningTokens: 22 },
  },
  length: {
    ...base,
    id: 'chatcmpl-length',
    blocks: [{ type: 'text', text: 'Paris is sunny and Rome is' }],
    finishReason: 'length',
    usage,
  },
  contentFilter: {
    ...base,
    id: 'chatcmpl-filter',
    blocks: [{ type: 'text', text: '' }],
    finishReason: 'content_filter',
    usage,
  },
}

/** What the chat wire carries of a result: no signatures, native reasons, upstream or cost. */
function chatView(result: ChatResult, options: { usage: boolean }): DecodedChatResult {
  const {
    reasoningSignature: _s,
    redactedReasoning: _r,
    nativeFinishReason: _n,
    upstreamProvider: _u,
    usage: fullUsage,
    ...rest
  } = result
  const { cost: _c, ...tokens } = fullUsage
  return options.usage ? { ...rest, usage: tokens } : rest
}

describe('openai.chat: round trips', () => {
  for (const [name, result] of Object.entries(results)) {
    test(`${name}: JSON`, async () => {
      const decoded = await roundTripChat(chatSurface, chatWire(), result, { stream: false })
      expect(decoded).toEqual(chatView(result, { usage: true }))
    })
    test(`${name}: SSE with include_usage`, async () => {
      const wire = chatWire({ stream: true, stream_options: { include_usage: true } })
      const decoded = await roundTripChat(chatSurface, wire, result, { stream: true })
      expect(decoded).toEqual(chatView(result, { usage: true }))
    })
    test(`${name}: SSE without usage`, async () => {
      const decoded = await roundTripChat(chatSurface, chatWire({ stream: true }), result, { stream: true })
      expect(decoded).toEqual(chatView(result, { usage: false }))
    })
  }

  test('a stream keeps the order of its blocks: a tool call, then text', async () => {
    const result: ChatResult = {
      ...results.textAndToolCalls!,
      blocks: [
        { type: 'toolCall', call: paris },
        { type: 'text', text: 'Checking Rome too.' },
        { type: 'toolCall', call: rome },
      ],
    }
    const decoded = await roundTripChat(chatSurface, chatWire({ stream: true }), result, {
      stream: true,
      chunkSize: 3,
    })
    expect(decoded.blocks).toEqual(result.blocks)
  })

  test('JSON carries no order: the text is joined and comes first', async () => {
    const result: ChatResult = {
      ...results.textAndToolCalls!,
      blocks: [
        { type: 'toolCall', call: paris },
        { type: 'text', text: 'One. ' },
        { type: 'text', text: 'Two.' },
      ],
    }
    const decoded = await roundTripChat(chatSurface, chatWire(), result, { stream: false })
    expect(decoded.blocks).toEqual([
      { type: 'text', text: 'One. Two.' },
      { type: 'toolCall', call: paris },
    ])
  })

  test('one-character chunks join back into the same text, reasoning and arguments', async () => {
    const result = {
      ...results.reasoning!,
      blocks: [...results.reasoning!.blocks, { type: 'toolCall' as const, call: paris }],
    }
    const decoded = await roundTripChat(chatSurface, chatWire({ stream: true }), result, {
      stream: true,
      chunkSize: 1,
    })
    expect(decoded).toMatchObject({ reasoning: result.reasoning, blocks: result.blocks })
  })
})

describe('openai.chat: real wire', () => {
  test('a JSON completion with the fields OpenAI adds (fingerprint, service tier, logprobs, token details)', () => {
    const body = {
      id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
      object: 'chat.completion',
      created: 1741569952,
      model: 'gpt-4o-2024-08-06',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Hello! How can I assist you today?',
            refusal: null,
            annotations: [],
          },
          logprobs: {
            content: [
              { token: 'Hello', logprob: -0.0001, bytes: [72, 101, 108, 108, 111], top_logprobs: [] },
            ],
            refusal: null,
          },
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 19,
        completion_tokens: 10,
        total_tokens: 29,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: 0,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
      service_tier: 'default',
      system_fingerprint: 'fp_fc9f1d7035',
    }
    expect(chatSurface.response!.json(body, chatWire())).toEqual({
      kind: 'chat',
      id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
      model: 'gpt-4o-2024-08-06',
      created: 1741569952,
      blocks: [{ type: 'text', text: 'Hello! How can I assist you today?' }],
      finishReason: 'stop',
      usage: { inputTokens: 19, outputTokens: 10, reasoningTokens: 0 },
    })
  })

  test('parallel tool calls from a reasoning model: content null, reasoning tokens counted', () => {
    const body = {
      id: 'chatcmpl-CRz5Z1',
      object: 'chat.completion',
      created: 1760000000,
      model: 'o4-mini-2025-04-16',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            refusal: null,
            annotations: [],
            tool_calls: [
              {
                id: 'call_GkznHW5H',
                type: 'function',
                function: { name: 'weather', arguments: '{"location":"Florence, Italy"}' },
              },
              {
                id: 'call_Xy81kQp2',
                type: 'function',
                function: { name: 'weather', arguments: '{"location":"Rome, Italy"}' },
              },
            ],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: {
        prompt_tokens: 64,
        completion_tokens: 151,
        total_tokens: 215,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: 128,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
      service_tier: 'default',
      system_fingerprint: null,
    }
    expect(chatSurface.response!.json(body, chatWire())).toEqual({
      kind: 'chat',
      id: 'chatcmpl-CRz5Z1',
      model: 'o4-mini-2025-04-16',
      created: 1760000000,
      blocks: [
        {
          type: 'toolCall',
          call: { id: 'call_GkznHW5H', name: 'weather', arguments: '{"location":"Florence, Italy"}' },
        },
        {
          type: 'toolCall',
          call: { id: 'call_Xy81kQp2', name: 'weather', arguments: '{"location":"Rome, Italy"}' },
        },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 64, outputTokens: 151, reasoningTokens: 128 },
    })
  })

  test('a refusal is kept as the answer text', () => {
    const body = {
      id: 'chatcmpl-refuse',
      object: 'chat.completion',
      created: 1741569952,
      model: 'gpt-4o-2024-08-06',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            refusal: "I'm sorry, I can't help with that.",
            annotations: [],
          },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 20, completion_tokens: 9, total_tokens: 29 },
    }
    expect(chatSurface.response!.json(body, chatWire())).toMatchObject({
      blocks: [{ type: 'text', text: "I'm sorry, I can't help with that." }],
      finishReason: 'stop',
    })
  })

  test('a stream with include_usage: role chunk, obfuscation, parallel tool-call fragments by index, usage chunk with no choices', () => {
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
      id: 'chatcmpl-DuLYecA4',
      object: 'chat.completion.chunk',
      created: 1782321608,
      model: 'gpt-4o-mini-2024-07-18',
      service_tier: 'default',
      system_fingerprint: 'fp_560af6e559',
      choices,
      usage: null,
      obfuscation: 'RMPT8kI',
      ...extra,
    })
    const delta = (d: Record<string, unknown>, finish: string | null = null) => ({
      index: 0,
      delta: d,
      logprobs: null,
      finish_reason: finish,
    })
    const text = dataLines([
      chunk([
        delta({
          role: 'assistant',
          content: null,
          refusal: null,
          tool_calls: [
            { index: 0, id: 'call_add', type: 'function', function: { name: 'add', arguments: '' } },
          ],
        }),
      ]),
      chunk([delta({ tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] })]),
      chunk([
        delta({
          tool_calls: [
            { index: 1, id: 'call_mul', type: 'function', function: { name: 'multiply', arguments: '' } },
          ],
        }),
      ]),
      chunk([delta({ tool_calls: [{ index: 0, function: { arguments: '2,"b":3}' } }] })]),
      chunk([delta({ tool_calls: [{ index: 1, function: { arguments: '{"a":2,"b":3}' } }] })]),
      chunk([delta({}, 'tool_calls')]),
      chunk([], {
        usage: {
          prompt_tokens: 92,
          completion_tokens: 56,
          total_tokens: 148,
          prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
      }),
      '[DONE]',
    ])
    const wire = chatWire({ stream: true, stream_options: { include_usage: true } })
    expect(chatSurface.response!.stream!(sse(text), wire)).toEqual({
      kind: 'chat',
      id: 'chatcmpl-DuLYecA4',
      model: 'gpt-4o-mini-2024-07-18',
      created: 1782321608,
      blocks: [
        { type: 'toolCall', call: { id: 'call_add', name: 'add', arguments: '{"a":2,"b":3}' } },
        { type: 'toolCall', call: { id: 'call_mul', name: 'multiply', arguments: '{"a":2,"b":3}' } },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 92, outputTokens: 56, reasoningTokens: 0 },
    })
  })

  test('DeepSeek-style reasoning_content deltas, and a stream without [DONE]', () => {
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
      id: 'a1b2c3',
      object: 'chat.completion.chunk',
      created: 1737000000,
      model: 'deepseek-reasoner',
      system_fingerprint: 'fp_7e73fd9a08',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    })
    const text = dataLines([
      chunk({ role: 'assistant', content: null, reasoning_content: '' }),
      chunk({ content: null, reasoning_content: 'Two plus two ' }),
      chunk({ content: null, reasoning_content: 'is four.' }),
      chunk({ content: '4', reasoning_content: null }),
      chunk({ content: '', reasoning_content: null }, 'stop'),
    ])
    expect(chatSurface.response!.stream!(sse(text), chatWire({ stream: true }))).toEqual({
      kind: 'chat',
      id: 'a1b2c3',
      model: 'deepseek-reasoner',
      created: 1737000000,
      reasoning: 'Two plus two is four.',
      blocks: [{ type: 'text', text: '4' }],
      finishReason: 'stop',
    })
  })

  test('compatible servers: whole tool calls without an index, a legacy function_call, a foreign finish reason', () => {
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
      id: 'chatcmpl-compat',
      object: 'chat.completion.chunk',
      created: 1737000000,
      model: 'gemini-2.5-flash',
      choices: [{ index: 0, delta, finish_reason: finish }],
    })
    const text = dataLines([
      chunk({
        role: 'assistant',
        tool_calls: [{ id: 'fc-1', type: 'function', function: { name: 'add', arguments: '{"a":1}' } }],
      }),
      chunk({
        tool_calls: [{ id: 'fc-2', type: 'function', function: { name: 'mul', arguments: '{"a":2}' } }],
      }),
      chunk({}, 'tool_calls'),
      '[DONE]',
    ])
    expect(chatSurface.response!.stream!(sse(text), chatWire({ stream: true })).blocks).toEqual([
      { type: 'toolCall', call: { id: 'fc-1', name: 'add', arguments: '{"a":1}' } },
      { type: 'toolCall', call: { id: 'fc-2', name: 'mul', arguments: '{"a":2}' } },
    ])

    const legacy = chatSurface.response!.json(
      {
        id: 'chatcmpl-legacy',
        object: 'chat.completion',
        created: 1690000000,
        model: 'gpt-3.5-turbo-0613',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: null,
              function_call: { name: 'get_time', arguments: '{}' },
            },
            finish_reason: 'function_call',
          },
        ],
      },
      chatWire(),
    )
    expect(legacy).toMatchObject({
      blocks: [{ type: 'toolCall', call: { id: 'get_time', name: 'get_time', arguments: '{}' } }],
      finishReason: 'tool_calls',
      nativeFinishReason: 'function_call',
    })

    const foreign = chatSurface.response!.json(
      {
        id: 'x',
        object: 'chat.completion',
        created: 1,
        model: 'local',
        choices: [{ index: 0, message: { role: 'assistant', content: 'cut' }, finish_reason: 'max_tokens' }],
      },
      chatWire(),
    )
    expect(foreign).toMatchObject({ finishReason: 'length', nativeFinishReason: 'max_tokens' })
  })

  test('only the first choice is read when n > 1', () => {
    const decoded = chatSurface.response!.json(
      {
        id: 'chatcmpl-n2',
        object: 'chat.completion',
        created: 1,
        model: 'gpt-4o',
        choices: [
          { index: 1, message: { role: 'assistant', content: 'second' }, finish_reason: 'stop' },
          { index: 0, message: { role: 'assistant', content: 'first' }, finish_reason: 'length' },
        ],
      },
      chatWire(),
    )
    expect(decoded).toMatchObject({ blocks: [{ type: 'text', text: 'first' }], finishReason: 'length' })
  })

  test('a stream cut short, an error chunk and a body that is no completion throw plain errors', () => {
    const wire = chatWire({ stream: true })
    const cut = dataLines([
      {
        id: 'c',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'gpt-4o',
        choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }],
      },
    ])
    expect(() => chatSurface.response!.stream!(sse(cut), wire)).toThrow(/finish_reason/)
    const failed = dataLines([
      {
        id: 'c',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'gpt-4o',
        choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }],
      },
      {
        error: {
          message: 'The server had an error while processing your request.',
          type: 'server_error',
          param: null,
          code: null,
        },
      },
    ])
    expect(() => chatSurface.response!.stream!(sse(failed), wire)).toThrow(/server had an error/)
    expect(() => chatSurface.response!.stream!([], wire)).toThrow(/no chunk/)
    expect(() => chatSurface.response!.json({ object: 'list', data: [] }, chatWire())).toThrow(/no choices/)
    expect(() => chatSurface.response!.json('<html>Bad gateway</html>', chatWire())).toThrow(/JSON object/)
  })

  test('unknown chunk fields and SSE comments are skipped', () => {
    const text =
      ': keep-alive\n\n' +
      dataLines([
        {
          id: 'c1',
          object: 'chat.completion.chunk',
          created: 5,
          model: 'gpt-4o',
          choices: [
            {
              index: 0,
              delta: { role: 'assistant', content: 'Hi', audio: null, future_field: { x: 1 } },
              finish_reason: null,
            },
          ],
          moderation: null,
        },
        {
          id: 'c1',
          object: 'chat.completion.chunk',
          created: 5,
          model: 'gpt-4o',
          choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
        },
        '[DONE]',
      ])
    expect(chatSurface.response!.stream!(sse(text), chatWire({ stream: true }))).toEqual({
      kind: 'chat',
      id: 'c1',
      model: 'gpt-4o',
      created: 5,
      blocks: [{ type: 'text', text: 'Hi' }],
      finishReason: 'stop',
    })
  })
})

const responseResults: Record<string, ChatResult> = {
  text: { ...results.text!, id: 'resp_text01', model: 'gpt-5' },
  toolCalls: { ...results.toolCalls!, id: 'resp_tools01', model: 'gpt-5' },
  interleaved: {
    ...base,
    id: 'resp_mixed01',
    model: 'gpt-5',
    blocks: [
      { type: 'text', text: 'Looking up Paris first.' },
      { type: 'toolCall', call: paris },
      { type: 'text', text: 'And Rome.' },
      { type: 'toolCall', call: rome },
    ],
    finishReason: 'tool_calls',
    usage,
  },
  reasoning: {
    ...results.reasoning!,
    id: 'resp_reason01',
    model: 'o4-mini',
    blocks: [...results.reasoning!.blocks, { type: 'toolCall', call: time }],
    finishReason: 'tool_calls',
  },
  reasoningOnly: {
    ...base,
    id: 'resp_thinking01',
    model: 'o4-mini',
    reasoning: 'Still thinking about it when the budget ran out.',
    blocks: [],
    finishReason: 'length',
    usage: { inputTokens: 10, outputTokens: 64, reasoningTokens: 64 },
  },
  length: { ...results.length!, id: 'resp_length01', model: 'gpt-5' },
  contentFilter: { ...results.contentFilter!, id: 'resp_filter01', model: 'gpt-5' },
}

describe('openai.responses: round trips', () => {
  for (const [name, result] of Object.entries(responseResults)) {
    for (const stream of [false, true]) {
      test(`${name}: ${stream ? 'SSE' : 'JSON'}`, async () => {
        const decoded = await roundTripChat(responsesSurface, responsesWire({ stream }), result, { stream })
        expect(decoded).toEqual(chatView(result, { usage: true }))
      })
    }
  }

  test('a stream whose final response carries no output is read from its deltas alone', () => {
    for (const result of Object.values(responseResults)) {
      const wire = responsesWire({ stream: true })
      const frames: unknown[] = []
      for (const event of streamEvents(result, 4))
        frames.push(...responsesSurface.stream!.frames(event, result, wire))
      const read = JSON.parse(JSON.stringify(frames)) as Array<{ event?: string; data: any }>
      const last = read.at(-1)!
      last.data.response.output = []
      expect(responsesSurface.response!.stream!(read, wire)).toEqual(chatView(result, { usage: true }))
    }
  })

  test('with include reasoning.encrypted_content, the encrypted payload is kept as redacted reasoning', async () => {
    const wire = responsesWire({ include: ['reasoning.encrypted_content'], store: false })
    const result = responseResults.reasoning!
    for (const stream of [false, true]) {
      const decoded = await roundTripChat(responsesSurface, { ...wire, sequence: 0 }, result, { stream })
      expect(decoded).toEqual({
        ...chatView(result, { usage: true }),
        redactedReasoning: [expect.any(String)],
      })
    }
  })
})

describe('openai.responses: real wire', () => {
  const response = {
    id: 'resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b',
    object: 'response',
    created_at: 1741476542,
    status: 'completed',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    max_tool_calls: null,
    model: 'gpt-5-2025-08-07',
    output: [
      {
        id: 'rs_67ccd2bf17f0819081ff3bb2cf6508e6',
        type: 'reasoning',
        summary: [
          { type: 'summary_text', text: '**Planning the lookup**\n\nThe user asks about Florence.' },
          { type: 'summary_text', text: '**Calling the tool**\n\nI will call weather once.' },
        ],
        encrypted_content: 'gAAAAABqPBJm6voeL1niy1RcJvIKwHXTysU9drj7ZS7mrbOhW_wJT3oGWVWPmVH3CVG2UuGzd14c',
      },
      {
        id: 'msg_67ccd2bf17f0819081ff3bb2cf6508e6',
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [
          {
            type: 'output_text',
            text: 'I will check the weather in Florence.',
            annotations: [],
            logprobs: [],
          },
        ],
      },
      {
        id: 'fc_12345xyz',
        type: 'function_call',
        status: 'completed',
        call_id: 'call_EDay3PkaZNpmYHDVyeY69wF9',
        name: 'weather',
        arguments: '{"location":"Florence, Italy"}',
      },
      {
        id: 'ws_67ccd2bf',
        type: 'web_search_call',
        status: 'completed',
        action: { type: 'search', query: 'weather Florence' },
      },
    ],
    parallel_tool_calls: true,
    previous_response_id: null,
    prompt_cache_key: null,
    reasoning: { effort: 'medium', summary: 'detailed' },
    safety_identifier: null,
    service_tier: 'default',
    store: true,
    temperature: 1.0,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_logprobs: 0,
    top_p: 1.0,
    truncation: 'disabled',
    usage: {
      input_tokens: 328,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 249,
      output_tokens_details: { reasoning_tokens: 192 },
      total_tokens: 577,
    },
    user: null,
    metadata: {},
  }

  const expected: DecodedChatResult = {
    kind: 'chat',
    id: 'resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b',
    model: 'gpt-5-2025-08-07',
    created: 1741476542,
    reasoning:
      '**Planning the lookup**\n\nThe user asks about Florence.\n\n**Calling the tool**\n\nI will call weather once.',
    redactedReasoning: ['gAAAAABqPBJm6voeL1niy1RcJvIKwHXTysU9drj7ZS7mrbOhW_wJT3oGWVWPmVH3CVG2UuGzd14c'],
    blocks: [
      { type: 'text', text: 'I will check the weather in Florence.' },
      {
        type: 'toolCall',
        call: {
          id: 'call_EDay3PkaZNpmYHDVyeY69wF9',
          name: 'weather',
          arguments: '{"location":"Florence, Italy"}',
        },
      },
    ],
    finishReason: 'tool_calls',
    usage: { inputTokens: 328, outputTokens: 249, reasoningTokens: 192 },
  }

  test('a Response object: reasoning summary parts, encrypted content, message, function call, a built-in tool call left out', () => {
    expect(responsesSurface.response!.json(response, responsesWire())).toEqual(expected)
  })

  test('a stream as OpenAI sends it, item by item, with obfuscation and encrypted reasoning that changes at done', () => {
    const inProgress = { ...response, status: 'in_progress', output: [], usage: null }
    const rs = response.output[0]!
    const msg = response.output[1]!
    const fc = response.output[2]!
    let seq = 0
    const e = (type: string, fields: Record<string, unknown>) => ({ type, ...fields, sequence_number: seq++ })
    const events = [
      e('response.created', { response: inProgress }),
      e('response.in_progress', { response: inProgress }),
      e('response.output_item.added', {
        output_index: 0,
        item: { ...rs, summary: [], encrypted_content: 'gAAAAAB-first', content: [] },
      }),
      e('response.reasoning_summary_part.added', {
        item_id: rs.id,
        output_index: 0,
        summary_index: 0,
        part: { type: 'summary_text', text: '' },
      }),
      e('response.reasoning_summary_text.delta', {
        item_id: rs.id,
        output_index: 0,
        summary_index: 0,
        delta: '**Planning the lookup**\n\n',
        obfuscation: 'ab',
      }),
      e('response.reasoning_summary_text.delta', {
        item_id: rs.id,
        output_index: 0,
        summary_index: 0,
        delta: 'The user asks about Florence.',
        obfuscation: 'cd',
      }),
      e('response.reasoning_summary_text.done', {
        item_id: rs.id,
        output_index: 0,
        summary_index: 0,
        text: '**Planning the lookup**\n\nThe user asks about Florence.',
      }),
      e('response.reasoning_summary_part.done', {
        item_id: rs.id,
        output_index: 0,
        summary_index: 0,
        part: { type: 'summary_text', text: '**Planning the lookup**\n\nThe user asks about Florence.' },
      }),
      e('response.reasoning_summary_part.added', {
        item_id: rs.id,
        output_index: 0,
        summary_index: 1,
        part: { type: 'summary_text', text: '' },
      }),
      e('response.reasoning_summary_text.delta', {
        item_id: rs.id,
        output_index: 0,
        summary_index: 1,
        delta: '**Calling the tool**\n\nI will call weather once.',
      }),
      e('response.output_item.done', { output_index: 0, item: rs }),
      e('response.output_item.added', {
        output_index: 1,
        item: { ...msg, status: 'in_progress', content: [] },
      }),
      e('response.content_part.added', {
        item_id: msg.id,
        output_index: 1,
        content_index: 0,
        part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
      }),
      e('response.output_text.delta', {
        item_id: msg.id,
        output_index: 1,
        content_index: 0,
        delta: 'I will check the weather',
        logprobs: [],
        obfuscation: 'x1',
      }),
      e('response.output_text.delta', {
        item_id: msg.id,
        output_index: 1,
        content_index: 0,
        delta: ' in Florence.',
        logprobs: [],
        obfuscation: 'x2',
      }),
      e('response.output_text.done', {
        item_id: msg.id,
        output_index: 1,
        content_index: 0,
        text: 'I will check the weather in Florence.',
        logprobs: [],
      }),
      e('response.content_part.done', {
        item_id: msg.id,
        output_index: 1,
        content_index: 0,
        part: msg.content![0],
      }),
      e('response.output_item.done', { output_index: 1, item: msg }),
      e('response.output_item.added', {
        output_index: 2,
        item: { ...fc, status: 'in_progress', arguments: '' },
      }),
      e('response.function_call_arguments.delta', {
        item_id: fc.id,
        output_index: 2,
        delta: '{"location":',
        obfuscation: 'ZHxI',
      }),
      e('response.function_call_arguments.delta', {
        item_id: fc.id,
        output_index: 2,
        delta: '"Florence, Italy"}',
        obfuscation: 'i8kT',
      }),
      e('response.function_call_arguments.done', {
        item_id: fc.id,
        output_index: 2,
        arguments: '{"location":"Florence, Italy"}',
      }),
      e('response.output_item.done', { output_index: 2, item: fc }),
      e('response.web_search_call.in_progress', { item_id: 'ws_67ccd2bf', output_index: 3 }),
      e('response.completed', { response }),
    ]
    const decoded = responsesSurface.response!.stream!(
      sse(typedEvents(events)),
      responsesWire({ stream: true }),
    )
    expect(decoded).toEqual(expected)

    // The same stream read from its events alone (a final response without output).
    const withoutOutput = events.map((event) =>
      event.type === 'response.completed' ? { ...event, response: { ...response, output: [] } } : event,
    )
    expect(
      responsesSurface.response!.stream!(sse(typedEvents(withoutOutput)), responsesWire({ stream: true })),
    ).toEqual(expected)
  })

  test('response.incomplete for max_output_tokens and content_filter', () => {
    const incomplete = (reason: string) => ({
      ...response,
      status: 'incomplete',
      incomplete_details: { reason },
      output: [
        {
          id: 'msg_1',
          type: 'message',
          status: 'incomplete',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'Florence is', annotations: [] }],
        },
      ],
    })
    for (const [reason, finishReason] of [
      ['max_output_tokens', 'length'],
      ['content_filter', 'content_filter'],
    ] as const) {
      const text = typedEvents([
        {
          type: 'response.created',
          sequence_number: 0,
          response: { ...response, status: 'in_progress', output: [] },
        },
        { type: 'response.incomplete', sequence_number: 1, response: incomplete(reason) },
      ])
      const decoded = responsesSurface.response!.stream!(sse(text), responsesWire({ stream: true }))
      expect(decoded).toMatchObject({ finishReason, blocks: [{ type: 'text', text: 'Florence is' }] })
      expect(decoded.nativeFinishReason).toBeUndefined()
      expect(responsesSurface.response!.json(incomplete(reason), responsesWire())).toMatchObject({
        finishReason,
      })
    }
  })

  test('reasoning text content (open-weight models) when there is no summary, and a refusal part', () => {
    const decoded = responsesSurface.response!.json(
      {
        ...response,
        output: [
          {
            id: 'rs_1',
            type: 'reasoning',
            summary: [],
            content: [{ type: 'reasoning_text', text: 'Thinking hard.' }],
          },
          {
            id: 'msg_1',
            type: 'message',
            status: 'completed',
            role: 'assistant',
            content: [{ type: 'refusal', refusal: "I can't help with that." }],
          },
        ],
      },
      responsesWire(),
    )
    expect(decoded).toMatchObject({
      reasoning: 'Thinking hard.',
      blocks: [{ type: 'text', text: "I can't help with that." }],
      finishReason: 'stop',
    })
    expect(decoded.redactedReasoning).toBeUndefined()
  })

  test('response.failed, an error event, a stream cut short and a failed or background body throw', () => {
    const wire = responsesWire({ stream: true })
    const created = {
      type: 'response.created',
      sequence_number: 0,
      response: { ...response, status: 'in_progress', output: [] },
    }
    const failed = typedEvents([
      created,
      {
        type: 'response.failed',
        sequence_number: 1,
        response: {
          ...response,
          status: 'failed',
          output: [],
          error: { code: 'server_error', message: 'The model failed to generate a response.' },
        },
      },
    ])
    expect(() => responsesSurface.response!.stream!(sse(failed), wire)).toThrow(
      /server_error.*failed to generate/,
    )
    const errorEvent = typedEvents([
      created,
      {
        type: 'error',
        sequence_number: 1,
        code: 'rate_limit_exceeded',
        message: 'Rate limit reached for gpt-5.',
        param: null,
      },
    ])
    expect(() => responsesSurface.response!.stream!(sse(errorEvent), wire)).toThrow(/rate_limit_exceeded/)
    const nestedError = `event: error\ndata: ${JSON.stringify({ error: { code: 'server_error', message: 'Try again.' } })}\n\n`
    expect(() => responsesSurface.response!.stream!(sse(nestedError), wire)).toThrow(
      /server_error.*Try again/,
    )
    expect(() => responsesSurface.response!.stream!(sse(typedEvents([created])), wire)).toThrow(/cut short/)
    expect(() =>
      responsesSurface.response!.json({ ...response, status: 'queued', output: [] }, responsesWire()),
    ).toThrow(/queued/)
    expect(() =>
      responsesSurface.response!.json(
        { ...response, status: 'failed', error: { code: 'server_error', message: 'boom' } },
        responsesWire(),
      ),
    ).toThrow(/boom/)
    expect(() => responsesSurface.response!.json({ id: 'chatcmpl-1', choices: [] }, responsesWire())).toThrow(
      /output/,
    )
  })
})

describe('openai.embeddings', () => {
  const embedding: EmbeddingResult = {
    kind: 'embedding',
    model: 'text-embedding-3-small',
    vectors: [
      [0.1, -0.25, 0.333333, 1e-7],
      [-1, 0.5, 0, 0.999],
    ],
    usage: { inputTokens: 9, outputTokens: 0, reasoningTokens: 0 },
  }
  const wire = (format?: string) =>
    embeddingsSurface.decode(
      {
        model: 'text-embedding-3-small',
        input: ['one', 'two'],
        ...(format ? { encoding_format: format } : {}),
      },
      context('/v1/embeddings'),
    ).wire

  test('float vectors round-trip exactly', async () => {
    expect(await roundTripEmbedding(embeddingsSurface, wire('float'), embedding)).toEqual({
      kind: 'embedding',
      model: 'text-embedding-3-small',
      vectors: embedding.vectors,
      usage: { inputTokens: 9 },
    })
  })

  test('base64 vectors round-trip as float32 values', async () => {
    const decoded = await roundTripEmbedding(embeddingsSurface, wire('base64'), embedding)
    expect(decoded.vectors).toEqual(embedding.vectors.map((v) => v.map(Math.fround)))
  })

  test('a real base64 body: entries ordered by index, little-endian float32', () => {
    const bytes = (values: number[]) => {
      const buffer = Buffer.alloc(values.length * 4)
      values.forEach((v, i) => buffer.writeFloatLE(v, i * 4))
      return buffer.toString('base64')
    }
    const body = {
      object: 'list',
      data: [
        { object: 'embedding', index: 1, embedding: bytes([0.5, -2]) },
        { object: 'embedding', index: 0, embedding: bytes([0.25, 3]) },
      ],
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 5, total_tokens: 5 },
    }
    expect(embeddingsSurface.response!.json(body, wire())).toEqual({
      kind: 'embedding',
      model: 'text-embedding-3-small',
      vectors: [
        [0.25, 3],
        [0.5, -2],
      ],
      usage: { inputTokens: 5 },
    })
    expect(() =>
      embeddingsSurface.response!.json({ object: 'list', data: [{ index: 0, embedding: 'abc' }] }, wire()),
    ).toThrow(/base64/)
    expect(() => embeddingsSurface.response!.json({ error: { message: 'x' } }, wire())).toThrow(/data/)
  })
})

describe('openai errors', () => {
  test('round trip: an error fixture encoded and read back', () => {
    const error: ErrorResult = {
      kind: 'error',
      status: 400,
      message: "Invalid value for 'temperature'.",
      type: 'invalid_request_error',
      code: 'invalid_value',
      param: 'temperature',
    }
    for (const surface of [chatSurface, responsesSurface, embeddingsSurface]) {
      const body = JSON.parse(JSON.stringify(surface.encodeError(error, undefined)))
      expect(surface.response!.error!(400, body, headerReader({}))).toEqual(error)
    }
  })

  test('a real 429 with retry-after and x-should-retry', () => {
    const body = {
      error: {
        message:
          'Rate limit reached for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Used 29988, Requested 54. Please try again in 84ms.',
        type: 'tokens',
        param: null,
        code: 'rate_limit_exceeded',
      },
    }
    const headers = headerReader({ 'retry-after': '1', 'retry-after-ms': '84', 'x-should-retry': 'true' })
    expect(chatSurface.response!.error!(429, body, headers)).toEqual({
      kind: 'error',
      status: 429,
      message: body.error.message,
      type: 'tokens',
      code: 'rate_limit_exceeded',
      retryAfter: 1,
      headers: { 'x-should-retry': 'true' },
    })
    expect(
      chatSurface.response!.error!(429, body, headerReader({ 'retry-after-ms': '1500' })).retryAfter,
    ).toBe(1.5)
  })

  test('a 401, a gateway text body, and a body with no message', () => {
    const unauthorized = {
      error: {
        message:
          'Incorrect API key provided: sk-abc. You can find your API key at https://platform.openai.com/account/api-keys.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    }
    expect(responsesSurface.response!.error!(401, unauthorized, headerReader({}))).toEqual({
      kind: 'error',
      status: 401,
      message: unauthorized.error.message,
      type: 'invalid_request_error',
      code: 'invalid_api_key',
    })
    expect(chatSurface.response!.error!(502, 'Bad gateway\n', headerReader({}))).toEqual({
      kind: 'error',
      status: 502,
      message: 'Bad gateway',
    })
    expect(() => chatSurface.response!.error!(500, { detail: 'x' }, headerReader({}))).toThrow(
      /no error message/,
    )
  })
})
