import OpenAI from 'openai'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createStandin } from '../src'

const mock = createStandin({ strict: false })
let client: OpenAI
beforeAll(async () => {
  const { url } = await mock.listen()
  client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'test', maxRetries: 0 })
})
afterAll(() => mock.stop())

test('smoke', async () => {
  mock.onMessage('hello', { content: 'Hi there!' })
  mock.onMessage('weather', { toolCalls: [{ name: 'search', arguments: { q: 'paris' } }] })
  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] })
  expect(r.choices[0]!.message.content).toBe('Hi there!')
  const s = await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'hello you' }] })
  let text = ''
  for await (const c of s) text += c.choices[0]?.delta.content ?? ''
  expect(text).toBe('Hi there!')
  const runner = client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'weather?' }], tools: [{type:'function', function:{name:'search', parameters:{type:'object'}}}] })
  const final = await runner.finalChatCompletion()
  expect(final.choices[0]!.message.tool_calls![0]!.function.arguments).toBe('{"q":"paris"}')
  const e = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'] })
  expect(e.data).toHaveLength(2)
  expect(e.data[0]!.embedding).toHaveLength(1536)
  await expect(client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'nothing' }] })).rejects.toThrow(/No fixture matched/)
  console.log(JSON.stringify(mock.journal.last(), null, 1).slice(0, 1500))
})
