/**
 * Record, then replay, through cohere-ai's CohereClientV2: chat and chatStream (text, the tool loop with a
 * tool plan and a tool message, thinking), and embed by type.
 */
import { Cohere, CohereClientV2 } from 'cohere-ai'
import { describe, expect, test } from 'vitest'
import { REASONING_TEXT, WEATHER_TEXT } from './fake-upstream'
import { recordedEntries, recordThenReplay, TEST_KEY } from './harness'

const MODEL = 'command-a-03-2025'
const client = (url: string) => new CohereClientV2({ token: TEST_KEY, environment: url, maxRetries: 0 })
const tools: Cohere.ToolV2[] = [
  { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
]

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of stream) items.push(item)
  return items
}

/**
 * What a client reads of a chat answer: its message, finish reason and token counts. The counts are
 * `usage.tokens` (what the model read and wrote): a recording keeps one input and one output count, and
 * replay writes them as both `tokens` and `billed_units`, so the (smaller) billed units are not kept.
 */
interface Seen {
  id?: string
  content: Array<{ type: string; text?: string; thinking?: string }>
  toolPlan?: string
  toolCalls: Array<{ id?: string; name?: string; arguments?: string }>
  finishReason?: string
  tokens: { input?: number; output?: number }
}

function seenChat(response: Cohere.V2ChatResponse): Seen {
  return {
    id: response.id,
    content: (response.message.content ?? []).map((c) =>
      c.type === 'text'
        ? { type: 'text', text: c.text }
        : { type: c.type, thinking: (c as { thinking?: string }).thinking },
    ),
    toolPlan: response.message.toolPlan,
    toolCalls: (response.message.toolCalls ?? []).map((c) => ({
      id: c.id,
      name: c.function?.name,
      arguments: c.function?.arguments,
    })),
    finishReason: response.finishReason,
    tokens: {
      input: response.usage?.tokens?.inputTokens,
      output: response.usage?.tokens?.outputTokens,
    },
  }
}

/** chatStream's typed events accumulated as a client does. */
function seenStream(events: Cohere.V2ChatStreamResponse[]): Seen {
  const seen: Seen = { content: [], toolCalls: [], tokens: {} }
  for (const event of events) {
    switch (event.type) {
      case 'message-start':
        seen.id = event.id
        break
      case 'content-start': {
        const content = event.delta?.message?.content
        seen.content[event.index ?? 0] = {
          type: content?.type ?? 'text',
          ...(content?.type === 'thinking' ? { thinking: '' } : { text: '' }),
        }
        break
      }
      case 'content-delta': {
        const block = seen.content[event.index ?? 0]!
        const delta = event.delta?.message?.content as { text?: string; thinking?: string } | undefined
        if (delta?.text !== undefined) block.text = (block.text ?? '') + delta.text
        if (delta?.thinking !== undefined) block.thinking = (block.thinking ?? '') + delta.thinking
        break
      }
      case 'tool-plan-delta':
        seen.toolPlan = (seen.toolPlan ?? '') + (event.delta?.message?.toolPlan ?? '')
        break
      case 'tool-call-start': {
        const call = event.delta?.message?.toolCalls
        seen.toolCalls[event.index ?? 0] = {
          id: call?.id,
          name: call?.function?.name,
          arguments: call?.function?.arguments ?? '',
        }
        break
      }
      case 'tool-call-delta': {
        const call = seen.toolCalls[event.index ?? 0]!
        call.arguments += event.delta?.message?.toolCalls?.function?.arguments ?? ''
        break
      }
      case 'message-end':
        seen.finishReason = event.delta?.finishReason
        seen.tokens = {
          input: event.delta?.usage?.tokens?.inputTokens,
          output: event.delta?.usage?.tokens?.outputTokens,
        }
        break
    }
  }
  seen.content = seen.content.filter(Boolean)
  return seen
}

async function ask(
  url: string,
  stream: boolean,
  request: Omit<Cohere.V2ChatRequest, 'model'> & { model?: string },
) {
  const body = { model: MODEL, ...request }
  if (!stream) return seenChat(await client(url).chat(body))
  return seenStream(await collect(await client(url).chatStream(body)))
}

async function toolLoop(url: string, stream: boolean) {
  const question: Cohere.ChatMessageV2 = { role: 'user', content: 'weather in Paris?' }
  const first = await ask(url, stream, { messages: [question], tools })
  const call = first.toolCalls[0]
  if (!call?.id) throw new Error('expected a tool call')
  const second = await ask(url, stream, {
    tools,
    messages: [
      question,
      {
        role: 'assistant',
        toolPlan: first.toolPlan,
        toolCalls: first.toolCalls.map((c) => ({
          id: c.id ?? '',
          type: 'function' as const,
          function: { name: c.name, arguments: c.arguments },
        })),
      },
      { role: 'tool', toolCallId: call.id, content: 'sunny, 21°C' },
    ],
  })
  return { first, second }
}

describe('Cohere v2 through cohere-ai: record, then replay', () => {
  for (const stream of [false, true]) {
    test(`${stream ? 'chatStream' : 'chat'}: text, COMPLETE and the token counts`, async () => {
      const run = await recordThenReplay('cohere', (url) =>
        ask(url, stream, { messages: [{ role: 'user', content: 'hello cohere, how are you' }] }),
      )
      expect(run.fake.requests[0]!.route).toBe('cohere.chat')
      expect(run.replayed).toMatchObject({
        content: [{ type: 'text', text: 'Echo: hello cohere, how are you' }],
        finishReason: 'COMPLETE',
        toolCalls: [],
      })
      expect(run.replayed.tokens.output).toBeGreaterThan(0)
      if (stream) expect(recordedEntries(run)[0]).toHaveProperty('recordedTimings.ttftMs')
    })
  }

  for (const stream of [false, true]) {
    test(`the tool loop ${stream ? 'streamed' : 'as JSON'}: a tool plan and call, then the answer to the tool message`, async () => {
      const run = await recordThenReplay('cohere', (url) => toolLoop(url, stream))
      expect(run.upstreamCalls).toBe(2)
      const { first, second } = run.replayed
      expect(first.finishReason).toBe('TOOL_CALL')
      expect(first.toolPlan).toBe('I will call get_weather to answer the question.')
      expect(first.toolCalls).toEqual([
        { id: expect.stringMatching(/^get_weather_/), name: 'get_weather', arguments: '{"city":"Paris"}' },
      ])
      expect(second.content).toEqual([{ type: 'text', text: WEATHER_TEXT }])
      expect(second.finishReason).toBe('COMPLETE')
      expect(recordedEntries(run).map((e) => [e.match.turnIndex, e.match.hasToolResult])).toEqual([
        [0, false],
        [1, true],
      ])
    })
  }

  for (const stream of [false, true]) {
    test(`thinking ${stream ? 'streamed' : 'as JSON'}: the thinking item replays before the text`, async () => {
      const run = await recordThenReplay(
        'cohere',
        (url) =>
          ask(url, stream, {
            model: 'command-a-reasoning-08-2025',
            messages: [{ role: 'user', content: 'think first' }],
            thinking: { type: 'enabled' },
          }),
        { script: { reasoning: true } },
      )
      expect(run.replayed.content).toEqual([
        { type: 'thinking', thinking: REASONING_TEXT },
        { type: 'text', text: 'Echo: think first' },
      ])
    })
  }

  test('embed: float vectors, one per text, replay as recorded', async () => {
    const run = await recordThenReplay('cohere', async (url) => {
      const response = await client(url).embed({
        model: 'embed-v4.0',
        texts: ['first text', 'second text'],
        inputType: 'search_document',
        embeddingTypes: ['float'],
      })
      return response.embeddings.float
    })
    expect(run.fake.requests[0]!.route).toBe('cohere.embed')
    expect(run.replayed).toHaveLength(2)
    expect(run.replayed![0]).toHaveLength(8)
    expect(run.replayed![0]).not.toEqual(run.replayed![1])
  })

  test('embed by several types: float and base64 replay exactly, int8 as a quantization of the same vector', async () => {
    const run = await recordThenReplay('cohere', async (url) => {
      const { embeddings } = await client(url).embed({
        model: 'embed-v4.0',
        texts: ['first text', 'second text'],
        inputType: 'search_document',
        embeddingTypes: ['float', 'int8', 'base64'],
      })
      // A recording keeps the float vectors; replay quantizes them again, its own way (Cohere's own int8
      // calibration is not public), so int8 is compared by sign, which any quantization keeps.
      return {
        float: embeddings.float,
        base64: embeddings.base64,
        int8Signs: embeddings.int8?.map((v) => v.map(Math.sign)),
        int8InRange: embeddings.int8?.every((v) =>
          v.every((x) => Number.isInteger(x) && x >= -128 && x <= 127),
        ),
      }
    })
    expect(run.replayed.float).toHaveLength(2)
    expect(run.replayed.base64).toHaveLength(2)
    const decoded = Array.from(
      new Float32Array(new Uint8Array(Buffer.from(run.replayed.base64![0]!, 'base64')).buffer),
    )
    expect(decoded).toEqual(run.replayed.float![0]!.map(Math.fround))
    expect(run.replayed.int8Signs).toEqual(run.replayed.float!.map((v) => v.map(Math.sign)))
    expect(run.replayed.int8InRange).toBe(true)
  })
})
