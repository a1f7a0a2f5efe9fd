import OpenAI from 'openai'
import { test, expect } from 'standin/vitest'

const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL, maxRetries: 0 })

test('a answers from its fixtures', async () => {
  const reply = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hello' }],
  })
  const answer = reply.choices[0]!.message.content
  console.log(`RAN a: ${answer}`)
  expect(answer).toMatch(/^a /)
})
