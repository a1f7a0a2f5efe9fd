/**
 * Record mode's decoders for Bedrock: Converse and ConverseStream, InvokeModel and
 * InvokeModelWithResponseStream for Claude (Anthropic's format) and Nova (Converse's), round trips through
 * the surfaces' own encoders, answers and event streams as Bedrock sends them (padding `p` fields, metrics,
 * trace, invocation metrics, exceptions), and errors named by `x-amzn-ErrorType`.
 */
import { describe, expect, test } from 'vitest'
import type { ChatResult } from '../../src/canonical'
import { converseSurface } from '../../src/providers/bedrock/converse'
import { invokeSurface } from '../../src/providers/bedrock/invoke'
import type { ChatSurface, DecodeContext } from '../../src/providers/provider'
import { readFrames } from '../../src/record/frames'
import { encodeEventStreamMessage } from '../../src/streaming/aws-event-stream'
import { roundTripChat } from '../helpers/round-trip'
import { CASES, readBack } from './anthropic-cases'

const converse = converseSurface as ChatSurface<any>
const invoke = invokeSurface as ChatSurface<any>
const CLAUDE = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'
const NOVA = 'amazon.nova-pro-v1:0'

function context(modelId: string, action: string): DecodeContext {
  const path = `/model/${encodeURIComponent(modelId)}/${action}`
  return {
    url: new URL(`https://bedrock-runtime.us-east-1.amazonaws.com${path}`),
    params: { modelId: encodeURIComponent(modelId) },
    headers: new Headers({ 'content-type': 'application/json' }),
    memory: new Map(),
  }
}

const converseBody = {
  messages: [{ role: 'user', content: [{ text: 'What is the weather in Paris?' }] }],
  toolConfig: { tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }] },
}

function converseWire(stream: boolean): unknown {
  return converse.decode(converseBody, context(CLAUDE, stream ? 'converse-stream' : 'converse')).wire
}

function claudeWire(stream: boolean): unknown {
  const body = {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
  }
  return invoke.decode(body, context(CLAUDE, stream ? 'invoke-with-response-stream' : 'invoke')).wire
}

function novaWire(stream: boolean): unknown {
  const body = { schemaVersion: 'messages-v1', ...converseBody, inferenceConfig: { maxTokens: 512 } }
  return invoke.decode(body, context(NOVA, stream ? 'invoke-with-response-stream' : 'invoke')).wire
}

/** An event stream as Bedrock writes it: string headers, a JSON payload per message. */
function eventStream(messages: Array<{ headers: Record<string, string>; body: unknown }>): Uint8Array {
  return Buffer.concat(
    messages.map(({ headers, body }) => encodeEventStreamMessage({ headers, payload: JSON.stringify(body) })),
  )
}

function event(type: string, body: unknown) {
  return {
    headers: { ':event-type': type, ':content-type': 'application/json', ':message-type': 'event' },
    body,
  }
}

/** InvokeModelWithResponseStream's chunk: the native object, base64 in `bytes`. */
function chunk(native: unknown) {
  return event('chunk', { bytes: Buffer.from(JSON.stringify(native)).toString('base64'), p: 'abcdefghij' })
}

describe('round trips', () => {
  const surfaces: Array<[string, ChatSurface<any>, (stream: boolean) => unknown, Array<'id' | 'model'>]> = [
    ['Converse', converse, converseWire, []],
    ['InvokeModel (Claude)', invoke, claudeWire, ['id', 'model']],
    ['InvokeModel (Nova)', invoke, novaWire, []],
  ]
  for (const [label, surface, wireOf, envelope] of surfaces) {
    describe(label, () => {
      for (const { name, result } of CASES) {
        test(`JSON: ${name}`, async () => {
          const decoded = await roundTripChat(surface, wireOf(false), result, { stream: false })
          expect(decoded).toEqual(readBack(result, envelope))
        })
        for (const chunkSize of [1, 7]) {
          test(`stream, chunks of ${chunkSize}: ${name}`, async () => {
            const decoded = await roundTripChat(surface, wireOf(true), result, { stream: true, chunkSize })
            expect(decoded).toEqual(readBack(result, envelope))
          })
        }
      }
    })
  }

  test('Converse: redacted reasoning that is not base64 goes out encoded and comes back as the blob', async () => {
    const result: ChatResult = {
      ...CASES[0]!.result,
      redactedReasoning: ['not base64!'],
    }
    const blob = Buffer.from('not base64!').toString('base64')
    for (const stream of [false, true]) {
      const decoded = await roundTripChat(converse, converseWire(stream), result, { stream })
      expect(decoded.redactedReasoning).toEqual([blob])
    }
  })
})

describe('Converse as Bedrock sends it', () => {
  test('a response with reasoning, text, a tool use, cache usage, metrics, trace and service tier', () => {
    const body = {
      output: {
        message: {
          role: 'assistant',
          content: [
            {
              reasoningContent: {
                reasoningText: { text: 'The user wants the weather.', signature: 'ErcBCkgIBhABGAIiQL...' },
              },
            },
            { reasoningContent: { redactedContent: 'EmwKAhgBEgy3va3pzix' } },
            { text: "I'll check." },
            {
              toolUse: {
                toolUseId: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q',
                name: 'get_weather',
                input: { city: 'Paris' },
              },
            },
          ],
        },
      },
      stopReason: 'tool_use',
      usage: {
        inputTokens: 30,
        outputTokens: 90,
        totalTokens: 1156,
        cacheReadInputTokens: 1024,
        cacheWriteInputTokens: 12,
        cacheDetails: [{ ttl: '5m', inputTokens: 12 }],
      },
      metrics: { latencyMs: 1744 },
      additionalModelResponseFields: { stop_sequence: null },
      trace: {
        promptRouter: { invokedModelId: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude' },
      },
      performanceConfig: { latency: 'standard' },
      serviceTier: { type: 'default' },
    }
    expect(converse.response!.json(body, {})).toEqual({
      kind: 'chat',
      reasoning: 'The user wants the weather.',
      reasoningSignature: 'ErcBCkgIBhABGAIiQL...',
      redactedReasoning: ['EmwKAhgBEgy3va3pzix'],
      blocks: [
        { type: 'text', text: "I'll check." },
        {
          type: 'toolCall',
          call: { id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', name: 'get_weather', arguments: '{"city":"Paris"}' },
        },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 1066, outputTokens: 90 },
    })
  })

  test('citations content is text; images and other blocks are skipped', () => {
    const body = {
      output: {
        message: {
          role: 'assistant',
          content: [
            {
              citationsContent: {
                content: [{ text: 'The sky is blue' }, { text: ' by day.' }],
                citations: [
                  {
                    title: 'doc',
                    sourceContent: [{ text: 'blue' }],
                    location: { documentChar: { documentIndex: 0, start: 1, end: 5 } },
                  },
                ],
              },
            },
            { image: { format: 'png', source: { bytes: 'iVBORw0KGgo=' } } },
          ],
        },
      },
      stopReason: 'end_turn',
      usage: { inputTokens: 5, outputTokens: 6, totalTokens: 11 },
      metrics: { latencyMs: 100 },
    }
    expect(converse.response!.json(body, {})).toEqual({
      kind: 'chat',
      blocks: [{ type: 'text', text: 'The sky is blue by day.' }],
      finishReason: 'stop',
      usage: { inputTokens: 5, outputTokens: 6 },
    })
  })

  test.each([
    ['end_turn', 'stop', undefined],
    ['tool_use', 'tool_calls', undefined],
    ['max_tokens', 'length', undefined],
    ['content_filtered', 'content_filter', undefined],
    ['guardrail_intervened', 'content_filter', 'guardrail_intervened'],
    ['stop_sequence', 'stop', 'stop_sequence'],
    ['model_context_window_exceeded', 'length', 'model_context_window_exceeded'],
    ['malformed_tool_use', 'stop', 'malformed_tool_use'],
    ['a_reason_added_later', 'stop', 'a_reason_added_later'],
  ])('stopReason %s is %s (native %s)', (stopReason, finishReason, native) => {
    const body = { output: { message: { role: 'assistant', content: [{ text: 'x' }] } }, stopReason }
    const decoded = converse.response!.json(body, {})
    expect(decoded.finishReason).toBe(finishReason)
    expect(decoded.nativeFinishReason).toBe(native)
  })

  test('bodies that are not a Converse response throw', () => {
    expect(() => converse.response!.json('nope', {})).toThrow(/not a JSON object/)
    expect(() => converse.response!.json({ stopReason: 'end_turn' }, {})).toThrow(/output\.message\.content/)
    expect(() => converse.response!.json({ output: { message: { content: [] } } }, {})).toThrow(/stopReason/)
    expect(() =>
      converse.response!.json(
        { output: { message: { content: [{ toolUse: { name: 'x', input: {} } }] } }, stopReason: 'tool_use' },
        {},
      ),
    ).toThrow(/toolUseId/)
  })
})

/** ConverseStream as Bedrock streams it; each payload carries a `p` padding field. */
const CONVERSE_STREAM = eventStream([
  event('messageStart', { p: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0', role: 'assistant' }),
  event('contentBlockDelta', {
    contentBlockIndex: 0,
    delta: { reasoningContent: { text: 'Weather ' } },
    p: 'abcd',
  }),
  event('contentBlockDelta', {
    contentBlockIndex: 0,
    delta: { reasoningContent: { text: 'needed.' } },
    p: 'ab',
  }),
  event('contentBlockDelta', {
    contentBlockIndex: 0,
    delta: { reasoningContent: { signature: 'EqoBCkgIARAB...' } },
    p: 'a',
  }),
  event('contentBlockStop', { contentBlockIndex: 0, p: 'abcdefgh' }),
  event('contentBlockDelta', { contentBlockIndex: 1, delta: { text: 'Let me ' }, p: 'abcdefghijklm' }),
  event('contentBlockDelta', { contentBlockIndex: 1, delta: { text: 'check.' }, p: 'abc' }),
  event('contentBlockStop', { contentBlockIndex: 1, p: 'abcdefghijk' }),
  event('contentBlockStart', {
    contentBlockIndex: 2,
    start: { toolUse: { toolUseId: 'tooluse_9pK3ZcjvRYe1sFDgBDlbWw', name: 'get_weather' } },
    p: 'abcdefghijklmnopqr',
  }),
  event('contentBlockDelta', { contentBlockIndex: 2, delta: { toolUse: { input: '' } }, p: 'ab' }),
  event('contentBlockDelta', {
    contentBlockIndex: 2,
    delta: { toolUse: { input: '{"city": "Pa' } },
    p: 'abcdef',
  }),
  event('contentBlockDelta', {
    contentBlockIndex: 2,
    delta: { toolUse: { input: 'ris"}' } },
    p: 'abcdefghi',
  }),
  event('contentBlockStop', { contentBlockIndex: 2, p: 'abcdefghijklmnopqrstuv' }),
  event('contentBlockStart', {
    contentBlockIndex: 3,
    start: { toolUse: { toolUseId: 'tooluse_2', name: 'get_time' } },
    p: 'abc',
  }),
  event('contentBlockStop', { contentBlockIndex: 3, p: 'abc' }),
  event('messageStop', { stopReason: 'tool_use', p: 'abcdefghijklmnopqrstuvwxyzABCDEFGH' }),
  event('metadata', {
    usage: {
      inputTokens: 412,
      outputTokens: 87,
      totalTokens: 499,
      cacheReadInputTokens: 0,
      cacheWriteInputTokens: 0,
    },
    metrics: { latencyMs: 2033 },
    trace: {},
    p: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU',
  }),
])

describe('ConverseStream as Bedrock sends it', () => {
  test('reasoning with its signature, text, tool input fragments, metadata usage', () => {
    expect(converse.response!.stream!(readFrames('aws-eventstream', CONVERSE_STREAM), {})).toEqual({
      kind: 'chat',
      reasoning: 'Weather needed.',
      reasoningSignature: 'EqoBCkgIARAB...',
      blocks: [
        { type: 'text', text: 'Let me check.' },
        {
          type: 'toolCall',
          call: { id: 'tooluse_9pK3ZcjvRYe1sFDgBDlbWw', name: 'get_weather', arguments: '{"city": "Paris"}' },
        },
        { type: 'toolCall', call: { id: 'tooluse_2', name: 'get_time', arguments: '{}' } },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 412, outputTokens: 87 },
    })
  })

  test('redacted reasoning deltas; unknown events and deltas are skipped', () => {
    const bytes = eventStream([
      event('messageStart', { role: 'assistant' }),
      event('contentBlockDelta', {
        contentBlockIndex: 0,
        delta: { reasoningContent: { redactedContent: 'AAEC' } },
      }),
      event('contentBlockDelta', {
        contentBlockIndex: 0,
        delta: { reasoningContent: { redactedContent: 'AwQF' } },
      }),
      event('contentBlockStop', { contentBlockIndex: 0 }),
      event('someFutureEvent', { anything: true }),
      event('contentBlockDelta', { contentBlockIndex: 1, delta: { citation: { title: 'x' } } }),
      event('contentBlockDelta', { contentBlockIndex: 1, delta: { text: 'Hi' } }),
      event('contentBlockDelta', { contentBlockIndex: 1, delta: { futureDelta: 1 } }),
      event('contentBlockStop', { contentBlockIndex: 1 }),
      event('messageStop', {
        stopReason: 'end_turn',
        additionalModelResponseFields: { stop_sequence: null },
      }),
    ])
    expect(converse.response!.stream!(readFrames('aws-eventstream', bytes), {})).toEqual({
      kind: 'chat',
      redactedReasoning: [Buffer.from([0, 1, 2, 3, 4, 5]).toString('base64')],
      blocks: [{ type: 'text', text: 'Hi' }],
      finishReason: 'stop',
    })
  })

  test('an exception message mid-stream throws with its type and message', () => {
    const bytes = eventStream([
      event('messageStart', { role: 'assistant' }),
      {
        headers: {
          ':exception-type': 'throttlingException',
          ':content-type': 'application/json',
          ':message-type': 'exception',
        },
        body: { message: 'Too many requests, please wait before trying again.' },
      },
    ])
    expect(() => converse.response!.stream!(readFrames('aws-eventstream', bytes), {})).toThrow(
      /throttlingException: Too many requests, please wait before trying again\./,
    )
    const modelError = eventStream([
      {
        headers: { ':exception-type': 'modelStreamErrorException', ':message-type': 'exception' },
        body: { message: 'Model stream failed', originalStatusCode: 500, originalMessage: 'Internal error' },
      },
    ])
    expect(() => converse.response!.stream!(readFrames('aws-eventstream', modelError), {})).toThrow(
      /modelStreamErrorException: Model stream failed \(model said: Internal error\)/,
    )
  })

  test('a stream cut before messageStop throws', () => {
    const frames = readFrames('aws-eventstream', CONVERSE_STREAM).slice(0, 8)
    expect(() => converse.response!.stream!(frames, {})).toThrow(/without messageStop/)
  })
})

describe('InvokeModel for Claude as Bedrock sends it', () => {
  test('the Anthropic Message body', () => {
    const body = {
      id: 'msg_bdrk_01Ugz3gAsJzCVh8MLG1iHqnB',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [{ type: 'text', text: 'Hello!' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 12,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 5,
      },
    }
    expect(invoke.response!.json(body, claudeWire(false))).toEqual({
      kind: 'chat',
      id: 'msg_bdrk_01Ugz3gAsJzCVh8MLG1iHqnB',
      model: 'claude-sonnet-4-5-20250929',
      blocks: [{ type: 'text', text: 'Hello!' }],
      finishReason: 'stop',
      usage: { inputTokens: 12, outputTokens: 5 },
    })
  })

  test('chunks of Anthropic events, invocation metrics on the last', () => {
    const bytes = eventStream([
      chunk({
        type: 'message_start',
        message: {
          id: 'msg_bdrk_01',
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-5-20250929',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: {
            input_tokens: 20,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
            output_tokens: 1,
          },
        },
      }),
      chunk({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 'toolu_bdrk_01', name: 'get_weather', input: {} },
      }),
      chunk({ type: 'ping' }),
      chunk({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: '{"city":' },
      }),
      chunk({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: '"Paris"}' },
      }),
      chunk({ type: 'content_block_stop', index: 0 }),
      chunk({
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { output_tokens: 40 },
      }),
      chunk({
        type: 'message_stop',
        'amazon-bedrock-invocationMetrics': {
          inputTokenCount: 20,
          outputTokenCount: 40,
          invocationLatency: 1200,
          firstByteLatency: 400,
        },
      }),
    ])
    expect(invoke.response!.stream!(readFrames('aws-eventstream', bytes), claudeWire(true))).toEqual({
      kind: 'chat',
      id: 'msg_bdrk_01',
      model: 'claude-sonnet-4-5-20250929',
      blocks: [
        {
          type: 'toolCall',
          call: { id: 'toolu_bdrk_01', name: 'get_weather', arguments: '{"city":"Paris"}' },
        },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 20, outputTokens: 40 },
    })
  })

  test('an exception in the invoke stream throws', () => {
    const bytes = eventStream([
      chunk({
        type: 'message_start',
        message: { id: 'msg_bdrk_02', model: 'm', content: [], usage: { input_tokens: 1, output_tokens: 1 } },
      }),
      {
        headers: {
          ':exception-type': 'modelTimeoutException',
          ':message-type': 'exception',
          ':content-type': 'application/json',
        },
        body: { message: 'Model has timed out in processing the request.' },
      },
    ])
    expect(() => invoke.response!.stream!(readFrames('aws-eventstream', bytes), claudeWire(true))).toThrow(
      /modelTimeoutException: Model has timed out/,
    )
  })
})

describe('InvokeModel for Nova as Bedrock sends it', () => {
  test("Nova's body, with its own cache counter names", () => {
    const body = {
      output: { message: { content: [{ text: 'Paris is sunny.' }], role: 'assistant' } },
      stopReason: 'end_turn',
      usage: {
        inputTokens: 7,
        outputTokens: 5,
        totalTokens: 112,
        cacheReadInputTokenCount: 100,
        cacheWriteInputTokenCount: 0,
      },
    }
    expect(invoke.response!.json(body, novaWire(false))).toEqual({
      kind: 'chat',
      blocks: [{ type: 'text', text: 'Paris is sunny.' }],
      finishReason: 'stop',
      usage: { inputTokens: 107, outputTokens: 5 },
    })
  })

  test('chunks keyed by event type; invocation metrics fill in usage the events leave out', () => {
    const bytes = eventStream([
      chunk({ messageStart: { role: 'assistant' } }),
      chunk({ contentBlockDelta: { delta: { text: 'Paris ' }, contentBlockIndex: 0 } }),
      chunk({ contentBlockDelta: { delta: { text: 'is sunny.' }, contentBlockIndex: 0 } }),
      chunk({ contentBlockStop: { contentBlockIndex: 0 } }),
      chunk({ messageStop: { stopReason: 'max_tokens' } }),
      chunk({
        metadata: { usage: { outputTokens: 9 }, metrics: {}, trace: {} },
        'amazon-bedrock-invocationMetrics': {
          inputTokenCount: 33,
          outputTokenCount: 9,
          invocationLatency: 300,
          firstByteLatency: 120,
        },
      }),
    ])
    expect(invoke.response!.stream!(readFrames('aws-eventstream', bytes), novaWire(true))).toEqual({
      kind: 'chat',
      blocks: [{ type: 'text', text: 'Paris is sunny.' }],
      finishReason: 'length',
      usage: { inputTokens: 33, outputTokens: 9 },
    })
  })
})

describe('errors', () => {
  test('the exception from x-amzn-ErrorType, namespaces and URIs stripped; retry-after', () => {
    const headers = new Headers({
      'x-amzn-ErrorType': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/',
      'x-amzn-RequestId': '7d1b2a3c-0000-4000-8000-000000000000',
      'retry-after': '3',
    })
    const body = { message: 'Too many requests, please wait before trying again.' }
    expect(converse.response!.error!(429, body, headers)).toEqual({
      kind: 'error',
      status: 429,
      type: 'ThrottlingException',
      message: 'Too many requests, please wait before trying again.',
      retryAfter: 3,
    })
  })

  test('without the header: the body’s __type names it; Message is read too', () => {
    const body = { __type: 'com.amazonaws.bedrock#ValidationException', Message: 'Malformed input request' }
    expect(invoke.response!.error!(400, body, new Headers())).toEqual({
      kind: 'error',
      status: 400,
      type: 'ValidationException',
      message: 'Malformed input request',
    })
  })

  test('a body in no known shape still becomes an error', () => {
    expect(converse.response!.error!(503, 'Service Unavailable', new Headers())).toEqual({
      kind: 'error',
      status: 503,
      message: 'Service Unavailable',
    })
  })
})
