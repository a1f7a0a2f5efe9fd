import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js'
import { describe, expect, test } from 'vitest'
import { createMcpServer, createStandin, matchers } from '../../src/internal'
import { startMcpMock } from './mcp-helpers'

declare module 'vitest' {
  interface Assertion<T = any> {
    toHaveCalledTool(name: string, args?: Record<string, unknown>): T
  }
}
expect.extend(matchers)

describe('strict mode', () => {
  test('strict: an unknown tool is the spec error -32602, a tool with no answer is -32603', async () => {
    const { mcp, connect } = await startMcpMock({}, true)
    mcp.addTool({ name: 'lookup_order' })
    const { client } = await connect()

    const unknown = await client.callTool({ name: 'lookup_ordr' }).catch((error: unknown) => error)
    expect(unknown).toBeInstanceOf(McpError)
    expect(unknown).toMatchObject({
      code: ErrorCode.InvalidParams,
      message: expect.stringContaining('Unknown tool: lookup_ordr (tools: lookup_order)'),
    })
    await expect(client.callTool({ name: 'lookup_order' })).rejects.toMatchObject({
      code: ErrorCode.InternalError,
      message: expect.stringContaining('tool "lookup_order" has no handler or result'),
    })
  })

  test('lenient: the same calls answer isError results that explain', async () => {
    const { mock, mcp, connect } = await startMcpMock({}, false)
    mcp.addTool({ name: 'lookup_order' })
    const { client } = await connect()

    expect(await client.callTool({ name: 'lookup_ordr' })).toEqual({
      content: [{ type: 'text', text: 'standin: Unknown tool: lookup_ordr (tools: lookup_order)' }],
      isError: true,
    })
    const noAnswer = await client.callTool({ name: 'lookup_order' })
    expect(noAnswer.isError).toBe(true)
    expect(mock.journal.last({ method: 'POST' })?.response.error).toMatchObject({ type: 'tool_error' })
  })

  test('x-standin-strict on the request overrides the mock', async () => {
    const { connect } = await startMcpMock({}, false)
    const { client } = await connect({ headers: { 'x-standin-strict': 'true' } })
    await expect(client.callTool({ name: 'anything' })).rejects.toMatchObject({
      code: ErrorCode.InvalidParams,
    })
  })
})

describe('standin sessions', () => {
  test('calls made with a session header belong to that session', async () => {
    const { mock, mcp, connect } = await startMcpMock()
    mcp.onToolCall('lookup_order', ({ orderId }) => `Order ${orderId}`)
    const alice = mock.session('alice')
    const bob = mock.session('bob')
    const { client } = await connect({ headers: alice.headers })
    await client.callTool({ name: 'lookup_order', arguments: { orderId: '42' } })

    expect(alice).toHaveCalledTool('lookup_order', { orderId: '42' })
    expect(bob).not.toHaveCalledTool('lookup_order')
    expect(alice.journal.filter({ method: 'POST' }).every((e) => e.session === 'alice')).toBe(true)
  })

  test("a session's path prefix reaches the mounted server too", async () => {
    const { mock, mcp, connect } = await startMcpMock()
    mcp.onToolCall('lookup_order', () => 'found')
    const carol = mock.session('carol')
    const { client } = await connect({ path: '/_s/carol/mcp' })
    await client.callTool({ name: 'lookup_order', arguments: { orderId: '7' } })
    expect(carol).toHaveCalledTool('lookup_order', { orderId: '7' })
  })
})

test('in process: the SDK client talks to mock.handle() through its fetch option, streams included', async () => {
  const mcp = createMcpServer({ responseMode: 'sse' }).onToolCall('lookup_order', () => 'in process')
  const mock = createStandin({ strict: false }).mount('/mcp', mcp)
  const client = new Client({ name: 'app', version: '1' })
  const transport = new StreamableHTTPClientTransport(new URL('http://mock.test/mcp'), {
    fetch: (url, init) => mock.handle(new Request(url, init)),
  })
  await client.connect(transport)
  expect(await client.callTool({ name: 'lookup_order', arguments: {} })).toEqual({
    content: [{ type: 'text', text: 'in process' }],
  })
  await transport.terminateSession()
  await client.close()
  expect(mcp.sessionCount).toBe(0)
  expect(mock).toHaveCalledTool('lookup_order')
})

test("standalone, as the seed's mcp.start(): the server answers at the root of its own port", async () => {
  const mcp = createMcpServer()
  mcp.addTool({ name: 'calc', description: 'Calculator' }).onToolCall('calc', () => '42')
  const url = await mcp.start()
  try {
    const client = new Client({ name: 'app', version: '1' })
    await client.connect(new StreamableHTTPClientTransport(new URL(url)))
    expect(await client.callTool({ name: 'calc', arguments: { expression: '6*7' } })).toEqual({
      content: [{ type: 'text', text: '42' }],
    })
    await client.close()
  } finally {
    await mcp.stop()
  }
})

test('definitions are validated when added, naming the field', () => {
  const mcp = createMcpServer()
  expect(() => mcp.addTool({ name: '' })).toThrow(/addTool\(\) at name: expected a non-empty tool name/)
  expect(() => mcp.addTool({ name: 'x', inputSchem: {} } as never)).toThrow(
    /addTool\(\) at inputSchem: unknown field "inputSchem"/,
  )
  expect(() => mcp.addResourceTemplate({ uriTemplate: 'a://{x,y}', name: 't' })).toThrow(
    /one variable per expression/,
  )
})
