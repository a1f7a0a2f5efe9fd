import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runCli, startCli, type Served } from './cli-process'

// The examples a bare `standin` serves do what their names promise, through the openai SDK.
describe('bundled example fixtures', () => {
  let served: Served
  let openai: OpenAI
  beforeAll(async () => {
    served = await startCli(['serve'])
    openai = new OpenAI({ baseURL: `${served.url}/v1`, apiKey: 'x', maxRetries: 0 })
  })
  afterAll(() => served.stop())
  const chat = (content: string, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}) =>
    openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra })

  test('validate finds them all valid, without warnings', async () => {
    const result = await runCli(['validate', 'fixtures'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/\d+ fixtures in 4 files valid, no warnings/)
  })

  test('a tool call with object arguments, then an answer to its result', async () => {
    const first = await chat("what's the weather in Paris?")
    const call = first.choices[0]!.message.tool_calls![0]! as OpenAI.ChatCompletionMessageFunctionToolCall
    expect(call.function.name).toBe('get_weather')
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris', unit: 'celsius' })

    const second = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'user', content: "what's the weather in Paris?" },
        first.choices[0]!.message,
        { role: 'tool', tool_call_id: call.id, content: '{"temp":18}' },
      ],
    })
    expect(second.choices[0]!.message.content).toContain('18°C')
  })

  test('structured output with a json_schema response format', async () => {
    const reply = await chat('extract the contact', {
      response_format: { type: 'json_schema', json_schema: { name: 'contact', schema: { type: 'object' } } },
    })
    expect(JSON.parse(reply.choices[0]!.message.content!)).toMatchObject({ name: 'Ada Lovelace' })
  })

  test('a reasoning example answers', async () => {
    expect((await chat('think: is 17 prime?')).choices[0]!.message.content).toBe('Yes, 17 is a prime number.')
  })

  test('errors: a 429 with retry-after and a 500', async () => {
    const limited = await chat('rate limit me').catch((error: unknown) => error)
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError)
    expect((limited as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('1')
    await expect(chat('cause a server error')).rejects.toMatchObject({ status: 500 })
  })

  test('a sequence: first, second, then the fallback', async () => {
    const answers = []
    for (let i = 0; i < 3; i++) answers.push((await chat('count for me')).choices[0]!.message.content)
    expect(answers).toEqual(['One.', 'Two.', "That's all I count to."])
  })

  test('embeddings', async () => {
    const result = await openai.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'a cat',
      encoding_format: 'float',
    })
    expect(result.data[0]!.embedding).toEqual([0.12, -0.53, 0.31, 0.77])
  })
})
