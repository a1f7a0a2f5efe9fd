/**
 * Record, then replay, through the openai SDK pointed at OpenRouter's `/api/v1`: the answer's `provider`,
 * `native_finish_reason` and `usage.cost` are kept, as JSON and streamed, through the tool loop and with
 * reasoning.
 */
import OpenAI from 'openai'
import { describe, expect, test } from 'vitest'
import { REASONING_TEXT, WEATHER_TEXT } from './fake-upstream'
import { recordedEntries, recordThenReplay, TEST_KEY } from './harness'

const client = (url: string) => new OpenAI({ baseURL: `${url}/api/v1`, apiKey: TEST_KEY, maxRetries: 0 })
const tools = [
  { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object' } } },
]

/** OpenRouter's additions to OpenAI's completion and chunk. */
interface RouterFields {
  provider?: string
  usage?: { cost?: number } | null
  choices: Array<{
    native_finish_reason?: string | null
    message?: { reasoning_details?: Array<{ signature?: string }> }
    delta?: { reasoning?: string | null; reasoning_details?: Array<{ signature?: string }> }
  }>
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of stream) items.push(item)
  return items
}

/**
 * Signatures seen in `reasoning_details`, in order. Kept apart from what is compared: standin's OpenRouter
 * answers carry no reasoning_details yet, so the signature is recorded but does not reach a replaying client.
 */
const signatures: string[] = []

async function chat(
  url: string,
  stream: boolean,
  model: string,
  messages: OpenAI.ChatCompletionMessageParam[],
  withTools = true,
) {
  const request = { model, messages, ...(withTools && { tools }) }
  if (!stream) {
    const completion = await client(url).chat.completions.create(request)
    const extra = completion as unknown as RouterFields
    const signature = extra.choices[0]!.message?.reasoning_details?.find((d) => d.signature)?.signature
    if (signature) signatures.push(signature)
    const message = completion.choices[0]!.message as OpenAI.ChatCompletionMessage & {
      reasoning?: string | null
    }
    return {
      id: completion.id,
      model: completion.model,
      provider: extra.provider,
      content: message.content,
      reasoning: message.reasoning ?? undefined,
      toolCalls: message.tool_calls?.flatMap((c) =>
        c.type === 'function' ? [{ id: c.id, name: c.function.name, arguments: c.function.arguments }] : [],
      ),
      finishReason: completion.choices[0]!.finish_reason,
      nativeFinishReason: extra.choices[0]!.native_finish_reason,
      cost: extra.usage?.cost,
      tokens: completion.usage?.completion_tokens,
    }
  }
  const chunks = await collect(await client(url).chat.completions.create({ ...request, stream: true }))
  const extras = chunks as unknown as RouterFields[]
  const details = extras.flatMap((c) => c.choices[0]?.delta?.reasoning_details ?? [])
  const signature = details.find((d) => d.signature)?.signature
  if (signature) signatures.push(signature)
  const finish = chunks.findIndex((c) => c.choices[0]?.finish_reason)
  const args = chunks.map((c) => c.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '').join('')
  const start = chunks.find((c) => c.choices[0]?.delta.tool_calls?.[0]?.id)?.choices[0]?.delta.tool_calls?.[0]
  return {
    id: chunks[0]!.id,
    model: chunks[0]!.model,
    provider: [...new Set(extras.map((c) => c.provider))].join(','),
    content: chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''),
    reasoning: extras.map((c) => c.choices[0]?.delta?.reasoning ?? '').join('') || undefined,
    toolCalls: start && [{ id: start.id, name: start.function?.name, arguments: args }],
    finishReason: chunks[finish]?.choices[0]?.finish_reason,
    nativeFinishReason: extras[finish]?.choices[0]?.native_finish_reason,
    cost: extras.at(-1)!.usage?.cost,
    tokens: chunks.at(-1)!.usage?.completion_tokens,
  }
}

describe('OpenRouter through openai at /api/v1: record, then replay', () => {
  for (const stream of [false, true]) {
    test(`text ${stream ? 'streamed' : 'as JSON'}: provider, native_finish_reason and usage.cost kept`, async () => {
      const run = await recordThenReplay('openrouter', (url) =>
        chat(url, stream, 'openai/gpt-4o', [{ role: 'user', content: 'hello router, how are you' }], false),
      )
      expect(run.fake.requests[0]).toMatchObject({
        path: '/api/v1/chat/completions',
        route: 'openrouter.chat',
      })
      expect(run.replayed).toMatchObject({
        content: 'Echo: hello router, how are you',
        provider: 'OpenAI',
        model: 'openai/gpt-4o',
        finishReason: 'stop',
        nativeFinishReason: 'stop',
        id: expect.stringMatching(/^gen-\d+-/),
      })
      expect(run.replayed.cost).toBeGreaterThan(0)
      const [entry] = recordedEntries(run)
      expect(entry!.response).toMatchObject({ provider: 'OpenAI', usage: { cost: run.replayed.cost } })
    })
  }

  for (const stream of [false, true]) {
    test(`the tool loop through an Anthropic model ${stream ? 'streamed' : 'as JSON'}: native tool_use kept`, async () => {
      const run = await recordThenReplay('openrouter', async (url) => {
        const model = 'anthropic/claude-sonnet-4.5'
        const question: OpenAI.ChatCompletionMessageParam = { role: 'user', content: 'weather in Paris?' }
        const first = await chat(url, stream, model, [question])
        const call = first.toolCalls?.[0]
        if (!call?.id) throw new Error('expected a tool call')
        const second = await chat(url, stream, model, [
          question,
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: call.id, type: 'function', function: { name: call.name!, arguments: call.arguments } },
            ],
          },
          { role: 'tool', tool_call_id: call.id, content: 'sunny, 21°C' },
        ])
        return { first, second }
      })
      const { first, second } = run.replayed
      expect(first).toMatchObject({
        provider: 'Anthropic',
        finishReason: 'tool_calls',
        nativeFinishReason: 'tool_use',
      })
      expect(first.toolCalls).toEqual([
        { id: expect.any(String), name: 'get_weather', arguments: '{"city":"Paris"}' },
      ])
      expect(second).toMatchObject({ content: WEATHER_TEXT, nativeFinishReason: 'end_turn' })
      expect(recordedEntries(run).map((e) => [e.match.turnIndex, e.match.hasToolResult])).toEqual([
        [0, false],
        [1, true],
      ])
    })
  }

  for (const stream of [false, true]) {
    test(`reasoning ${stream ? 'streamed' : 'as JSON'}: the reasoning text replays, its signature is recorded`, async () => {
      signatures.length = 0
      const run = await recordThenReplay(
        'openrouter',
        (url) =>
          chat(
            url,
            stream,
            'anthropic/claude-sonnet-4.5',
            [{ role: 'user', content: 'think it over' }],
            false,
          ),
        { script: { reasoning: true } },
      )
      expect(run.replayed).toMatchObject({ reasoning: REASONING_TEXT, content: 'Echo: think it over' })
      // The upstream's signature is in the recording; replay did not send it on.
      expect(signatures).toHaveLength(1)
      expect(recordedEntries(run)[0]!.response.reasoningSignature).toBe(signatures[0])
    })
  }
})
