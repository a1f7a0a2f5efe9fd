import Anthropic from '@anthropic-ai/sdk'
import OpenAI, { APIConnectionError, APIError } from 'openai'
import { afterAll, describe, expect, test } from 'vitest'
import { createStandin, type JournalEntry, type Standin } from '../../src/internal'
import { startMcpMock } from '../mcp/mcp-helpers'
import { sendRequest, startA2aMock, v1Client } from '../a2a/a2a-helpers'

const closers: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const close of closers.splice(0)) await close()
})

async function start(options: Parameters<typeof createStandin>[0] = {}) {
  const entries: JournalEntry[] = []
  const mock = createStandin({ strict: false, ...options, onJournalEntry: (e) => entries.push(e) })
  mock.onMessage('hello', { content: 'Hello there, this is a reply long enough for several chunks.' })
  const server = await mock.listen()
  closers.push(server.close)
  const openai = (headers: Record<string, string> = {}) =>
    new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'k', maxRetries: 0, defaultHeaders: headers })
  const anthropic = (headers: Record<string, string> = {}) =>
    new Anthropic({ baseURL: server.url, apiKey: 'k', maxRetries: 0, defaultHeaders: headers })
  return { mock, url: server.url, entries, openai, anthropic }
}

const chat = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] }
const claude = {
  model: 'claude-sonnet-4-5',
  max_tokens: 100,
  messages: [{ role: 'user' as const, content: 'hello' }],
}

async function drain(stream: AsyncIterable<unknown>): Promise<number> {
  let n = 0
  for await (const _ of stream) n++
  return n
}

describe('openai SDK', () => {
  test('drop: APIError 500 with code chaos_drop, journaled', async () => {
    const { openai, entries } = await start({ chaos: { dropRate: 1 } })
    const error = await openai()
      .chat.completions.create(chat)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(APIError)
    expect((error as APIError).status).toBe(500)
    expect((error as APIError).code).toBe('chaos_drop')
    expect((error as APIError).message).toContain('Chaos: request dropped')
    expect(entries.at(-1)!.response).toMatchObject({ status: 500, chaos: 'drop' })
  })

  test('drop body is the seed shape plus the usual type', async () => {
    const { url } = await start()
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-aimock-chaos-drop': '1.0' },
      body: JSON.stringify(chat),
    })
    expect(res.status).toBe(500)
    expect(await res.json()).toMatchObject({
      error: { message: 'Chaos: request dropped', code: 'chaos_drop', type: 'server_error' },
    })
  })

  test('malformed: a parse error, JSON content type kept', async () => {
    const { openai, url, entries } = await start()
    const client = openai({ 'x-standin-chaos-malformed': '1' })
    await expect(client.chat.completions.create(chat)).rejects.toThrow(SyntaxError)
    expect(entries.at(-1)!.response).toMatchObject({ status: 200, chaos: 'malformed' })
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-standin-chaos-malformed': '1' },
      body: JSON.stringify(chat),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/json')
    await expect(res.json()).rejects.toThrow(SyntaxError)
  })

  test('malformed stream: a broken frame after the first one, a parse error mid-stream', async () => {
    const { openai } = await start()
    const stream = await openai({ 'x-standin-chaos-malformed': '1' }).chat.completions.create({
      ...chat,
      stream: true,
    })
    let received = 0
    const error = await (async () => {
      for await (const _ of stream) received++
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SyntaxError)
    expect(received).toBe(1)
  })

  test('disconnect: APIConnectionError', async () => {
    const { openai, entries } = await start({ chaos: { disconnectRate: 1 } })
    await expect(openai().chat.completions.create(chat)).rejects.toBeInstanceOf(APIConnectionError)
    expect(entries.at(-1)!.response).toMatchObject({ chaos: 'disconnect' })
    await expect(openai().chat.completions.create({ ...chat, stream: true })).rejects.toBeInstanceOf(
      APIConnectionError,
    )
  })

  test('static surfaces: the model list is dropped and malformed too', async () => {
    const { openai } = await start()
    const dropped = await openai({ 'x-standin-chaos-drop': '1' })
      .models.list()
      .catch((e: unknown) => e)
    expect((dropped as APIError).code).toBe('chaos_drop')
    await expect(openai({ 'x-standin-chaos-malformed': '1' }).models.list()).rejects.toThrow(SyntaxError)
    await expect(openai({ 'x-standin-chaos-disconnect': '1' }).models.list()).rejects.toBeInstanceOf(
      APIConnectionError,
    )
  })

  test('precedence: the request header beats the fixture, the fixture beats the server', async () => {
    const { mock, openai, entries } = await start({ chaos: { dropRate: 1 } })
    mock.onMessage('calm', { content: 'fine' }, { chaos: { dropRate: 0 } })
    const calm = { ...chat, messages: [{ role: 'user' as const, content: 'calm' }] }
    await expect(openai().chat.completions.create(calm)).resolves.toMatchObject({
      choices: [{ message: { content: 'fine' } }],
    })
    await expect(openai({ 'x-standin-chaos-drop': '1' }).chat.completions.create(calm)).rejects.toThrow(
      'Chaos: request dropped',
    )
    mock.clearChaos()
    await expect(openai().chat.completions.create(chat)).resolves.toBeTruthy()
    mock.setChaos({ disconnectRate: 1 })
    await expect(openai().chat.completions.create(chat)).rejects.toBeInstanceOf(APIConnectionError)
    expect(entries.map((e) => e.response.chaos)).toEqual([undefined, 'drop', undefined, 'disconnect'])
  })

  test('a bad chaos header is a 400 in the provider shape', async () => {
    const { openai } = await start()
    const error = await openai({ 'x-standin-chaos-drop': 'lots' })
      .chat.completions.create(chat)
      .catch((e: unknown) => e)
    expect((error as APIError).status).toBe(400)
    expect((error as APIError).message).toContain('x-standin-chaos-drop header must be a number from 0 to 1')
  })

  test('setChaos rejects a rate out of range', async () => {
    const { mock } = await start()
    expect(() => mock.setChaos({ dropRate: 2 })).toThrow('dropRate must be a number from 0 to 1, got 2')
  })
})

describe('Anthropic SDK', () => {
  test('drop: APIError 500 in Anthropic error shape', async () => {
    const { anthropic, url } = await start()
    const error = await anthropic({ 'x-standin-chaos-drop': '1' })
      .messages.create(claude)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Anthropic.APIError)
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(500)
    const res = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-standin-chaos-drop': '1' },
      body: JSON.stringify(claude),
    })
    const body = (await res.json()) as { type: string; error: { message: string } }
    expect(body.type).toBe('error')
    expect(body.error.message).toBe('Chaos: request dropped')
  })

  test('malformed JSON and stream: parse errors', async () => {
    const { anthropic } = await start()
    const client = anthropic({ 'x-standin-chaos-malformed': '1' })
    await expect(client.messages.create(claude)).rejects.toThrow(SyntaxError)
    const stream = await client.messages.create({ ...claude, stream: true })
    await expect(drain(stream)).rejects.toThrow(SyntaxError)
  })

  test('disconnect: APIConnectionError', async () => {
    const { anthropic } = await start()
    await expect(
      anthropic({ 'x-standin-chaos-disconnect': '1' }).messages.create(claude),
    ).rejects.toBeInstanceOf(Anthropic.APIConnectionError)
  })
})

describe('mounted protocol servers', () => {
  test('MCP client: drop and disconnect are transport errors; malformed is a parse error', async () => {
    const { mock, connect } = await startMcpMock({ tools: [{ name: 'lookup', result: 'ok' }] })
    const { client } = await connect()
    await expect(client.callTool({ name: 'lookup', arguments: {} })).resolves.toBeTruthy()
    mock.setChaos({ dropRate: 1 })
    await expect(client.callTool({ name: 'lookup', arguments: {} })).rejects.toThrow('Chaos: request dropped')
    mock.setChaos({ disconnectRate: 1 })
    await expect(client.callTool({ name: 'lookup', arguments: {} })).rejects.toThrow(/fetch failed/)
    mock.setChaos({ malformedRate: 1 })
    await expect(client.callTool({ name: 'lookup', arguments: {} })).rejects.toThrow()
    mock.clearChaos()
    const chaos = mock.journal.entries.map((e) => e.response.chaos).filter(Boolean)
    expect(chaos).toEqual(['drop', 'disconnect', 'malformed'])
  })

  test('A2A client: drop and disconnect are transport errors', async () => {
    const { mock, url } = await startA2aMock({
      agents: [{ name: 'a', messages: [{ pattern: 'hi', parts: 'yo' }] }],
    })
    const client = await v1Client(`${url}/`)
    mock.setChaos({ dropRate: 1 })
    await expect(client.sendMessage(sendRequest('hi'))).rejects.toThrow(/500/)
    mock.setChaos({ disconnectRate: 1 })
    await expect(client.sendMessage(sendRequest('hi'))).rejects.toThrow(/fetch failed/)
    mock.clearChaos()
    await expect(client.sendMessage(sendRequest('hi'))).resolves.toBeTruthy()
  })
})

describe('fetch adapter (handle(), MSW)', () => {
  test('a disconnect is a network error: Response.error()', async () => {
    const mock: Standin = createStandin({ chaos: { disconnectRate: 1 } })
    const res = await mock.handle(
      new Request('http://mock/v1/chat/completions', { method: 'POST', body: JSON.stringify(chat) }),
    )
    expect(res.type).toBe('error')
  })
})
