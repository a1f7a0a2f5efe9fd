// Default import, as http clients (axios, got) use it: a named ESM import of a builtin is not patched.
import https from 'node:https'
import OpenAI from 'openai'
import Anthropic from '@anthropic-ai/sdk'
import { allowLiveCalls, expect, test } from 'standin/vitest'

// Each test here is judged by the driver from the report: some must fail in standin's words.

test('explicit openai baseURL is blocked', async () => {
  const client = new OpenAI({ baseURL: 'https://api.openai.com/v1', apiKey: 'sk-live-secret' })
  // The SDK sees a 403 (not retried), so the test body itself would pass: the guard fails it.
  await expect(
    client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
  ).rejects.toThrow(/403/)
})

test('explicit anthropic client over node:https is blocked', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const req = https.request(
      'https://api.anthropic.com/v1/messages?key=secret-in-query',
      { method: 'POST' },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    req.once('error', reject)
    req.end('{}')
  })
  expect(status).toBe(403)
})

test('anthropic sdk with an explicit baseURL is blocked', async () => {
  const client = new Anthropic({ baseURL: 'https://api.anthropic.com', apiKey: 'sk-ant' })
  await expect(
    client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'hi' }],
    }),
  ).rejects.toThrow()
})

test('allowLiveCalls lets the request out (and it fails offline)', async () => {
  allowLiveCalls()
  const client = new OpenAI({ baseURL: 'https://api.openai.com/v1', apiKey: 'sk-test', maxRetries: 0 })
  await expect(client.models.list()).rejects.toThrow('Connection error.')
})

test('the mock itself is not a live call', async () => {
  const client = new OpenAI({ maxRetries: 0 })
  const models = await client.models.list()
  expect(Array.isArray(models.data)).toBe(true)
})
