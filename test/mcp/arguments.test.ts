/**
 * tools/call arguments are checked against the tool's inputSchema: arguments that do not fit answer an
 * isError result naming the field (a tool execution error, as the 2025-11-25 spec asks), through the
 * official SDK client.
 */
import { expect, test, vi } from 'vitest'
import { matchers } from '../../src'
import { startMcpMock } from './mcp-helpers'

declare module 'vitest' {
  interface Assertion<T = any> {
    toHaveCalledTool(name: string, args?: Record<string, unknown>): T
  }
}
expect.extend(matchers)

const lookupOrder = {
  name: 'lookup_order',
  description: 'Find an order',
  inputSchema: {
    type: 'object',
    properties: { orderId: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } },
    required: ['orderId'],
  },
}

const text = (result: Record<string, unknown>) =>
  ((result.content ?? []) as { type: string; text: string }[]).map((block) => block.text).join('')

test('arguments that do not fit the inputSchema are an isError result naming the fields; the handler is not run', async () => {
  const { mcp, mock, connect } = await startMcpMock()
  const handler = vi.fn(({ orderId }: Record<string, unknown>) => `Order ${String(orderId)}: shipped`)
  mcp.addTool(lookupOrder, handler)
  const { client } = await connect()

  const bad = await client.callTool({ name: 'lookup_order', arguments: { quantity: 0 } })
  expect(bad.isError).toBe(true)
  expect(text(bad)).toMatch(/^Invalid arguments for tool "lookup_order": /)
  expect(text(bad)).toMatch(/orderId: .*expected string/)
  expect(text(bad)).toMatch(/quantity: .*>=1/)
  expect(handler).not.toHaveBeenCalled()

  const good = await client.callTool({ name: 'lookup_order', arguments: { orderId: '42', quantity: 2 } })
  expect(good.isError).toBeFalsy()
  expect(text(good)).toBe('Order 42: shipped')
  // Both calls reached the mock: the journal shows what the app sent.
  expect(mock).toHaveCalledTool('lookup_order', { quantity: 0 })
  expect(mock).toHaveCalledTool('lookup_order', { orderId: '42' })
})

test('static results are checked too, and validateArguments: false turns the check off', async () => {
  const checked = await startMcpMock({ tools: [{ ...lookupOrder, result: 'shipped' }] })
  const { client } = await checked.connect()
  expect((await client.callTool({ name: 'lookup_order', arguments: {} })).isError).toBe(true)

  const unchecked = await startMcpMock({
    tools: [{ ...lookupOrder, result: 'shipped' }],
    validateArguments: false,
  })
  const second = await unchecked.connect()
  const result = await second.client.callTool({ name: 'lookup_order', arguments: {} })
  expect(result.isError).toBeFalsy()
  expect(text(result)).toBe('shipped')
})

test('a tool without an inputSchema takes any arguments', async () => {
  const { mcp, connect } = await startMcpMock()
  mcp.addTool({ name: 'echo' }, (args) => JSON.stringify(args))
  const { client } = await connect()
  expect(text(await client.callTool({ name: 'echo', arguments: { anything: [1, 2] } }))).toBe(
    '{"anything":[1,2]}',
  )
})
