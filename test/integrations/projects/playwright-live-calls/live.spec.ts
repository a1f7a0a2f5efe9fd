import https from 'node:https'
import OpenAI from 'openai'
import { expect, test } from 'standin/playwright'

test('explicit openai baseURL is blocked', async () => {
  const client = new OpenAI({ baseURL: 'https://api.openai.com/v1', apiKey: 'sk-live-secret' })
  await expect(client.models.list()).rejects.toThrow(/403/)
})

test('node:https to anthropic is blocked', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const req = https.request('https://api.anthropic.com/v1/messages', { method: 'POST' }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.once('error', reject)
    req.end('{}')
  })
  expect(status).toBe(403)
})

test.describe('with standinLiveCalls off', () => {
  test.use({ standinLiveCalls: 'off' })
  test('the request goes out (and fails offline)', async () => {
    const client = new OpenAI({ baseURL: 'https://api.openai.com/v1', apiKey: 'sk-test', maxRetries: 0 })
    await expect(client.models.list()).rejects.toThrow('Connection error.')
  })
})
