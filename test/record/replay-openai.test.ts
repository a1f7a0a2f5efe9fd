/**
 * Record, then replay, through the `openai` SDK: chat completions as JSON and SSE (with include_usage) and
 * the tool loop; the Responses API as JSON and SSE, its function-call loop and reasoning; embeddings as
 * floats and as the base64 the SDK asks for by default.
 */
import OpenAI from 'openai'
import { describe, expect, test } from 'vitest'
import { REASONING_TEXT, WEATHER_TEXT } from './fake-upstream'
import { recordedEntries, recordThenReplay, TEST_KEY } from './harness'

const client = (url: string) => new OpenAI({ baseURL: `${url}/v1`, apiKey: TEST_KEY, maxRetries: 0 })
const chatTools = [
  {
    type: 'function' as const,
    function: { name: 'get_weather', parameters: { type: 'object', properties: {} } },
  },
]

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of stream) items.push(item)
  return items
}

/** What a client reads of a completion (the request id is the service's, not the answer's). */
function seenCompletion(completion: OpenAI.ChatCompletion) {
  const choice = completion.choices[0]!
  return {
    id: completion.id,
    model: completion.model,
    created: completion.created,
    content: choice.message.content,
    toolCalls: choice.message.tool_calls,
    finishReason: choice.finish_reason,
    usage: completion.usage && {
      prompt: completion.usage.prompt_tokens,
      completion: completion.usage.completion_tokens,
      total: completion.usage.total_tokens,
      reasoning: completion.usage.completion_tokens_details?.reasoning_tokens,
    },
  }
}

async function chat(
  url: string,
  stream: boolean,
  messages: OpenAI.ChatCompletionMessageParam[],
  tools = true,
) {
  const request = { model: 'gpt-4o', messages, ...(tools && { tools: chatTools }) }
  if (!stream) return seenCompletion(await client(url).chat.completions.create(request))
  const runner = client(url).chat.completions.stream({ ...request, stream_options: { include_usage: true } })
  const chunks = await collect(runner)
  const final = await runner.finalChatCompletion()
  const usageChunk = chunks.at(-1)!
  return {
    ...seenCompletion({ ...final, usage: usageChunk.usage ?? undefined }),
    // include_usage: the last chunk has no choices and carries the usage; the others carry `usage: null`.
    usageChunkLast: usageChunk.choices.length === 0 && usageChunk.usage !== null,
    usageNullBefore: chunks.slice(0, -1).every((c) => c.usage === null),
  }
}

describe('OpenAI chat completions through openai: record, then replay', () => {
  for (const stream of [false, true]) {
    test(`text ${stream ? 'streamed with include_usage' : 'as JSON'}: content, stop, id, created and usage`, async () => {
      const run = await recordThenReplay('openai', (url) =>
        chat(url, stream, [{ role: 'user', content: 'hello openai, how are you' }], false),
      )
      expect(run.fake.requests[0]!.route).toBe('openai.chat')
      expect(run.replayed).toMatchObject({
        content: 'Echo: hello openai, how are you',
        finishReason: 'stop',
        id: expect.stringMatching(/^chatcmpl-/),
        model: 'gpt-4o',
      })
      expect(run.replayed.usage!.total).toBe(run.replayed.usage!.prompt + run.replayed.usage!.completion)
      if (stream) expect(run.replayed).toMatchObject({ usageChunkLast: true, usageNullBefore: true })
    })
  }

  for (const stream of [false, true]) {
    test(`the tool loop ${stream ? 'streamed' : 'as JSON'}: a call, then the answer to the tool message`, async () => {
      const run = await recordThenReplay('openai', async (url) => {
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
      const { first, second } = run.replayed
      expect(first.finishReason).toBe('tool_calls')
      expect(first.toolCalls).toEqual([
        {
          id: expect.stringMatching(/^call_/),
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
        },
      ])
      expect(second.content).toBe(WEATHER_TEXT)
      expect(recordedEntries(run).map((e) => [e.match.turnIndex, e.match.hasToolResult])).toEqual([
        [0, false],
        [1, true],
      ])
    })
  }

  test('reasoning tokens replay in completion_tokens_details', async () => {
    const run = await recordThenReplay(
      'openai',
      (url) => chat(url, false, [{ role: 'user', content: 'think' }], false),
      { script: { reasoning: true } },
    )
    expect(run.replayed.usage!.reasoning).toBeGreaterThan(0)
  })
})

// ---------------------------------------------------------------------------------------------------------

const responseTools = [
  { type: 'function' as const, name: 'get_weather', parameters: { type: 'object' }, strict: false },
]

/** What a client reads of a Response: output items (without their generated ids), text and usage. */
function seenResponse(response: OpenAI.Responses.Response) {
  return {
    id: response.id,
    model: response.model,
    status: response.status,
    outputText: response.output_text,
    output: response.output.map((item) => {
      if (item.type === 'function_call')
        return { type: item.type, name: item.name, arguments: item.arguments, callId: item.call_id }
      if (item.type === 'reasoning')
        return {
          type: item.type,
          summary: item.summary.map((s) => s.text),
          encrypted: item.encrypted_content ?? undefined,
        }
      if (item.type === 'message')
        return { type: item.type, text: item.content.map((c) => (c.type === 'output_text' ? c.text : '')) }
      return { type: item.type }
    }),
    usage: {
      input: response.usage?.input_tokens,
      output: response.usage?.output_tokens,
      reasoning: response.usage?.output_tokens_details.reasoning_tokens,
    },
  }
}

async function respond(
  url: string,
  stream: boolean,
  request: Omit<OpenAI.Responses.ResponseCreateParamsNonStreaming, 'stream'>,
) {
  if (!stream) return seenResponse(await client(url).responses.create(request))
  const runner = client(url).responses.stream(request)
  const events = await collect(runner)
  return {
    ...seenResponse(await runner.finalResponse()),
    risingSequence: events.every((e, i) => e.sequence_number === i),
    deltas: events.filter((e) => e.type === 'response.output_text.delta').length > 1,
  }
}

describe('OpenAI Responses through openai: record, then replay', () => {
  for (const stream of [false, true]) {
    test(`the function-call loop ${stream ? 'streamed' : 'as JSON'}`, async () => {
      const run = await recordThenReplay('openai', async (url) => {
        const first = await respond(url, stream, {
          model: 'gpt-4.1',
          input: 'weather in Paris?',
          tools: responseTools,
        })
        const call = first.output.find((item) => item.type === 'function_call')
        if (!call || !('callId' in call)) throw new Error('expected a function_call item')
        const second = await respond(url, stream, {
          model: 'gpt-4.1',
          tools: responseTools,
          input: [
            { role: 'user', content: 'weather in Paris?' },
            { type: 'function_call', call_id: call.callId!, name: call.name!, arguments: call.arguments! },
            { type: 'function_call_output', call_id: call.callId!, output: 'sunny, 21°C' },
          ],
        })
        return { first, second }
      })
      expect(run.fake.requests.map((r) => r.route)).toEqual(['openai.responses', 'openai.responses'])
      const { first, second } = run.replayed
      expect(first.output).toEqual([
        {
          type: 'function_call',
          name: 'get_weather',
          arguments: '{"city":"Paris"}',
          callId: expect.stringMatching(/^call_/),
        },
      ])
      expect(second.outputText).toBe(WEATHER_TEXT)
      expect(second.status).toBe('completed')
      expect(first.id).toMatch(/^resp_/)
      if (stream) expect(second).toMatchObject({ risingSequence: true, deltas: true })
    })
  }

  for (const stream of [false, true]) {
    test(`reasoning ${stream ? 'streamed' : 'as JSON'}: the summary, the encrypted content and the reasoning tokens`, async () => {
      const run = await recordThenReplay(
        'openai',
        (url) =>
          respond(url, stream, {
            model: 'o4-mini',
            input: 'think it through',
            reasoning: { effort: 'medium', summary: 'auto' },
            include: ['reasoning.encrypted_content'],
          }),
        { script: { reasoning: true } },
      )
      expect(run.replayed.output).toEqual([
        { type: 'reasoning', summary: [REASONING_TEXT], encrypted: expect.stringMatching(/^gAAAAA/) },
        { type: 'message', text: ['Echo: think it through'] },
      ])
      expect(run.replayed.usage.reasoning).toBeGreaterThan(0)
    })
  }
})

// ---------------------------------------------------------------------------------------------------------

describe('OpenAI embeddings through openai: record, then replay', () => {
  test('the SDK default (base64 on the wire) decodes to the recorded vectors', async () => {
    const run = await recordThenReplay('openai', async (url) => {
      const result = await client(url).embeddings.create({
        model: 'text-embedding-3-small',
        input: ['first text', 'second text'],
      })
      return { vectors: result.data.map((d) => d.embedding), model: result.model }
    })
    expect(run.fake.requests[0]!.body).toMatchObject({ encoding_format: 'base64' })
    expect(run.replayed.vectors).toHaveLength(2)
    expect(run.replayed.vectors[0]).toHaveLength(8)
    expect(run.replayed.vectors[0]).not.toEqual(run.replayed.vectors[1])
    expect(run.replayed.model).toBe('text-embedding-3-small')
  })

  test('floats asked for come back as floats, with dimensions honoured', async () => {
    const run = await recordThenReplay('openai', async (url) => {
      const result = await client(url).embeddings.create({
        model: 'text-embedding-3-small',
        input: 'one text',
        dimensions: 16,
        encoding_format: 'float',
      })
      return result.data.map((d) => d.embedding)
    })
    expect(run.replayed).toHaveLength(1)
    expect(run.replayed[0]).toHaveLength(16)
    expect(Math.hypot(...run.replayed[0]!)).toBeCloseTo(1, 5)
  })
})
