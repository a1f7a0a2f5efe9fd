/**
 * Record, then replay, through @anthropic-ai/sdk: an agent loop (tool_use, then the answer after the
 * tool_result) and a streamed answer with thinking and its signature, against the fake upstream.
 */
import Anthropic from '@anthropic-ai/sdk'
import { describe, expect, test } from 'vitest'
import { REASONING_TEXT, WEATHER_TEXT } from './fake-upstream'
import { recordThenReplay, TEST_KEY } from './harness'

const tools = [{ name: 'get_weather', input_schema: { type: 'object' as const } }]
const client = (url: string) => new Anthropic({ baseURL: url, apiKey: TEST_KEY, maxRetries: 0 })

async function agentLoop(url: string, stream: boolean) {
  const anthropic = client(url)
  const ask = async (messages: Anthropic.MessageParam[]) =>
    stream
      ? anthropic.messages
          .stream({ model: 'claude-opus-4-6', max_tokens: 100, tools, messages })
          .finalMessage()
      : anthropic.messages.create({ model: 'claude-opus-4-6', max_tokens: 100, tools, messages })
  const first = await ask([{ role: 'user', content: 'weather in Paris?' }])
  const use = first.content.find((b) => b.type === 'tool_use')
  if (use?.type !== 'tool_use') throw new Error('expected a tool_use block')
  const second = await ask([
    { role: 'user', content: 'weather in Paris?' },
    { role: 'assistant', content: first.content },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'sunny, 21°C' }] },
  ])
  return { first: { content: first.content, stop: first.stop_reason, id: first.id }, second: second.content }
}

describe('Anthropic Messages: record, then replay', () => {
  for (const stream of [false, true]) {
    test(`the agent loop ${stream ? 'streamed' : 'as JSON'}: each turn replays its own answer`, async () => {
      const run = await recordThenReplay('anthropic', (url) => agentLoop(url, stream))
      expect(run.upstreamCalls).toBe(2)
      expect(run.replayed.first.stop).toBe('tool_use')
      expect(run.replayed.first.content).toContainEqual(
        expect.objectContaining({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } }),
      )
      expect(run.replayed.second).toEqual([expect.objectContaining({ type: 'text', text: WEATHER_TEXT })])
      const entries = [...run.files.values()].flatMap((file) => file.fixtures)
      expect(entries.map((e) => [e.match.turnIndex, e.match.hasToolResult])).toEqual(
        expect.arrayContaining([
          [0, false],
          [1, true],
        ]),
      )
      if (stream) {
        for (const entry of entries) expect(entry).toHaveProperty('recordedTimings.ttftMs')
      }
    })
  }

  test('streamed thinking keeps its text and signature', async () => {
    const run = await recordThenReplay(
      'anthropic',
      async (url) => {
        const message = await client(url)
          .messages.stream({
            model: 'claude-opus-4-6',
            max_tokens: 2048,
            thinking: { type: 'enabled', budget_tokens: 1024 },
            messages: [{ role: 'user', content: 'think first' }],
          })
          .finalMessage()
        return message.content
      },
      { script: { reasoning: true } },
    )
    const thinking = run.replayed.find((b) => b.type === 'thinking')
    expect(thinking).toMatchObject({ type: 'thinking', thinking: REASONING_TEXT })
    expect(thinking?.type === 'thinking' && thinking.signature.length).toBeGreaterThan(10)
  })
})
