import { createOpenAI } from '@ai-sdk/openai'
import { embed, generateText, stepCountIs, streamText, tool } from 'ai'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { startOpenAIMock, type OpenAIMock } from '../helpers/mock-server'

let server: OpenAIMock
let provider: ReturnType<typeof createOpenAI>
beforeAll(async () => {
  server = await startOpenAIMock()
  provider = createOpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test-key' })
})
afterAll(() => server.close())
beforeEach(() => server.mock.reset())

// The provider's default model speaks the Responses API; standin serves Chat Completions for now.
const model = () => provider.chat('gpt-4o')

const weather = tool({
  description: 'Current weather for a city',
  inputSchema: z.object({ city: z.string(), unit: z.enum(['c', 'f']) }),
})

describe('Vercel AI SDK through @ai-sdk/openai', () => {
  test('generateText returns the fixture text, finish reason and usage', async () => {
    server.mock.onMessage('hello', {
      content: 'Hello from standin',
      usage: { prompt_tokens: 9, completion_tokens: 4 },
    })
    const result = await generateText({ model: model(), prompt: 'hello there', maxRetries: 0 })
    expect(result.text).toBe('Hello from standin')
    expect(result.finishReason).toBe('stop')
    expect(result.usage.inputTokens).toBe(9)
    expect(result.usage.outputTokens).toBe(4)
    expect(server.mock.journal.last()!.surface).toBe('openai.chat')
  })

  test('generateText passes the system prompt, which fixtures can match', async () => {
    server.mock.on({ systemMessage: 'pirate' }, { content: 'Arr!' })
    const result = await generateText({
      model: model(),
      system: 'You are a pirate.',
      prompt: 'greet me',
      maxRetries: 0,
    })
    expect(result.text).toBe('Arr!')
  })

  test('streamText streams the text in several parts', async () => {
    server.mock.onMessage('story', { content: 'Once upon a time, a mock stood in.' }, { chunkSize: 6 })
    const result = streamText({ model: model(), prompt: 'tell a story', maxRetries: 0 })
    const parts: string[] = []
    for await (const part of result.textStream) parts.push(part)
    expect(parts.length).toBeGreaterThan(1)
    expect(parts.join('')).toBe('Once upon a time, a mock stood in.')
    expect(await result.finishReason).toBe('stop')
  })

  test('generateText returns tool calls with parsed, schema-checked input', async () => {
    server.mock.onToolCall('weather', {
      toolCalls: [{ name: 'weather', arguments: { city: 'Oslo', unit: 'c' } }],
    })
    const result = await generateText({
      model: model(),
      prompt: 'weather in Oslo?',
      tools: { weather },
      maxRetries: 0,
    })
    expect(result.finishReason).toBe('tool-calls')
    expect(result.toolCalls).toHaveLength(1)
    expect(result.toolCalls[0]).toMatchObject({ toolName: 'weather', input: { city: 'Oslo', unit: 'c' } })
    expect(result.toolCalls[0]!.toolCallId).toMatch(/^call_/)
    const request = server.mock.journal.last()!.request
    expect(request?.kind === 'chat' && request.tools.map((t) => t.name)).toEqual(['weather'])
  })

  test('streamText streams tool calls and their parsed input', async () => {
    server.mock.onToolCall(
      'weather',
      { toolCalls: [{ name: 'weather', arguments: { city: 'Lima', unit: 'f' } }] },
      { chunkSize: 5 },
    )
    const result = streamText({
      model: model(),
      prompt: 'weather in Lima?',
      tools: { weather },
      maxRetries: 0,
    })
    const deltas: string[] = []
    for await (const part of result.fullStream) if (part.type === 'tool-input-delta') deltas.push(part.delta)
    const calls = await result.toolCalls
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({ toolName: 'weather', input: { city: 'Lima', unit: 'f' } })
    expect(deltas.length).toBeGreaterThan(1)
    expect(JSON.parse(deltas.join(''))).toEqual({ city: 'Lima', unit: 'f' })
  })

  test('a tool loop: the tool result goes back and a toolCallId fixture answers it', async () => {
    // First match wins and the second request still offers the tool: the more specific fixture goes first.
    server.mock.onToolResult('call_rome', { content: 'It is 25°C in Rome.' })
    server.mock.onToolCall('weather', {
      toolCalls: [{ name: 'weather', arguments: { city: 'Rome', unit: 'c' }, id: 'call_rome' }],
    })
    const result = await generateText({
      model: model(),
      prompt: 'weather in Rome?',
      tools: { weather: tool({ ...weather, execute: async ({ city }) => ({ city, celsius: 25 }) }) },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
    })
    expect(result.text).toBe('It is 25°C in Rome.')
    expect(result.steps).toHaveLength(2)
    const second = server.mock.journal.last()!.request
    const toolMessage = second?.kind === 'chat' ? second.messages.at(-1) : undefined
    expect(toolMessage?.toolResult).toMatchObject({ toolCallId: 'call_rome', name: 'weather' })
    expect(JSON.parse(toolMessage!.toolResult!.content)).toEqual({ city: 'Rome', celsius: 25 })
  })

  test('embed returns the fixture vector', async () => {
    server.mock.onEmbedding('vector me', [0.5, 0.25, -1])
    const { embedding } = await embed({
      model: provider.textEmbeddingModel('text-embedding-3-small'),
      value: 'vector me',
      maxRetries: 0,
    })
    expect(embedding).toEqual([0.5, 0.25, -1])
  })
})
