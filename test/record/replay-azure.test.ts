/**
 * Record, then replay, through the openai SDK's AzureOpenAI: chat on a deployment (with `api-version`) as
 * JSON and streamed, the tool loop, and embeddings. The key goes as `api-key` and is never written.
 */
import OpenAI, { AzureOpenAI } from 'openai'
import { describe, expect, test } from 'vitest'
import { WEATHER_TEXT } from './fake-upstream'
import { recordedEntries, recordThenReplay, TEST_KEY } from './harness'

const DEPLOYMENT = 'my-gpt'
const client = (url: string) =>
  new AzureOpenAI({
    endpoint: url,
    apiKey: TEST_KEY,
    apiVersion: '2024-10-21',
    deployment: DEPLOYMENT,
    maxRetries: 0,
  })
const tools = [
  { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object' } } },
]

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of stream) items.push(item)
  return items
}

function seen(completion: OpenAI.ChatCompletion) {
  const choice = completion.choices[0]!
  return {
    id: completion.id,
    model: completion.model,
    content: choice.message.content,
    toolCalls: choice.message.tool_calls,
    finishReason: choice.finish_reason,
    usage: completion.usage && {
      prompt: completion.usage.prompt_tokens,
      completion: completion.usage.completion_tokens,
    },
  }
}

async function chat(
  url: string,
  stream: boolean,
  messages: OpenAI.ChatCompletionMessageParam[],
  withTools = true,
) {
  const request = { model: 'gpt-4o', messages, ...(withTools && { tools }) }
  if (!stream) {
    const completion = await client(url).chat.completions.create(request)
    const filters = (completion as unknown as { prompt_filter_results?: unknown[] }).prompt_filter_results
    return { ...seen(completion), promptFiltered: Array.isArray(filters) && filters.length > 0 }
  }
  const runner = client(url).chat.completions.stream({ ...request, stream_options: { include_usage: true } })
  const chunks = await collect(runner)
  const final = await runner.finalChatCompletion()
  // Azure opens a stream with a chunk of the prompt's filter results only; standin's Azure stream has no such
  // chunk (its filter annotations are on JSON answers), so it is not part of what is compared.
  return seen({ ...final, usage: chunks.at(-1)!.usage ?? undefined })
}

describe('Azure OpenAI through AzureOpenAI: record, then replay', () => {
  for (const stream of [false, true]) {
    test(`chat on a deployment ${stream ? 'streamed' : 'as JSON'}: text, stop and usage`, async () => {
      const run = await recordThenReplay('azure', (url) =>
        chat(url, stream, [{ role: 'user', content: 'hello azure, how are you' }], false),
      )
      expect(run.fake.requests[0]).toMatchObject({
        path: `/openai/deployments/${DEPLOYMENT}/chat/completions`,
        query: { 'api-version': '2024-10-21' },
        route: 'azure.chat',
      })
      expect(run.fake.requests[0]!.headers['api-key']).toBe(TEST_KEY)
      expect(run.replayed).toMatchObject({ content: 'Echo: hello azure, how are you', finishReason: 'stop' })
      if (!stream) expect(run.replayed).toMatchObject({ promptFiltered: true })
      expect(run.replayed.usage!.completion).toBeGreaterThan(0)
    })
  }

  for (const stream of [false, true]) {
    test(`the tool loop ${stream ? 'streamed' : 'as JSON'}`, async () => {
      const run = await recordThenReplay('azure', async (url) => {
        const question: OpenAI.ChatCompletionMessageParam = { role: 'user', content: 'weather in Paris?' }
        const first = await chat(url, stream, [question])
        const call = first.toolCalls?.[0]
        if (!call) throw new Error('expected a tool call')
        const second = await chat(url, stream, [
          question,
          { role: 'assistant', content: null, tool_calls: first.toolCalls },
          { role: 'tool', tool_call_id: call.id, content: 'sunny, 21°C' },
        ])
        return { first, second }
      })
      expect(run.upstreamCalls).toBe(2)
      expect(run.replayed.first.toolCalls).toEqual([
        {
          id: expect.stringMatching(/^call_/),
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
        },
      ])
      expect(run.replayed.second.content).toBe(WEATHER_TEXT)
      expect(recordedEntries(run).map((e) => [e.match.turnIndex, e.match.hasToolResult])).toEqual([
        [0, false],
        [1, true],
      ])
    })
  }

  test('embeddings on a deployment: one vector per input, as recorded', async () => {
    const run = await recordThenReplay('azure', async (url) => {
      const result = await client(url).embeddings.create({
        model: 'text-embedding-3-small',
        input: ['first text', 'second text'],
      })
      return result.data.map((d) => d.embedding)
    })
    expect(run.fake.requests[0]!.route).toBe('azure.embeddings')
    expect(run.replayed).toHaveLength(2)
    expect(run.replayed[0]).toHaveLength(8)
    expect(run.replayed[0]).not.toEqual(run.replayed[1])
  })
})
