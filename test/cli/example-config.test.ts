/**
 * The bundled example config (`examples/aimock.json`, the seed's one-port format) serves the LLM APIs, an
 * MCP server, an A2A agent and an AG-UI agent on one port, each reached through its official SDK, and one
 * journal holds them all.
 */
import { HttpAgent, type AssistantMessage } from '@ag-ui/client'
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import OpenAI from 'openai'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { JournalEntry } from '../../src'
import { collect, sendRequest, summarize, textOf, v1Client } from '../a2a/a2a-helpers'
import { ROOT, startCli, type Served } from './cli-process'

let served: Served
beforeAll(async () => {
  served = await startCli(['serve', '--config', 'examples/aimock.json', '--port', '0'], { cwd: ROOT })
  await served.waitForStdout(/Press Ctrl\+C to stop/)
})
afterAll(() => served.stop())

test('the startup report lists every surface and nothing as not yet served', () => {
  const out = served.stdout()
  expect(out).toMatch(/\/mcp\s+MCP, Streamable HTTP \(1 tool, 0 resources, 0 prompts\)/)
  expect(out).toMatch(/POST\s+\/a2a\/translator\s+A2A agent "translator"/)
  expect(out).toMatch(/POST\s+\/agui\s+AG-UI agent, RunAgentInput in, SSE events out \(2 fixtures\)/)
  expect(out).not.toContain('not yet served')
})

test('openai, MCP, A2A and AG-UI clients all get their answers from the one port', async () => {
  const openai = new OpenAI({ baseURL: `${served.url}/v1`, apiKey: 'x', maxRetries: 0 })
  const chat = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hello' }],
  })
  expect(chat.choices[0]!.message.content).toMatch(/^Hello!/)

  const mcp = new McpClient({ name: 'example-test', version: '1.0.0' })
  await mcp.connect(new StreamableHTTPClientTransport(new URL(`${served.url}/mcp`)))
  const found = await mcp.callTool({ name: 'search_docs', arguments: { query: 'sessions' } })
  expect(found.content).toEqual([{ type: 'text', text: 'Found 2 pages about your query.' }])
  await mcp.close()

  const a2a = await v1Client(`${served.url}/`)
  expect((await a2a.getAgentCard()).name).toBe('translator')
  const reply = await a2a.sendMessage(sendRequest('please translate hello world'))
  expect('parts' in reply && textOf(reply.parts)).toBe('Bonjour le monde')
  const events = await collect(a2a.sendMessageStream(sendRequest('translate this document')))
  expect(summarize(events)).toEqual([
    'task:submitted',
    'status:working',
    'artifact:translation=Premier paragraphe.',
    'artifact:translation+= Second paragraphe.',
    'status:completed',
  ])

  const agent = new HttpAgent({ url: `${served.url}/agui`, threadId: 'example-thread' })
  agent.addMessage({ id: 'u1', role: 'user', content: "What's the weather like?" })
  const { newMessages } = await agent.runAgent({})
  const call = (newMessages[0] as AssistantMessage).toolCalls![0]!
  expect([call.function.name, JSON.parse(call.function.arguments)]).toEqual([
    'get_weather',
    { city: 'Paris' },
  ])

  const journal = (await (await fetch(`${served.url}/__standin/journal`)).json()) as JournalEntry[]
  const surfaces = new Set(journal.map((entry) => (entry.surface ?? '').split('.')[0]))
  expect([...surfaces].sort()).toEqual(expect.arrayContaining(['a2a', 'agui', 'mcp', 'openai']))
})
