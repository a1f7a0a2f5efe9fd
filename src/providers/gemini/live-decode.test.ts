import { describe, expect, test } from 'vitest'
import { liveRecording } from './live-decode'

describe('liveRecording', () => {
  test('ends on turnComplete or a toolCall', () => {
    expect(liveRecording.ends({ serverContent: { modelTurn: { parts: [{ text: 'a' }] } } })).toBe(false)
    expect(liveRecording.ends({ serverContent: { turnComplete: true } })).toBe(true)
    expect(liveRecording.ends({ toolCall: { functionCalls: [] } })).toBe(true)
  })

  test('text parts (thoughts left out), else the output transcription; function calls; usage', () => {
    const spoken = liveRecording.read([
      { serverContent: { modelTurn: { parts: [{ inlineData: { mimeType: 'audio/pcm', data: 'AAAA' } }] } } },
      { serverContent: { outputTranscription: { text: 'Hello ' } } },
      { serverContent: { outputTranscription: { text: 'there.' } } },
      {
        serverContent: { turnComplete: true },
        usageMetadata: { promptTokenCount: 3, responseTokenCount: 4 },
      },
    ])
    expect(spoken).toEqual({
      kind: 'chat',
      blocks: [{ type: 'text', text: 'Hello there.' }],
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 4 },
    })
    const calling = liveRecording.read([
      {
        serverContent: { modelTurn: { parts: [{ text: 'thinking', thought: true }, { text: 'Checking.' }] } },
      },
      {
        toolCall: { functionCalls: [{ id: 'fc-1', name: 'get_weather', args: { city: 'Rome' } }] },
        usageMetadata: { candidatesTokenCount: 2 },
      },
    ])
    expect(calling).toEqual({
      kind: 'chat',
      blocks: [
        { type: 'text', text: 'Checking.' },
        { type: 'toolCall', call: { id: 'fc-1', name: 'get_weather', arguments: '{"city":"Rome"}' } },
      ],
      finishReason: 'tool_calls',
      usage: { outputTokens: 2 },
    })
  })
})
