import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import OpenAI from 'openai'
import { expect, test } from 'vitest'
import { matchers, type JournalEntry } from '../../src'
import { runCli, startCli, tempFiles } from '../cli/cli-process'
import { collect, isTask, sendRequest, summarize, textOf, v03Client, v1Client } from './a2a-helpers'

const files = {
  'aimock.json': {
    llm: { fixtures: './llm.json' },
    mcp: { tools: [{ name: 'lookup_order', result: 'Order 42 shipped' }] },
    a2a: { agents: './fixtures/a2a/agents.json' },
  },
  'llm.json': {
    fixtures: [
      { match: { userMessage: 'order 42' }, response: { content: 'Let me ask the shipping agent.' } },
    ],
  },
}

const AGENTS_FILE = 'fixtures/a2a/agents.json'
const agentsFile = {
  agents: [
    {
      name: 'shipping',
      description: 'Tracks parcels',
      skills: [{ id: 'track', name: 'Track a parcel' }],
      messages: [{ pattern: 'where', parts: [{ text: 'In transit, arriving Friday.' }] }],
      tasks: [
        {
          pattern: { regex: 'label', flags: 'i' },
          artifacts: [{ name: 'label', parts: [{ text: 'LABEL-42' }] }],
        },
      ],
    },
    {
      name: 'research-agent',
      streamingTasks: [
        {
          pattern: 'deep-research',
          events: [
            { type: 'status', state: 'TASK_STATE_WORKING' },
            { type: 'artifact', name: 'report', parts: [{ text: '## Findings' }], lastChunk: true },
            { type: 'status', state: 'TASK_STATE_COMPLETED' },
          ],
          delayMs: 10,
        },
      ],
      messages: [{ pattern: 'research', parts: [{ text: 'A short answer.' }] }],
    },
  ],
}

/** The config and its files; the agents file sits where the seed's config puts it. */
function configFolder(agents: unknown = agentsFile): string {
  const dir = tempFiles(files)
  mkdirSync(dirname(join(dir, AGENTS_FILE)), { recursive: true })
  writeFileSync(join(dir, AGENTS_FILE), JSON.stringify(agents))
  return dir
}

test('one config file serves the LLM, MCP and two A2A agents on one port, journaled together', async () => {
  const dir = configFolder()
  const served = await startCli(['serve', '--config', join(dir, 'aimock.json'), '--port', '0'])
  await served.waitForStdout(/Press Ctrl\+C to stop/)
  const out = served.stdout()
  expect(out).toMatch(/GET\s+\/\.well-known\/agent-card\.json\s+A2A agent card of "shipping"/)
  expect(out).toMatch(/POST\s+\/a2a\/shipping\s+A2A agent "shipping", JSON-RPC 1\.0 and 0\.3 \(2 fixtures\)/)
  expect(out).toMatch(/POST\s+\/a2a\/research-agent\s+A2A agent "research-agent"/)
  expect(out).not.toContain('not yet served')

  const openai = new OpenAI({ baseURL: `${served.url}/v1`, apiKey: 'x', maxRetries: 0 })
  const reply = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'where is order 42?' }],
  })
  expect(reply.choices[0]!.message.content).toBe('Let me ask the shipping agent.')

  const mcp = new McpClient({ name: 'agent', version: '1.0.0' })
  await mcp.connect(new StreamableHTTPClientTransport(new URL(`${served.url}/mcp`)))
  expect((await mcp.callTool({ name: 'lookup_order', arguments: { orderId: '42' } })).content).toEqual([
    { type: 'text', text: 'Order 42 shipped' },
  ])
  await mcp.close()

  // The root card is the first agent's; the SDK then calls the card's URL on the same port.
  const shipping = await v1Client(`${served.url}/`)
  const where = await shipping.sendMessage(sendRequest('where is my parcel?'))
  expect(!isTask(where) && textOf(where.parts)).toBe('In transit, arriving Friday.')
  const label = await (await v03Client(`${served.url}/`)).sendMessage(sendRequest('print the LABEL'))
  expect(isTask(label) && label.artifacts.map((a) => textOf(a.parts))).toEqual(['LABEL-42'])

  // The peer's example: "deep-research" streams, past the agent's "research" message.
  const researcher = await v1Client(`${served.url}/a2a/research-agent/`)
  const events = await collect(researcher.sendMessageStream(sendRequest('deep-research on parcels')))
  expect(summarize(events)).toEqual([
    'task:submitted',
    'status:working',
    'artifact:report=## Findings',
    'status:completed',
  ])

  const journal = (await (await fetch(`${served.url}/__standin/journal`)).json()) as JournalEntry[]
  expect(journal.some((e) => e.surface === 'openai.chat')).toBe(true)
  expect(matchers.toHaveCalledTool(journal, 'lookup_order', { orderId: '42' }).pass).toBe(true)
  expect(matchers.toHaveReceivedRequest(journal, { rpcMethod: 'message/send', surface: 'a2a' }).pass).toBe(
    true,
  )
  expect(
    matchers.toHaveReceivedRequest(journal, {
      rpcMethod: 'SendStreamingMessage',
      path: '/a2a/research-agent',
    }).pass,
  ).toBe(true)
  expect(await served.stop()).toBe(0)
})

test('a bad agents file stops serve before listening, naming the file and JSON path', async () => {
  const dir = configFolder([
    { name: 'a', streamingTasks: [{ pattern: 'x', events: [{ type: 'status', state: 'done' }] }] },
  ])
  const result = await runCli(['serve', '--config', 'aimock.json'], { cwd: dir })
  expect(result.code).toBe(1)
  expect(result.stderr).toContain(
    'agents.json at [0].streamingTasks[0].events[0].state: unknown task state "done"',
  )
})

test('the a2a section is validated like the rest of the config', async () => {
  const dir = tempFiles({ 'aimock.json': { a2a: { agent: [], path: 'a2a' } } })
  const result = await runCli(['validate', 'aimock.json'], { cwd: dir })
  expect(result.code).toBe(1)
  expect(result.stderr).toContain(
    'aimock.json at a2a.agent: unknown field "agent" (known in a2a: path, agents)',
  )
  expect(result.stderr).toContain('aimock.json at a2a.path: expected a path starting with "/"')
})
