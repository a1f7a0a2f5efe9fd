/* global require, test, expect */
const { default: OpenAI } = require('openai')
const { allowLiveCalls } = require('standin/jest')

test('explicit openai baseURL is blocked', async () => {
  const client = new OpenAI({ baseURL: 'https://api.openai.com/v1', apiKey: 'sk-live-secret' })
  await expect(
    client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
  ).rejects.toThrow(/403/)
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
