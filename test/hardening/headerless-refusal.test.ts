/**
 * Concurrent tests in one worker: a request that names no session is refused, naming the tests, while a
 * request through a session's own URL is still answered from that session.
 */
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { afterEach, expect, test } from 'vitest'
import { createStandin, type RunningServer } from '../../src/index'

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

test('a header-less request among concurrent tests gets a 400 naming them, and the runner hears of it', async () => {
  const mock = createStandin()
  mock.onMessage('hello', { content: 'shared hi' })
  server = await mock.listen()
  const a = mock.session('a').onMessage('hello', { content: 'from a' })
  const heard: string[] = []
  mock.refuseHeaderless(['suite › test A', 'suite › test B'], (message) => heard.push(message))

  const plain = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'k', maxRetries: 0 })
  const error = await plain.chat.completions
    .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] })
    .catch((e: unknown) => e)
  expect(error).toBeInstanceOf(OpenAI.BadRequestError)
  expect((error as Error).message).toContain('"suite › test A", "suite › test B"')
  expect((error as Error).message).toContain('standin.url')
  expect(heard).toHaveLength(1)
  expect(heard[0]).toContain('POST /v1/chat/completions names no session')

  // Anthropic's shape, too.
  const claude = new Anthropic({ baseURL: server.url, apiKey: 'k', maxRetries: 0 })
  const aError = await claude.messages
    .create({ model: 'claude-x', max_tokens: 10, messages: [{ role: 'user', content: 'hello' }] })
    .catch((e: unknown) => e)
  expect(aError).toBeInstanceOf(Anthropic.BadRequestError)
  expect(heard).toHaveLength(2)

  // The session's own address still works.
  const own = new OpenAI({ baseURL: `${a.url}/v1`, apiKey: 'k', maxRetries: 0 })
  const reply = await own.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'hello' }],
  })
  expect(reply.choices[0]!.message.content).toBe('from a')
  expect(a.journal.entries).toHaveLength(1)

  // Lifted: header-less requests go to the fallback again.
  mock.refuseHeaderless()
  const again = await plain.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'hello' }],
  })
  expect(again.choices[0]!.message.content).toBe('shared hi')
  expect(heard).toHaveLength(2)
})
