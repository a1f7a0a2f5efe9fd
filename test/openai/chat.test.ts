import OpenAI from 'openai'
import { zodResponseFormat } from 'openai/helpers/zod'
import type { ChatCompletionChunk, ChatCompletionTool } from 'openai/resources/chat/completions'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { createStandin } from '../../src'
import { startOpenAIMock, type OpenAIMock } from '../helpers/mock-server'

let server: OpenAIMock
let client: OpenAI
beforeAll(async () => {
  server = await startOpenAIMock()
  client = server.client
})
afterAll(() => server.close())
beforeEach(() => server.mock.reset())

const user = (content: string) => [{ role: 'user' as const, content }]
const weatherTools: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
  { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } },
]

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = []
  for await (const chunk of stream) chunks.push(chunk)
  return chunks
}

describe('text', () => {
  test('a plain text fixture answers as a chat.completion the SDK returns', async () => {
    server.mock.onMessage('hello', { content: 'Hi there!' })
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: user('hello') })
    expect(completion.object).toBe('chat.completion')
    expect(completion.id).toMatch(/^chatcmpl-/)
    expect(completion.model).toBe('gpt-4o')
    expect(completion.choices).toHaveLength(1)
    expect(completion.choices[0]!.message).toMatchObject({ role: 'assistant', content: 'Hi there!' })
    expect(completion.choices[0]!.message.tool_calls).toBeUndefined()
    expect(completion.choices[0]!.finish_reason).toBe('stop')
  })

  test('streamed text arrives in several chunks that assemble into the fixture content', async () => {
    const content = 'The quick brown fox jumps over the lazy dog, twice over.'
    server.mock.onMessage('fox', { content }, { chunkSize: 7 })
    const chunks = await collect(
      await client.chat.completions.create({
        model: 'gpt-4o',
        stream: true,
        messages: user('tell me about the fox'),
      }),
    )
    const deltas = chunks.map((c) => c.choices[0]?.delta.content ?? '').filter((t) => t !== '')
    expect(deltas.length).toBe(Math.ceil(content.length / 7))
    expect(deltas.join('')).toBe(content)
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true)
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1)
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('stop')
  })

  test("the SDK's stream helper emits content events and a final completion", async () => {
    server.mock.onMessage('helper', { content: 'Streaming through the helper works.' }, { chunkSize: 5 })
    const runner = client.chat.completions.stream({ model: 'gpt-4o', messages: user('use the helper') })
    const deltas: string[] = []
    let snapshot = ''
    runner.on('content', (delta, current) => {
      deltas.push(delta)
      snapshot = current
    })
    const final = await runner.finalChatCompletion()
    expect(final.choices[0]!.message.content).toBe('Streaming through the helper works.')
    expect(deltas.length).toBeGreaterThan(1)
    expect(deltas.join('')).toBe('Streaming through the helper works.')
    expect(snapshot).toBe('Streaming through the helper works.')
    expect(await runner.finalContent()).toBe('Streaming through the helper works.')
  })

  test('content given as a JSON value is sent as its JSON text', async () => {
    server.mock.onMessage('json please', { content: { answer: 42, tags: ['a'] } })
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: user('json please'),
    })
    expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual({ answer: 42, tags: ['a'] })
  })
})

describe('tool calls', () => {
  const twoCalls = {
    toolCalls: [
      { name: 'get_weather', arguments: { city: 'Paris' } },
      { name: 'get_time', arguments: '{"tz":"CET"}', id: 'call_fixed_id' },
    ],
  }

  test('non-streamed: names, ids and parseable arguments, content null, finish_reason tool_calls', async () => {
    server.mock.onToolCall('get_weather', twoCalls)
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: user('weather in Paris?'),
      tools: weatherTools,
    })
    const choice = completion.choices[0]!
    expect(choice.finish_reason).toBe('tool_calls')
    expect(choice.message.content).toBeNull()
    const calls = choice.message.tool_calls!.map((c) => {
      if (c.type !== 'function') throw new Error('expected a function tool call')
      return c
    })
    expect(calls).toHaveLength(2)
    expect(calls[0]!.type).toBe('function')
    expect(calls[0]!.id).toMatch(/^call_/)
    expect(calls[0]!.function.name).toBe('get_weather')
    expect(JSON.parse(calls[0]!.function.arguments)).toEqual({ city: 'Paris' })
    expect(calls[1]!.id).toBe('call_fixed_id')
    expect(calls[1]!.function.name).toBe('get_time')
    expect(calls[1]!.function.arguments).toBe('{"tz":"CET"}')
    expect(calls[0]!.id).not.toBe(calls[1]!.id)
  })

  test('streamed: deltas carry the tool index, the first delta of each call has its id and name', async () => {
    server.mock.onToolCall('get_weather', twoCalls, { chunkSize: 4 })
    const chunks = await collect(
      await client.chat.completions.create({
        model: 'gpt-4o',
        stream: true,
        messages: user('weather in Paris?'),
        tools: weatherTools,
      }),
    )
    const deltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? [])
    const byIndex = new Map<number, typeof deltas>()
    for (const d of deltas) byIndex.set(d.index, [...(byIndex.get(d.index) ?? []), d])
    expect([...byIndex.keys()]).toEqual([0, 1])
    const first = byIndex.get(0)!
    const second = byIndex.get(1)!
    expect(first[0]!.id).toMatch(/^call_/)
    expect(first[0]!.function?.name).toBe('get_weather')
    expect(second[0]!.id).toBe('call_fixed_id')
    expect(second[0]!.function?.name).toBe('get_time')
    for (const later of [...first.slice(1), ...second.slice(1)]) {
      expect(later.id).toBeUndefined()
      expect(later.function?.name).toBeUndefined()
    }
    expect(first.length).toBeGreaterThan(2)
    expect(JSON.parse(first.map((d) => d.function?.arguments ?? '').join(''))).toEqual({ city: 'Paris' })
    expect(second.map((d) => d.function?.arguments ?? '').join('')).toBe('{"tz":"CET"}')
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('tool_calls')
  })

  test('the stream helper assembles streamed tool calls into the final message', async () => {
    server.mock.onToolCall('get_weather', twoCalls, { chunkSize: 3 })
    const runner = client.chat.completions.stream({
      model: 'gpt-4o',
      messages: user('weather'),
      tools: weatherTools,
    })
    const done: string[] = []
    runner.on('tool_calls.function.arguments.done', (event) => done.push(event.name))
    const final = await runner.finalChatCompletion()
    const calls = final.choices[0]!.message.tool_calls!
    expect(calls.map((c) => (c.type === 'function' ? c.function.name : c.type))).toEqual([
      'get_weather',
      'get_time',
    ])
    expect(calls[1]!.id).toBe('call_fixed_id')
    expect(done).toEqual(['get_weather', 'get_time'])
    expect(final.choices[0]!.finish_reason).toBe('tool_calls')
  })

  test('content with tool calls sends both', async () => {
    server.mock.onMessage('both', {
      content: 'Let me look that up.',
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Rome' } }],
    })
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: user('both please'),
    })
    const message = completion.choices[0]!.message
    expect(message.content).toBe('Let me look that up.')
    expect(message.tool_calls).toHaveLength(1)
    const call = message.tool_calls![0]!
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'Rome' })
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls')
  })

  test('blocks stream in their given order: a tool call before the text', async () => {
    server.mock.onMessage('ordered', {
      blocks: [
        { type: 'toolCall', name: 'get_time', arguments: {} },
        { type: 'text', text: 'Checked the time.' },
      ],
    })
    const chunks = await collect(
      await client.chat.completions.create({
        model: 'gpt-4o',
        stream: true,
        messages: user('ordered blocks'),
      }),
    )
    const kinds = chunks
      .map((c) => c.choices[0]?.delta)
      .map((d) => (d?.tool_calls ? 'tool' : d?.content ? 'text' : null))
      .filter((k) => k !== null)
    expect(kinds[0]).toBe('tool')
    expect(kinds.at(-1)).toBe('text')
    expect(kinds.lastIndexOf('tool')).toBeLessThan(kinds.indexOf('text'))
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')
    expect(text).toBe('Checked the time.')
  })
})

describe('reasoning', () => {
  test('reasoning is sent as reasoning_content, and streams before the answer', async () => {
    server.mock.onMessage(
      'think',
      { content: 'It is 42.', reasoning: 'Let me think step by step.' },
      { chunkSize: 6 },
    )
    const completion = await client.chat.completions.create({
      model: 'o3-mini',
      messages: user('think hard'),
    })
    const message = completion.choices[0]!.message as (typeof completion.choices)[0]['message'] & {
      reasoning_content?: string
    }
    expect(message.reasoning_content).toBe('Let me think step by step.')
    expect(message.content).toBe('It is 42.')

    const chunks = await collect(
      await client.chat.completions.create({ model: 'o3-mini', stream: true, messages: user('think hard') }),
    )
    const deltas = chunks.map(
      (c) => c.choices[0]?.delta as { content?: string; reasoning_content?: string } | undefined,
    )
    const reasoningAt = deltas.findIndex((d) => d?.reasoning_content)
    const contentAt = deltas.findIndex((d) => d?.content)
    expect(reasoningAt).toBeGreaterThanOrEqual(0)
    expect(reasoningAt).toBeLessThan(contentAt)
    expect(deltas.map((d) => d?.reasoning_content ?? '').join('')).toBe('Let me think step by step.')
    expect(deltas.map((d) => d?.content ?? '').join('')).toBe('It is 42.')
  })
})

describe('finish reason and usage', () => {
  test('finishReason overrides the finish_reason, streamed or not', async () => {
    server.mock.onMessage('cut', { content: 'This answer was cut', finishReason: 'length' })
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: user('cut it') })
    expect(completion.choices[0]!.finish_reason).toBe('length')
    const chunks = await collect(
      await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: user('cut it') }),
    )
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('length')
  })

  test('usage is estimated at about four characters a token when the fixture gives none', async () => {
    const content = 'x'.repeat(40)
    server.mock.onMessage('estimate', { content })
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: user('estimate my usage'),
    })
    const usage = completion.usage!
    expect(usage.completion_tokens).toBe(10)
    expect(usage.prompt_tokens).toBe(Math.ceil('estimate my usage'.length / 4))
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens)
  })

  test('usage given by the fixture is reported as given', async () => {
    server.mock.onMessage('given', {
      content: 'ok',
      usage: { prompt_tokens: 123, completion_tokens: 45, reasoning_tokens: 6 },
    })
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: user('given usage'),
    })
    expect(completion.usage).toMatchObject({ prompt_tokens: 123, completion_tokens: 45, total_tokens: 168 })
    expect(completion.usage!.completion_tokens_details?.reasoning_tokens).toBe(6)
  })

  test('stream_options.include_usage adds a final chunk with usage and no choices', async () => {
    server.mock.onMessage('count', {
      content: 'Counting tokens.',
      usage: { prompt_tokens: 7, completion_tokens: 3 },
    })
    const chunks = await collect(
      await client.chat.completions.create({
        model: 'gpt-4o',
        stream: true,
        stream_options: { include_usage: true },
        messages: user('count them'),
      }),
    )
    const last = chunks.at(-1)!
    expect(last.choices).toEqual([])
    expect(last.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 })
    for (const chunk of chunks.slice(0, -1)) expect(chunk.usage ?? null).toBeNull()
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop')
  })

  test('without include_usage no chunk carries usage', async () => {
    server.mock.onMessage('count', { content: 'Counting tokens.' })
    const chunks = await collect(
      await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: user('count them') }),
    )
    expect(chunks.every((c) => c.usage === undefined)).toBe(true)
    expect(chunks.every((c) => c.choices.length === 1)).toBe(true)
  })
})

describe('structured output', () => {
  test('response_format json_object is matched by responseFormat and answered with JSON text', async () => {
    server.mock.on({ responseFormat: 'json_object' }, { content: { ok: true } })
    server.mock.onMessage('plain', { content: 'not json' })
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      response_format: { type: 'json_object' },
      messages: user('plain question, JSON answer'),
    })
    expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual({ ok: true })
    const plain = await client.chat.completions.create({ model: 'gpt-4o', messages: user('plain question') })
    expect(plain.choices[0]!.message.content).toBe('not json')
  })

  test('json_schema: the SDK parse helper with a zod schema parses the fixture content', async () => {
    const Weather = z.object({ city: z.string(), celsius: z.number(), sunny: z.boolean() })
    server.mock.on(
      { responseFormat: 'json_schema' },
      { content: { city: 'Paris', celsius: 21.5, sunny: true } },
    )
    const completion = await client.chat.completions.parse({
      model: 'gpt-4o',
      messages: user('weather as JSON'),
      response_format: zodResponseFormat(Weather, 'weather'),
    })
    const message = completion.choices[0]!.message
    expect(message.parsed).toEqual({ city: 'Paris', celsius: 21.5, sunny: true })
    const request = server.mock.journal.last()!.request
    expect(request?.kind === 'chat' && request.responseFormat).toMatchObject({
      type: 'json_schema',
      name: 'weather',
    })
  })
})

describe('ids and overrides', () => {
  test('id, model and created overrides replace the generated values', async () => {
    server.mock.onMessage('override', {
      content: 'x',
      id: 'chatcmpl-fixed',
      model: 'gpt-4o-2024-08-06',
      created: 1700000000,
    })
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: user('override') })
    expect(completion.id).toBe('chatcmpl-fixed')
    expect(completion.model).toBe('gpt-4o-2024-08-06')
    expect(completion.created).toBe(1700000000)
    const chunks = await collect(
      await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: user('override') }),
    )
    expect(chunks.every((c) => c.id === 'chatcmpl-fixed' && c.created === 1700000000)).toBe(true)
  })

  test('without a seed, ids differ between requests', async () => {
    server.mock.onMessage('random', { toolCalls: [{ name: 'get_time', arguments: {} }] })
    const a = await client.chat.completions.create({ model: 'gpt-4o', messages: user('random') })
    const b = await client.chat.completions.create({ model: 'gpt-4o', messages: user('random') })
    expect(a.id).not.toBe(b.id)
    expect(a.choices[0]!.message.tool_calls![0]!.id).not.toBe(b.choices[0]!.message.tool_calls![0]!.id)
  })

  test('the seed option makes ids and created timestamps reproducible', async () => {
    const run = async (seed: string) => {
      const mock = createStandin({ strict: false, seed })
      mock.onMessage('seeded', { toolCalls: [{ name: 'get_time', arguments: {} }] })
      const { url, close } = await mock.listen({ port: 0 })
      const seeded = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'k', maxRetries: 0 })
      try {
        const out = []
        for (let i = 0; i < 2; i++) {
          const c = await seeded.chat.completions.create({ model: 'gpt-4o', messages: user('seeded') })
          out.push({ id: c.id, created: c.created, call: c.choices[0]!.message.tool_calls![0]!.id })
        }
        return out
      } finally {
        await close()
      }
    }
    const first = await run('alpha')
    const again = await run('alpha')
    const other = await run('beta')
    expect(again).toEqual(first)
    expect(first[0]!.id).not.toBe(first[1]!.id)
    expect(other[0]!.id).not.toBe(first[0]!.id)
    expect(first[0]!.id).toMatch(/^chatcmpl-/)
  })
})

describe('OpenAI-compatible paths and models', () => {
  test.each(['/openai/v1', '/api/paas/v4', '/v1'])('chat completions are served under %s', async (prefix) => {
    server.mock.onMessage('compat', { content: `served under ${prefix}` })
    const compat = new OpenAI({ baseURL: `${server.url}${prefix}`, apiKey: 'k', maxRetries: 0 })
    const completion = await compat.chat.completions.create({ model: 'glm-4', messages: user('compat') })
    expect(completion.choices[0]!.message.content).toBe(`served under ${prefix}`)
    expect(server.mock.journal.last()!.path).toBe(`${prefix}/chat/completions`)
  })

  test('GET /v1/models lists default models, then the models fixtures name', async () => {
    const defaults = []
    for await (const model of client.models.list()) defaults.push(model.id)
    expect(defaults).toContain('gpt-4o')

    server.mock.on({ model: 'my-fine-tune', userMessage: 'x' }, { content: 'y' })
    const listed = []
    for await (const model of client.models.list()) listed.push(model)
    expect(listed.map((m) => m.id)).toEqual(['my-fine-tune'])
    expect(listed[0]).toMatchObject({ object: 'model', owned_by: 'standin' })
    expect((await client.models.retrieve('my-fine-tune')).id).toBe('my-fine-tune')
    await expect(client.models.retrieve('unknown-model')).rejects.toBeInstanceOf(OpenAI.NotFoundError)
  })
})
