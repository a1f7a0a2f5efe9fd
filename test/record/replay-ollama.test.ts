/**
 * Record, then replay, through the `ollama` client: chat and generate, streamed (NDJSON) and not, the tool
 * loop (a whole tool call, then a `tool` message), thinking, and embed.
 */
import { Ollama, type ChatResponse, type Message, type Tool } from 'ollama'
import { describe, expect, test } from 'vitest'
import { REASONING_TEXT, WEATHER_TEXT } from './fake-upstream'
import { recordedEntries, recordThenReplay } from './harness'

const client = (url: string) => new Ollama({ host: url })
const tools: Tool[] = [
  { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } },
]

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of stream) items.push(item)
  return items
}

/** What a client reads of a chat answer, whole or accumulated from its lines. */
function seenChat(parts: ChatResponse[]) {
  const done = parts.at(-1)!
  return {
    content: parts.map((p) => p.message.content).join(''),
    thinking: parts.map((p) => p.message.thinking ?? '').join(''),
    toolCalls: parts.flatMap((p) => p.message.tool_calls ?? []).map((c) => c.function),
    model: done.model,
    done: done.done,
    doneReason: done.done_reason,
    promptEvalCount: done.prompt_eval_count,
    evalCount: done.eval_count,
  }
}

async function chat(
  url: string,
  stream: boolean,
  messages: Message[],
  extra: { think?: boolean; model?: string; tools?: Tool[] } = {},
) {
  const request = {
    model: extra.model ?? 'llama3.2',
    messages,
    ...(extra.tools && { tools: extra.tools }),
    ...(extra.think && { think: true }),
  }
  if (!stream) return seenChat([await client(url).chat({ ...request, stream: false })])
  return seenChat(await collect(await client(url).chat({ ...request, stream: true })))
}

describe('Ollama through the ollama client: record, then replay', () => {
  for (const stream of [false, true]) {
    test(`the tool loop ${stream ? 'streamed (NDJSON)' : 'as JSON'}: a whole tool call, then the answer to the tool message`, async () => {
      const run = await recordThenReplay('ollama', async (url) => {
        const question: Message = { role: 'user', content: 'weather in Paris?' }
        const first = await chat(url, stream, [question], { tools })
        if (first.toolCalls.length === 0) throw new Error('expected a tool call')
        const second = await chat(
          url,
          stream,
          [
            question,
            { role: 'assistant', content: '', tool_calls: first.toolCalls.map((f) => ({ function: f })) },
            { role: 'tool', content: 'sunny, 21°C', tool_name: 'get_weather' },
          ],
          { tools },
        )
        return { first, second }
      })
      expect(run.fake.requests.map((r) => r.route)).toEqual(['ollama.chat', 'ollama.chat'])
      const { first, second } = run.replayed
      // Ollama numbers each call (`function.index`); the recording keeps the order, and replay numbers them again.
      expect(first.toolCalls).toEqual([{ index: 0, name: 'get_weather', arguments: { city: 'Paris' } }])
      expect(second).toMatchObject({
        content: WEATHER_TEXT,
        done: true,
        doneReason: 'stop',
        model: 'llama3.2',
      })
      expect(second.evalCount).toBeGreaterThan(0)
      expect(recordedEntries(run).map((e) => [e.match.turnIndex, e.match.hasToolResult])).toEqual([
        [0, false],
        [1, true],
      ])
      // A stream is relayed and recorded as one, with its cadence.
      for (const entry of recordedEntries(run)) {
        if (stream) expect(entry).toHaveProperty('recordedTimings.ttftMs')
        else expect(entry).not.toHaveProperty('recordedTimings')
      }
    })
  }

  for (const stream of [false, true]) {
    test(`chat with thinking ${stream ? 'streamed' : 'as JSON'}: the thinking text replays`, async () => {
      const run = await recordThenReplay(
        'ollama',
        (url) =>
          chat(url, stream, [{ role: 'user', content: 'think about it' }], { think: true, model: 'qwen3' }),
        { script: { reasoning: true } },
      )
      expect(run.replayed).toMatchObject({
        thinking: REASONING_TEXT,
        content: 'Echo: think about it',
        model: 'qwen3',
      })
    })
  }

  for (const stream of [false, true]) {
    test(`generate ${stream ? 'streamed' : 'as JSON'}: the response text and the counts replay`, async () => {
      const run = await recordThenReplay('ollama', async (url) => {
        const request = { model: 'llama3.2', prompt: 'hello ollama, say something' }
        const parts = stream
          ? await collect(await client(url).generate({ ...request, stream: true }))
          : [await client(url).generate({ ...request, stream: false })]
        const done = parts.at(-1)!
        return {
          response: parts.map((p) => p.response).join(''),
          done: done.done,
          doneReason: done.done_reason,
          evalCount: done.eval_count,
          several: parts.length > 1,
        }
      })
      expect(run.fake.requests[0]!.route).toBe('ollama.generate')
      expect(run.replayed).toMatchObject({
        response: 'Echo: hello ollama, say something',
        done: true,
        doneReason: 'stop',
        several: stream,
      })
    })
  }

  test('embed: one vector per input, as recorded', async () => {
    const run = await recordThenReplay('ollama', async (url) => {
      const response = await client(url).embed({ model: 'all-minilm', input: ['first text', 'second text'] })
      return { embeddings: response.embeddings, model: response.model }
    })
    expect(run.fake.requests[0]!.route).toBe('ollama.embed')
    expect(run.replayed.embeddings).toHaveLength(2)
    expect(run.replayed.embeddings[0]).toHaveLength(8)
    expect(run.replayed.embeddings[0]).not.toEqual(run.replayed.embeddings[1])
    expect(run.replayed.model).toBe('all-minilm')
  })
})
