/**
 * `createStandin({ config })`: the seed's one-port config file, read in code as `standin serve --config`
 * reads it (fixtures, engine settings, MCP / AG-UI / A2A servers mounted).
 */
import { HttpAgent, type AssistantMessage } from '@ag-ui/client'
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { join } from 'node:path'
import OpenAI from 'openai'
import { afterEach, expect, test, vi } from 'vitest'
import { ConfigError, createStandin } from '../src'
import { ROOT, tempFiles } from './cli/cli-process'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

test('the example config serves its LLM fixtures and mounts MCP, AG-UI and A2A', async () => {
  const mock = createStandin({ config: join(ROOT, 'examples/aimock.json'), strict: false })
  const { url, close } = await mock.listen()
  closers.push(close)
  const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'x', maxRetries: 0 })
  const chat = await openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'hello' }],
  })
  expect(chat.choices[0]!.message.content).toMatch(/^Hello!/)

  const mcp = new McpClient({ name: 'config-test', version: '1.0.0' })
  await mcp.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)))
  expect((await mcp.listTools()).tools.map((t) => t.name)).toEqual(['search_docs'])
  await mcp.close()

  const agent = new HttpAgent({ url: `${url}/agui` })
  agent.addMessage({ id: 'u1', role: 'user', content: 'hello' })
  const { newMessages } = await agent.runAgent()
  expect((newMessages[0] as AssistantMessage).content).toBe('Hi! I am the stand-in agent behind this UI.')

  const card = (await (await fetch(`${url}/.well-known/agent-card.json`)).json()) as { name: string }
  expect(card.name).toBe('translator')
})

test("the config's engine settings apply, and options given in code win", async () => {
  const dir = tempFiles({ 'aimock.json': { llm: { chunkSize: 3, latency: 5 }, strict: true } })
  const fromFile = createStandin({ config: join(dir, 'aimock.json') })
  expect(fromFile.strict).toBe(true)
  // chunkSize 3 and a latency: three-character deltas, each written on its own (paced).
  expect(await streamedReads(fromFile)).toEqual({ deltas: ['abc', 'def', 'g'], reads: 5 })
  const overridden = createStandin({ config: join(dir, 'aimock.json'), strict: false, chunkSize: 9 })
  expect(overridden.strict).toBe(false)
  expect((await streamedReads(overridden)).deltas).toEqual(['abcdefg'])
})

/** Streams 'abcdefg' in-process; returns the content deltas and how many separate reads carried them. */
async function streamedReads(mock: ReturnType<typeof createStandin>) {
  mock.on({}, { content: 'abcdefg' })
  const response = await mock.handle(
    new Request('http://standin.local/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'x' }] }),
    }),
  )
  const reader = response.body!.getReader()
  let text = ''
  let reads = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    reads++
    text += new TextDecoder().decode(value)
  }
  const deltas = text
    .split('\n')
    .filter((line) => line.startsWith('data: {'))
    .map((line) => JSON.parse(line.slice(6)).choices[0]?.delta?.content)
    .filter((content): content is string => typeof content === 'string' && content !== '')
  return { deltas, reads }
}

test('file fixtures load before the fixtures option, so the config answers first', async () => {
  const dir = tempFiles({
    'aimock.json': { llm: { fixtures: './a.json' } },
    'a.json': { fixtures: [{ match: { userMessage: 'ping' }, response: { content: 'from the config' } }] },
    'b.json': { fixtures: [{ match: { userMessage: 'ping' }, response: { content: 'from fixtures' } }] },
  })
  const mock = createStandin({ config: join(dir, 'aimock.json'), fixtures: join(dir, 'b.json') })
  expect(mock.fixtures.map((f) => f.source)).toEqual([
    expect.stringContaining('a.json'),
    expect.stringContaining('b.json'),
  ])
})

test('a bad config throws a ConfigError naming file and JSON path; unserved sections warn', () => {
  const dir = tempFiles({
    'bad.json': { llm: { chunkSize: 'big' } },
    'providers.json': { llm: { providers: ['openai'] } },
  })
  expect(() => createStandin({ config: join(dir, 'bad.json') })).toThrow(ConfigError)
  expect(() => createStandin({ config: join(dir, 'bad.json') })).toThrow(/llm\.chunkSize/)
  expect(() => createStandin({ config: join(dir, 'missing.json') })).toThrow(/no such config file/)
  const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
  try {
    createStandin({ config: join(dir, 'providers.json') })
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/at llm\.providers: not needed/), {
      code: 'STANDIN_CONFIG',
    })
  } finally {
    warn.mockRestore()
  }
})
