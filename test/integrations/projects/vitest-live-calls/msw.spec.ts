// Default import, as http clients (axios, got) use it: a named ESM import of a builtin is not patched.
import https from 'node:https'
import OpenAI from 'openai'
import { setupServer } from 'msw/node'
import { createStandin } from 'standin'
import { standinHandlers } from 'standin/msw'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

// standin answering in-process through MSW: requests to the real hosts that MSW answers are not live calls.
const mock = createStandin()
mock.on({ userMessage: 'hi' }, { content: 'from msw' })

function postOverHttps(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    req.once('error', reject)
    req.end(JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }))
  })
}

// Two servers, each started and closed around its describe block: the second listen() must join the
// guard again (MSW's close() deletes the interceptors' registry entry the guard owns).
for (const round of [1, 2]) {
  describe(`msw round ${round}`, () => {
    const server = setupServer(...standinHandlers(mock, { providers: ['openai'] }))
    beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }))
    afterAll(() => server.close())

    test(`msw answers api.openai.com over fetch (round ${round})`, async () => {
      const client = new OpenAI({ baseURL: 'https://api.openai.com/v1', apiKey: 'sk-test', maxRetries: 0 })
      const completion = await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'hi' }],
      })
      expect(completion.choices[0]?.message.content).toBe('from msw')
    })

    test(`msw answers api.openai.com over node:https (round ${round})`, async () => {
      expect(await postOverHttps('https://api.openai.com/v1/chat/completions')).toBe(200)
    })

    test(`a host msw does not handle is still a live call (round ${round})`, async () => {
      const response = await fetch('https://api.mistral.ai/v1/models')
      expect(response.status).toBe(403)
    })
  })
}
