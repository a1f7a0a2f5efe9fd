/**
 * `server.use()` semantics with the MSW adapter, through the built package: a fixture a test adds on a
 * `createStandin({ fixtures })` mock wins over the file's fixture for the same message, and `reset()` between
 * tests brings the file's answer back.
 */
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import OpenAI from 'openai'
import { createStandin } from 'standin'
import { standinServer } from 'standin/msw/node'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'

const EXAMPLE = fileURLToPath(new URL('../../examples/msw', import.meta.url))
const FROM_FILE = 'Welcome aboard, Ada! Your analytical engine is warmed up and ready.'

const mock = createStandin({ fixtures: join(EXAMPLE, 'fixtures') })
const server = standinServer(mock)
let client: OpenAI
let savedBaseUrl: string | undefined

beforeAll(() => {
  savedBaseUrl = process.env.OPENAI_BASE_URL
  delete process.env.OPENAI_BASE_URL
  server.listen({ onUnhandledRequest: 'error' })
  client = new OpenAI({ apiKey: 'sk-test', maxRetries: 0 })
})
afterEach(() => mock.reset())
afterAll(() => {
  server.close()
  if (savedBaseUrl !== undefined) process.env.OPENAI_BASE_URL = savedBaseUrl
})

const ask = async (content: string) =>
  (
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content }],
    })
  ).choices[0]!.message.content

test("the file's fixture answers when the test adds none", async () => {
  expect(await ask('Hello, I am Ada Lovelace')).toBe(FROM_FILE)
})

test("mock.onMessage() in a test beats the file's fixture for the same message", async () => {
  mock.onMessage('Ada Lovelace', { content: 'Overridden in this test.' })
  expect(await ask('Hello, I am Ada Lovelace')).toBe('Overridden in this test.')
})

test('after reset() the file answers again', async () => {
  expect(await ask('Hello, I am Ada Lovelace')).toBe(FROM_FILE)
})
