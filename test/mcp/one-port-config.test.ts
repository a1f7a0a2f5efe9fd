import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { join } from 'node:path'
import OpenAI from 'openai'
import { expect, test } from 'vitest'
import { matchers, type JournalEntry } from '../../src'
import { runCli, startCli, tempFiles } from '../cli/cli-process'

const config = {
  llm: { fixtures: './llm.json' },
  mcp: {
    serverInfo: { name: 'orders-mcp', version: '1.0.0' },
    tools: './mcp-tools.json',
    resources: [{ uri: 'file:///policy.md', name: 'policy', mimeType: 'text/markdown', text: '# Refunds' }],
    prompts: [
      {
        name: 'summarize',
        arguments: [{ name: 'text', required: true }],
        result: { messages: [{ role: 'user', content: { type: 'text', text: 'Summarize: {{text}}' } }] },
      },
    ],
  },
}
const files = {
  'aimock.json': config,
  'llm.json': {
    fixtures: [{ match: { userMessage: 'order 42' }, response: { content: 'Let me look that up.' } }],
  },
  'mcp-tools.json': {
    tools: [
      {
        name: 'lookup_order',
        inputSchema: { type: 'object', properties: { orderId: { type: 'string' } } },
        result: 'Order 42 shipped',
      },
      {
        name: 'label',
        result: [
          { type: 'text', text: 'line one' },
          { type: 'text', text: 'line two' },
        ],
      },
    ],
  },
}

test('one config file in the seed format serves the LLM and MCP on one port, journaled together', async () => {
  const dir = tempFiles(files)
  const served = await startCli(['serve', '--config', join(dir, 'aimock.json'), '--port', '0'])
  const report = await served.waitForStdout(/Press Ctrl\+C to stop/)
  expect(served.stdout()).toMatch(
    /POST GET DELETE\s+\/mcp\s+MCP, Streamable HTTP \(2 tools, 1 resource, 1 prompt\)/,
  )
  expect(served.stdout()).not.toContain('not yet served')
  expect(report).toBeTruthy()

  const openai = new OpenAI({ baseURL: `${served.url}/v1`, apiKey: 'x', maxRetries: 0 })
  const reply = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'where is order 42?' }],
  })
  expect(reply.choices[0]!.message.content).toBe('Let me look that up.')

  const client = new Client({ name: 'agent', version: '1.0.0' })
  await client.connect(new StreamableHTTPClientTransport(new URL(`${served.url}/mcp`)))
  expect(client.getServerVersion()).toEqual({ name: 'orders-mcp', version: '1.0.0' })
  expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['lookup_order', 'label'])
  expect(await client.callTool({ name: 'lookup_order', arguments: { orderId: '42' } })).toEqual({
    content: [{ type: 'text', text: 'Order 42 shipped' }],
  })
  expect((await client.callTool({ name: 'label' })).content).toHaveLength(2)
  expect((await client.readResource({ uri: 'file:///policy.md' })).contents[0]).toMatchObject({
    text: '# Refunds',
  })
  expect(
    (await client.getPrompt({ name: 'summarize', arguments: { text: 'it' } })).messages[0]!.content,
  ).toEqual({
    type: 'text',
    text: 'Summarize: it',
  })
  await client.close()

  // Another process reads the journal through the control API, and the matcher sees the MCP tool call.
  const journal = (await (await fetch(`${served.url}/__standin/journal`)).json()) as JournalEntry[]
  expect(journal.some((e) => e.surface === 'openai.chat')).toBe(true)
  expect(matchers.toHaveCalledTool(journal, 'lookup_order', { orderId: '42' }).pass).toBe(true)
  expect(await served.stop()).toBe(0)
})

test('a bad MCP tools file stops serve before listening, naming the file and JSON path', async () => {
  const dir = tempFiles({ ...files, 'mcp-tools.json': [{ name: 'ok' }, { description: 'no name' }] })
  const result = await runCli(['serve', '--config', 'aimock.json'], { cwd: dir })
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('mcp-tools.json at [1].name: expected string')
})

test('the mcp section is validated like the rest of the config', async () => {
  const dir = tempFiles({ 'aimock.json': { mcp: { tols: [], path: 'mcp' } } })
  const result = await runCli(['validate', 'aimock.json'], { cwd: dir })
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('aimock.json at mcp.tols: unknown field "tols" (known in mcp: path,')
  expect(result.stderr).toContain('aimock.json at mcp.path: expected a path starting with "/"')
})
