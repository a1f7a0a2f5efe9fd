/**
 * One set of scenarios, run against every provider through its official SDK (as Hono runs one router suite
 * against every router). The same fixture file, with no provider-specific fields, serves them all.
 */
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createStandin, type RunningServer, type Standin } from '../../src'
import type { ConformanceClient } from './client'
import { CLIENTS } from './clients'

const FIXTURES = fileURLToPath(new URL('./fixtures.json', import.meta.url))

describe.each(CLIENTS)('$name', ({ create }) => {
  let mock: Standin
  let server: RunningServer
  let client: ConformanceClient

  beforeAll(async () => {
    mock = createStandin({ fixtures: FIXTURES, strict: false })
    server = await mock.listen()
    client = await create(server.url)
  })
  afterAll(() => server.close())

  test('plain text', async () => {
    const out = await client.text('hello there')
    expect(out.text).toBe('Hi')
    expect(out.finishReason).toBe('stop')
    expect(mock.journal.last()?.fixture?.id).toBe('hello')
  })

  test('streamed text arrives in chunks and assembles', async () => {
    const out = await client.streamText('tell me a story')
    expect(out.text).toBe('Once upon a time, a mock answered every provider the same way.')
    expect(out.chunks).toBeGreaterThan(1)
    expect(out.finishReason).toBe('stop')
  })

  test('a tool call with parsed arguments', async () => {
    const call = await client.toolCall('what is the weather in Paris?', { stream: false })
    expect(call.name).toBe('get_weather')
    expect(call.args).toEqual({ city: 'Paris', unit: 'celsius' })
    expect(call.id).toBeTruthy()
  })

  test('a streamed tool call with parsed arguments', async () => {
    const call = await client.toolCall('what is the weather in Paris?', { stream: true })
    expect(call.name).toBe('get_weather')
    expect(call.args).toEqual({ city: 'Paris', unit: 'celsius' })
    expect(call.id).toBeTruthy()
  })

  test('a tool-result turn', async () => {
    const call = await client.toolCall('what is the weather in Paris?', { stream: false })
    const out = await client.toolResult('what is the weather in Paris?', call, '18C and sunny')
    expect(out.text).toBe('It is 18C and sunny in Paris.')
    const request = mock.journal.last()?.request
    expect(
      request?.kind === 'chat' && request.messages.some((m) => m.toolResult?.content.includes('18C')),
    ).toBe(true)
  })

  test('usage and finish reason', async () => {
    const out = await client.text('count tokens please')
    expect(out.text).toBe('Counted.')
    expect(out.finishReason).toBe('stop')
    expect(out.usage).toEqual({ input: 11, output: 7 })
  })

  test("an error fixture arrives as the SDK's typed error with the right status", async () => {
    const out = await client.error('overload now')
    expect(out.status).toBe(429)
    expect(out.typed).toBe(true)
    expect(out.message).toContain('Slow down')
  })
})
