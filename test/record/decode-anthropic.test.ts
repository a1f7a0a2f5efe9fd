/**
 * Record mode's decoder for Anthropic Messages: encode → decode round trips (JSON and SSE), and answers
 * exactly as the API sends them (fields standin never writes, `ping`, cache usage, server tools, errors).
 */
import { describe, expect, test } from 'vitest'
import { messagesSurface } from '../../src/providers/anthropic/messages'
import type { ChatSurface, DecodeContext } from '../../src/providers/provider'
import { readFrames } from '../../src/record/frames'
import { roundTripChat } from '../helpers/round-trip'
import { CASES, readBack } from './anthropic-cases'

// The round-trip helper takes any chat surface; the wire is this surface's own.
const surface = messagesSurface as ChatSurface<any>
const decoding = messagesSurface.response!

function wireOf(stream: boolean): unknown {
  const context: DecodeContext = {
    url: new URL('https://api.anthropic.com/v1/messages'),
    params: {},
    headers: new Headers({ 'anthropic-version': '2023-06-01' }),
    memory: new Map(),
  }
  const body = {
    model: 'claude-sonnet-4-6',
    max_tokens: 1024,
    stream,
    messages: [{ role: 'user', content: 'What is the weather in Paris and Tokyo?' }],
    tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
  }
  return messagesSurface.decode(body, context).wire
}

describe('round trips', () => {
  for (const { name, result } of CASES) {
    test(`JSON: ${name}`, async () => {
      const decoded = await roundTripChat(surface, wireOf(false), result, { stream: false })
      expect(decoded).toEqual(readBack(result, ['id', 'model']))
    })
    for (const chunkSize of [1, 5, 1000]) {
      test(`SSE, chunks of ${chunkSize}: ${name}`, async () => {
        const decoded = await roundTripChat(surface, wireOf(true), result, {
          stream: true,
          chunkSize,
        })
        expect(decoded).toEqual(readBack(result, ['id', 'model']))
      })
    }
  }
})

describe('a Message as the API sends it', () => {
  test('thinking, text, a tool use with a caller, cache usage and the fields standin never writes', () => {
    const body = {
      id: 'msg_013Zva2CMHLNnXjNJJKqJ2EF',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [
        {
          type: 'thinking',
          thinking: 'The user wants the weather. I will call the tool.',
          signature: 'ErUBCkYIBxgCIkB0UjV...',
        },
        { type: 'text', text: "I'll look that up.", citations: null },
        {
          type: 'tool_use',
          id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
          name: 'get_weather',
          input: { location: 'San Francisco, CA', unit: 'fahrenheit' },
          caller: { type: 'direct' },
        },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      stop_details: null,
      container: null,
      diagnostics: null,
      usage: {
        input_tokens: 472,
        cache_creation_input_tokens: 100,
        cache_read_input_tokens: 2048,
        cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 0 },
        output_tokens: 91,
        output_tokens_details: { thinking_tokens: 40 },
        server_tool_use: null,
        service_tier: 'standard',
        inference_geo: 'us',
        speed: 'standard',
      },
    }
    expect(decoding.json(body, {})).toEqual({
      kind: 'chat',
      id: 'msg_013Zva2CMHLNnXjNJJKqJ2EF',
      model: 'claude-sonnet-4-5-20250929',
      reasoning: 'The user wants the weather. I will call the tool.',
      reasoningSignature: 'ErUBCkYIBxgCIkB0UjV...',
      blocks: [
        { type: 'text', text: "I'll look that up." },
        {
          type: 'toolCall',
          call: {
            id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
            name: 'get_weather',
            arguments: '{"location":"San Francisco, CA","unit":"fahrenheit"}',
          },
        },
      ],
      finishReason: 'tool_calls',
      // The whole prompt: 472 uncached + 100 written to the cache + 2048 read from it.
      usage: { inputTokens: 2620, outputTokens: 91, reasoningTokens: 40 },
    })
  })

  test('server tools ran upstream: their blocks are skipped, the text kept in order', () => {
    const body = {
      id: 'msg_01',
      type: 'message',
      role: 'assistant',
      model: 'claude-opus-4-1',
      content: [
        { type: 'text', text: "I'll search for that." },
        {
          type: 'server_tool_use',
          id: 'srvtoolu_01',
          name: 'web_search',
          input: { query: 'claude shannon birth date' },
        },
        {
          type: 'web_search_tool_result',
          tool_use_id: 'srvtoolu_01',
          content: [
            {
              type: 'web_search_result',
              url: 'https://en.wikipedia.org/wiki/Claude_Shannon',
              title: 'Claude Shannon',
              encrypted_content: 'EqgfCioIARgB...',
              page_age: 'April 30, 2025',
            },
          ],
        },
        {
          type: 'text',
          text: 'Claude Shannon was born on April 30, 1916.',
          citations: [
            {
              type: 'web_search_result_location',
              url: 'https://en.wikipedia.org/wiki/Claude_Shannon',
              title: 'Claude Shannon',
              encrypted_index: 'Eo8BCioIAhgB...',
              cited_text: 'Claude Elwood Shannon (April 30, 1916 ...',
            },
          ],
        },
      ],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 6039, output_tokens: 931, server_tool_use: { web_search_requests: 1 } },
    }
    expect(decoding.json(body, {})).toEqual({
      kind: 'chat',
      id: 'msg_01',
      model: 'claude-opus-4-1',
      blocks: [
        { type: 'text', text: "I'll search for that." },
        { type: 'text', text: 'Claude Shannon was born on April 30, 1916.' },
      ],
      finishReason: 'stop',
      usage: { inputTokens: 6039, outputTokens: 931 },
    })
  })

  test.each([
    ['end_turn', 'stop', undefined],
    ['tool_use', 'tool_calls', undefined],
    ['max_tokens', 'length', undefined],
    ['refusal', 'content_filter', undefined],
    ['stop_sequence', 'stop', 'stop_sequence'],
    ['pause_turn', 'stop', 'pause_turn'],
    ['model_context_window_exceeded', 'length', 'model_context_window_exceeded'],
    ['a_reason_added_later', 'stop', 'a_reason_added_later'],
  ])('stop_reason %s is %s (native %s)', (stopReason, finishReason, native) => {
    const body = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-4-5',
      content: [{ type: 'text', text: 'x' }],
      stop_reason: stopReason,
      stop_sequence: stopReason === 'stop_sequence' ? '###' : null,
      usage: { input_tokens: 1, output_tokens: 1 },
    }
    const decoded = decoding.json(body, {})
    expect(decoded.finishReason).toBe(finishReason)
    expect(decoded.nativeFinishReason).toBe(native)
  })

  test('several thinking blocks (interleaved thinking) join; the first signature is kept', () => {
    const body = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-6',
      content: [
        { type: 'thinking', thinking: 'First.', signature: 'sig-1' },
        { type: 'redacted_thinking', data: 'EmwKAhgB' },
        { type: 'text', text: 'Answer.' },
        { type: 'thinking', thinking: 'Second.', signature: 'sig-2' },
      ],
      stop_reason: 'end_turn',
      usage: { input_tokens: 3, output_tokens: 4 },
    }
    const decoded = decoding.json(body, {})
    expect(decoded.reasoning).toBe('First.\n\nSecond.')
    expect(decoded.reasoningSignature).toBe('sig-1')
    expect(decoded.redactedReasoning).toEqual(['EmwKAhgB'])
  })

  test('a thinking block whose text is withheld keeps its signature; its empty text joins nothing', () => {
    const body = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-opus-4-7',
      content: [
        { type: 'thinking', thinking: '', signature: 'sig-omitted' },
        { type: 'text', text: 'Answer.' },
        { type: 'thinking', thinking: 'Visible.', signature: 'sig-2' },
      ],
      stop_reason: 'end_turn',
      usage: { input_tokens: 3, output_tokens: 4 },
    }
    const decoded = decoding.json(body, {})
    expect(decoded.reasoning).toBe('Visible.')
    expect(decoded.reasoningSignature).toBe('sig-omitted')
  })

  test('bodies that are not a Message throw', () => {
    expect(() => decoding.json([], {})).toThrow(/not a JSON object/)
    expect(() => decoding.json({ id: 'msg_1', type: 'message' }, {})).toThrow(/content/)
    expect(() => decoding.json({ id: 'msg_1', content: [], usage: {} }, {})).toThrow(/stop_reason/)
    expect(() =>
      decoding.json({ content: [{ type: 'tool_use', name: 'x', input: {} }], stop_reason: 'tool_use' }, {}),
    ).toThrow(/content\[0\]\.id/)
    expect(() => decoding.json({ type: 'error', error: { type: 'api_error', message: 'boom' } }, {})).toThrow(
      /api_error: boom/,
    )
  })
})

/** An SSE body as the API streams it, from Anthropic's streaming documentation. */
const REAL_STREAM = `event: message_start
data: {"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","stop_sequence":null,"usage":{"input_tokens":472,"cache_creation_input_tokens":0,"cache_read_input_tokens":1024,"output_tokens":2},"content":[],"stop_reason":null}}

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

event: ping
data: {"type": "ping"}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"I need to find "}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"the weather."}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds..."}}

event: content_block_stop
data: {"type":"content_block_stop","index":0}

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Okay, let's check "}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"the weather for San Francisco, CA:"}}

event: content_block_stop
data: {"type":"content_block_stop","index":1}

event: content_block_start
data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\\"location\\":"}}

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":" \\"San Francisc"}}

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"o, CA\\", \\"unit\\": \\"fahrenheit\\"}"}}

event: content_block_stop
data: {"type":"content_block_stop","index":2}

event: content_block_start
data: {"type":"content_block_start","index":3,"content_block":{"type":"tool_use","id":"toolu_02","name":"get_time","input":{}}}

event: content_block_stop
data: {"type":"content_block_stop","index":3}

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

event: message_stop
data: {"type":"message_stop"}

`

describe('a stream as the API sends it', () => {
  test('thinking with its signature, text, tool input fragments, ping, usage from message_delta', () => {
    expect(decoding.stream!(readFrames('sse', REAL_STREAM), {})).toEqual({
      kind: 'chat',
      id: 'msg_014p7gG3wDgGV9EUtLvnow3U',
      model: 'claude-sonnet-4-5-20250929',
      reasoning: 'I need to find the weather.',
      reasoningSignature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds...',
      blocks: [
        { type: 'text', text: "Okay, let's check the weather for San Francisco, CA:" },
        {
          type: 'toolCall',
          call: {
            id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
            name: 'get_weather',
            arguments: '{"location": "San Francisco, CA", "unit": "fahrenheit"}',
          },
        },
        // A tool without parameters streams no fragments: its input is the start's `{}`.
        { type: 'toolCall', call: { id: 'toolu_02', name: 'get_time', arguments: '{}' } },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 1496, outputTokens: 89 },
    })
  })

  test('message_delta counters replace message_start ones; nulls do not', () => {
    const frames = [
      {
        event: 'message_start',
        data: {
          type: 'message_start',
          message: {
            id: 'msg_1',
            model: 'm',
            content: [],
            usage: { input_tokens: 10, cache_read_input_tokens: 5, output_tokens: 1 },
          },
        },
      },
      {
        event: 'message_delta',
        data: {
          type: 'message_delta',
          delta: { stop_reason: 'end_turn', stop_sequence: null },
          usage: {
            input_tokens: 12,
            cache_read_input_tokens: null,
            output_tokens: 30,
            output_tokens_details: { thinking_tokens: 7 },
          },
        },
      },
      { event: 'message_stop', data: { type: 'message_stop' } },
    ]
    expect(decoding.stream!(frames, {}).usage).toEqual({
      inputTokens: 17,
      outputTokens: 30,
      reasoningTokens: 7,
    })
  })

  test('unknown events and deltas are skipped; a redacted thinking block is kept', () => {
    const frames = readFrames(
      'sse',
      [
        'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_2","type":"message","role":"assistant","model":"claude-3-7-sonnet-20250219","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1}}}',
        'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix"}}',
        'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}',
        'event: some_future_event\ndata: {"type":"some_future_event","detail":1}',
        'event: content_block_start\ndata: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":"","citations":null}}',
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":1,"delta":{"type":"citations_delta","citation":{"type":"char_location","cited_text":"x"}}}',
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":1,"delta":{"type":"future_delta","value":1}}',
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Hi"}}',
        'event: content_block_stop\ndata: {"type":"content_block_stop","index":1}',
        'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"stop_sequence","stop_sequence":"###"},"usage":{"output_tokens":3}}',
        'event: message_stop\ndata: {"type":"message_stop"}',
        '',
      ].join('\n\n'),
    )
    expect(decoding.stream!(frames, {})).toEqual({
      kind: 'chat',
      id: 'msg_2',
      model: 'claude-3-7-sonnet-20250219',
      redactedReasoning: ['EmwKAhgBEgy3va3pzix'],
      blocks: [{ type: 'text', text: 'Hi' }],
      finishReason: 'stop',
      nativeFinishReason: 'stop_sequence',
      usage: { inputTokens: 5, outputTokens: 3 },
    })
  })

  test('an error event mid-stream throws with the error', () => {
    const frames = readFrames(
      'sse',
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_3","model":"m","content":[],"usage":{"input_tokens":1,"output_tokens":1}}}\n\n' +
        'event: error\ndata: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}\n\n',
    )
    expect(() => decoding.stream!(frames, {})).toThrow(/overloaded_error: Overloaded/)
  })

  test('a stream cut before its stop reason throws', () => {
    const cut = REAL_STREAM.slice(0, REAL_STREAM.indexOf('event: message_delta'))
    expect(() => decoding.stream!(readFrames('sse', cut), {})).toThrow(/without a stop reason/)
    expect(() => decoding.stream!([], {})).toThrow(/no message_start/)
  })
})

describe('errors', () => {
  test('the error envelope, retry-after and x-should-retry', () => {
    const body = {
      type: 'error',
      error: {
        type: 'rate_limit_error',
        message: 'Number of request tokens has exceeded your per-minute rate limit',
      },
      request_id: 'req_011CSHoEeqs5C35K2UUqR7Fy',
    }
    const headers = new Headers({
      'retry-after': '17',
      'x-should-retry': 'true',
      'request-id': 'req_011CSHoEeqs5C35K2UUqR7Fy',
    })
    expect(decoding.error!(429, body, headers)).toEqual({
      kind: 'error',
      status: 429,
      type: 'rate_limit_error',
      message: 'Number of request tokens has exceeded your per-minute rate limit',
      retryAfter: 17,
      headers: { 'x-should-retry': 'true' },
    })
  })

  test('overloaded, with an error code in details', () => {
    const body = {
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded', details: { error_code: 'some_code' } },
      request_id: null,
    }
    expect(decoding.error!(529, body, new Headers())).toEqual({
      kind: 'error',
      status: 529,
      type: 'overloaded_error',
      message: 'Overloaded',
      code: 'some_code',
    })
  })

  test('a body in no known shape still becomes an error', () => {
    expect(decoding.error!(502, '<html>Bad Gateway</html>\n', new Headers())).toEqual({
      kind: 'error',
      status: 502,
      message: '<html>Bad Gateway</html>',
    })
    expect(decoding.error!(500, undefined, new Headers()).message).toBe('upstream answered HTTP 500')
  })

  test('a retry-after date is read as seconds from now', () => {
    const at = new Date(Date.now() + 30_000).toUTCString()
    const retryAfter = decoding.error!(429, {}, new Headers({ 'retry-after': at })).retryAfter!
    expect(retryAfter).toBeGreaterThanOrEqual(28)
    expect(retryAfter).toBeLessThanOrEqual(31)
  })
})
