import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js'
import { describe, expect, test } from 'vitest'
import { matchers, type JournalEntry, type StandinMcpServer } from '../../src/internal'
import { startMcpMock } from './mcp-helpers'

declare module 'vitest' {
  interface Assertion<T = any> {
    toHaveCalledTool(name: string, args?: Record<string, unknown>): T
  }
}
expect.extend(matchers)

const orderId = { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] }

/** Every kind of tool answer, resource and prompt the server offers. */
function offerEverything(mcp: StandinMcpServer): void {
  mcp
    .addTool(
      { name: 'lookup_order', description: 'Find an order', inputSchema: orderId },
      (args) => `Order ${args.orderId}: shipped`,
    )
    .onToolCall('refund', () => {
      throw new Error('refunds are closed on Sundays')
    })
    .addTool({ name: 'status', result: [{ type: 'text', text: 'all systems go' }] })
    .addTool({ name: 'banner', result: 'Welcome!' })
    .addTool(
      {
        name: 'weather',
        outputSchema: { type: 'object', properties: { city: { type: 'string' }, tempC: { type: 'number' } } },
      },
      ({ city }) => ({ city, tempC: 21 }),
    )
    .addResource(
      { uri: 'file:///policy.md', name: 'policy', mimeType: 'text/markdown' },
      { text: '# Refunds\nWithin 30 days.' },
    )
    .addResource({ uri: 'file:///logo.png', name: 'logo', mimeType: 'image/png', blob: 'iVBORw0KGgo=' })
    .addResourceTemplate(
      { uriTemplate: 'orders://{orderId}', name: 'order', mimeType: 'application/json' },
      (_uri, vars) => JSON.stringify({ orderId: vars.orderId, state: 'shipped' }),
    )
    .addResourceTemplate({
      uriTemplate: 'file:///logs/{date}',
      name: 'daily log',
      text: 'Nothing happened on {date}.',
    })
    .addPrompt({
      name: 'summarize',
      arguments: [{ name: 'text', required: true }],
      result: { messages: [{ role: 'user', content: { type: 'text', text: 'Summarize: {{text}}' } }] },
    })
    .addPrompt(
      { name: 'greet', arguments: [{ name: 'name' }] },
      ({ name }) => `Say hello to ${name ?? 'everyone'}`,
    )
}

describe.each(['json', 'sse'] as const)(
  'the MCP SDK client over Streamable HTTP, %s responses',
  (responseMode) => {
    test('initializes, then lists and calls tools, reads resources and gets prompts in one session', async () => {
      const { mock, mcp, connect } = await startMcpMock({
        responseMode,
        serverInfo: { name: 'orders', version: '2.0.0' },
        instructions: 'Look orders up before answering.',
      })
      offerEverything(mcp)
      const { client, transport } = await connect()

      expect(client.getServerVersion()).toEqual({ name: 'orders', version: '2.0.0' })
      expect(client.getServerCapabilities()).toEqual({
        tools: { listChanged: true },
        resources: { listChanged: true },
        prompts: { listChanged: true },
      })
      expect(client.getInstructions()).toBe('Look orders up before answering.')
      expect(transport.protocolVersion).toBe('2025-11-25')
      const sessionId = transport.sessionId
      expect(sessionId).toMatch(/^[0-9a-f-]{36}$/)

      const { tools } = await client.listTools()
      expect(tools.map((t) => t.name)).toEqual(['lookup_order', 'refund', 'status', 'banner', 'weather'])
      expect(tools[0]).toEqual({ name: 'lookup_order', description: 'Find an order', inputSchema: orderId })
      expect(tools[1]!.inputSchema).toEqual({ type: 'object' })

      expect(await client.callTool({ name: 'lookup_order', arguments: { orderId: '42' } })).toEqual({
        content: [{ type: 'text', text: 'Order 42: shipped' }],
      })
      expect(await client.callTool({ name: 'refund', arguments: { orderId: '42' } })).toEqual({
        content: [{ type: 'text', text: 'refunds are closed on Sundays' }],
        isError: true,
      })
      expect(await client.callTool({ name: 'status' })).toEqual({
        content: [{ type: 'text', text: 'all systems go' }],
      })
      expect(await client.callTool({ name: 'banner' })).toEqual({
        content: [{ type: 'text', text: 'Welcome!' }],
      })
      // The SDK checks structured content against the tool's outputSchema.
      expect(await client.callTool({ name: 'weather', arguments: { city: 'Oslo' } })).toEqual({
        content: [{ type: 'text', text: '{"city":"Oslo","tempC":21}' }],
        structuredContent: { city: 'Oslo', tempC: 21 },
      })

      expect((await client.listResources()).resources).toEqual([
        { uri: 'file:///policy.md', name: 'policy', mimeType: 'text/markdown' },
        { uri: 'file:///logo.png', name: 'logo', mimeType: 'image/png' },
      ])
      expect((await client.readResource({ uri: 'file:///policy.md' })).contents).toEqual([
        { uri: 'file:///policy.md', mimeType: 'text/markdown', text: '# Refunds\nWithin 30 days.' },
      ])
      expect((await client.readResource({ uri: 'file:///logo.png' })).contents).toEqual([
        { uri: 'file:///logo.png', mimeType: 'image/png', blob: 'iVBORw0KGgo=' },
      ])
      expect((await client.listResourceTemplates()).resourceTemplates).toEqual([
        { uriTemplate: 'orders://{orderId}', name: 'order', mimeType: 'application/json' },
        { uriTemplate: 'file:///logs/{date}', name: 'daily log' },
      ])
      expect((await client.readResource({ uri: 'orders://42' })).contents).toEqual([
        { uri: 'orders://42', mimeType: 'application/json', text: '{"orderId":"42","state":"shipped"}' },
      ])
      expect((await client.readResource({ uri: 'file:///logs/2025-01-31' })).contents).toEqual([
        { uri: 'file:///logs/2025-01-31', text: 'Nothing happened on 2025-01-31.' },
      ])
      await expect(client.readResource({ uri: 'file:///missing' })).rejects.toMatchObject({ code: -32002 })

      expect((await client.listPrompts()).prompts).toEqual([
        { name: 'summarize', arguments: [{ name: 'text', required: true }] },
        { name: 'greet', arguments: [{ name: 'name' }] },
      ])
      expect(await client.getPrompt({ name: 'summarize', arguments: { text: 'the refund policy' } })).toEqual(
        {
          messages: [{ role: 'user', content: { type: 'text', text: 'Summarize: the refund policy' } }],
        },
      )
      expect(await client.getPrompt({ name: 'greet', arguments: { name: 'Ada' } })).toEqual({
        messages: [{ role: 'user', content: { type: 'text', text: 'Say hello to Ada' } }],
      })
      const missing = await client.getPrompt({ name: 'summarize' }).catch((error: unknown) => error)
      expect(missing).toBeInstanceOf(McpError)
      expect(missing).toMatchObject({ code: ErrorCode.InvalidParams })
      await client.ping()

      expect(mock).toHaveCalledTool('lookup_order', { orderId: '42' })
      expect(mock).toHaveCalledTool('refund')
      expect(mock).not.toHaveCalledTool('lookup_order', { orderId: '43' })
      // One session throughout, and the answers really came in the mode asked for.
      const answered = (e: JournalEntry) =>
        e.request?.kind === 'tool-call' ||
        (e.request?.kind === 'rpc' && e.request.id !== undefined && e.request.method !== 'initialize')
      const calls = mock.journal.entries.filter(answered)
      expect(calls.length).toBeGreaterThan(10)
      for (const entry of calls) {
        expect(entry.headers['mcp-session-id']).toBe(sessionId)
        expect(entry.response.stream).toBe(responseMode === 'sse')
      }
    })
  },
)

test('every call is journaled with its method and params, a tool call as a tool invocation', async () => {
  const { mock, mcp, connect } = await startMcpMock()
  mcp.onToolCall('lookup_order', () => 'shipped')
  const { client } = await connect()
  await client.listTools()
  await client.callTool({ name: 'lookup_order', arguments: { orderId: '42' } })

  // POSTs only: the client opens its GET stream without waiting, so that entry lands at no fixed place.
  const requests = mock.journal.filter({ method: 'POST' }).map((e) => e.request)
  expect(requests).toEqual([
    expect.objectContaining({ kind: 'rpc', surface: 'mcp', method: 'initialize', id: 0 }),
    expect.objectContaining({ kind: 'rpc', method: 'notifications/initialized' }),
    expect.objectContaining({ kind: 'rpc', method: 'tools/list', id: 1 }),
    {
      kind: 'tool-call',
      surface: 'mcp',
      provider: 'mcp',
      name: 'lookup_order',
      arguments: { orderId: '42' },
    },
  ])
  expect(mock.journal.last({ method: 'POST' })?.response).toEqual({
    status: 200,
    stream: false,
    text: 'shipped',
  })
  expect(mock).toHaveReceivedRequest({ rpcMethod: 'tools/list' })
})
