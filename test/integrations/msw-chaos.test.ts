/**
 * Chaos through `standin/msw` (built package): MSW turns a cut into a network error for the client, and a
 * drop or a malformed body reach the official openai SDK as they would over a socket.
 */
import OpenAI, { APIConnectionError, APIError } from 'openai'
import { createStandin } from 'standin'
import { standinServer } from 'standin/msw/node'
import { afterAll, beforeAll, expect, test } from 'vitest'

const mock = createStandin({ seed: 1 })
mock.onMessage('hello', { content: 'Hello from the mock, long enough for a few chunks.' })
const server = standinServer(mock)
const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hello' }] }
let savedBaseUrl: string | undefined

beforeAll(() => {
  savedBaseUrl = process.env.OPENAI_BASE_URL
  delete process.env.OPENAI_BASE_URL
  server.listen({ onUnhandledRequest: 'error' })
})
afterAll(() => {
  server.close()
  if (savedBaseUrl !== undefined) process.env.OPENAI_BASE_URL = savedBaseUrl
})

const client = (headers: Record<string, string>) =>
  new OpenAI({ apiKey: 'sk-test', maxRetries: 0, defaultHeaders: headers })

test('a disconnect is a network error in the client (APIConnectionError)', async () => {
  await expect(
    client({ 'x-standin-chaos-disconnect': '1' }).chat.completions.create(chat),
  ).rejects.toBeInstanceOf(APIConnectionError)
  expect(mock.journal.last()?.response.chaos).toBe('disconnect')
})

test('a drop is the 500 with code chaos_drop', async () => {
  const error = await client({ 'x-aimock-chaos-drop': '1.0' })
    .chat.completions.create(chat)
    .catch((e: unknown) => e)
  expect(error).toBeInstanceOf(APIError)
  expect((error as APIError).code).toBe('chaos_drop')
})

test('a malformed stream is a parse error mid-stream', async () => {
  const stream = await client({ 'x-standin-chaos-malformed': '1' }).chat.completions.create({
    ...chat,
    stream: true,
  })
  await expect(
    (async () => {
      for await (const _ of stream);
    })(),
  ).rejects.toThrow(SyntaxError)
})
