import { describe, expect, test } from 'vitest'
import { realtimeRecording } from './decode-events'

const done = (response: Record<string, unknown>) => ({ type: 'response.done', event_id: 'e', response })

describe('realtimeRecording', () => {
  test('ends on response.done or error, not on deltas', () => {
    expect(realtimeRecording.ends({ type: 'response.output_text.delta' })).toBe(false)
    expect(realtimeRecording.ends({ type: 'response.done' })).toBe(true)
    expect(realtimeRecording.ends({ type: 'error' })).toBe(true)
  })

  test('an audio answer (GA and beta parts) is its transcript; function calls keep their call_id; usage', () => {
    const result = realtimeRecording.read([
      done({
        id: 'resp_1',
        status: 'completed',
        output: [
          {
            type: 'message',
            content: [
              { type: 'output_audio', transcript: 'It is ' },
              { type: 'audio', transcript: 'noon.' },
            ],
          },
          { type: 'function_call', name: 'clock', call_id: 'call_9', arguments: '{"tz":"UTC"}' },
        ],
        usage: { input_tokens: 7, output_tokens: 12 },
      }),
    ])
    expect(result).toEqual({
      kind: 'chat',
      id: 'resp_1',
      blocks: [
        { type: 'text', text: 'It is noon.' },
        { type: 'toolCall', call: { id: 'call_9', name: 'clock', arguments: '{"tz":"UTC"}' } },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 7, outputTokens: 12 },
    })
  })

  test('an incomplete response is cut short (length); a failed one and an error event throw their reason', () => {
    const incomplete = realtimeRecording.read([
      done({
        status: 'incomplete',
        output: [{ type: 'message', content: [{ type: 'output_text', text: 'Part' }] }],
      }),
    ])
    expect(incomplete.finishReason).toBe('length')
    expect(() =>
      realtimeRecording.read([
        done({ status: 'failed', status_details: { error: { code: 'x' } }, output: [] }),
      ]),
    ).toThrow(/ended failed .*"code":"x"/)
    expect(() =>
      realtimeRecording.read([
        { type: 'error', error: { code: 'rate_limit_exceeded', message: 'slow down' } },
      ]),
    ).toThrow('Realtime error event: rate_limit_exceeded: slow down')
  })
})
