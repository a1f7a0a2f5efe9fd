import type { Tool } from '@modelcontextprotocol/sdk/types.js'
import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { expect, test } from 'vitest'
import { initialize, rpc, startMcpMock } from './mcp-helpers'

/** Resolves with the next list the SDK client refetched after a `list_changed` notification. */
function nextChange<T>(): {
  onChanged: (error: Error | null, items: T[] | null) => void
  changed: Promise<T[]>
} {
  let resolve!: (items: T[]) => void
  let reject!: (error: Error) => void
  const changed = new Promise<T[]>((res, rej) => ((resolve = res), (reject = rej)))
  return { changed, onChanged: (error, items) => (error ? reject(error) : resolve(items ?? [])) }
}

/** Reads SSE events off a live stream until `count` have arrived, then stops reading. */
async function takeEvents(body: ReadableStream<Uint8Array>, count: number): Promise<EventSourceMessage[]> {
  const events: EventSourceMessage[] = []
  const parser = createParser({ onEvent: (event) => events.push(event) })
  const reader = body.getReader()
  const decoder = new TextDecoder()
  while (events.length < count) {
    const { done, value } = await reader.read()
    if (done) break
    parser.feed(decoder.decode(value, { stream: true }))
  }
  await reader.cancel()
  return events
}

test('the SDK client hears tools/list_changed when a tool is added at run time, and sees the new list', async () => {
  const { mcp, connect } = await startMcpMock()
  mcp.addTool({ name: 'lookup_order' })
  const tools = nextChange<Tool>()
  await connect({ listChanged: { tools: { onChanged: tools.onChanged, debounceMs: 0 } } })

  mcp.addTool({ name: 'cancel_order', description: 'Cancel an order' })

  expect((await tools.changed).map((t) => t.name)).toEqual(['lookup_order', 'cancel_order'])
})

test('prompts and resources changes are announced too', async () => {
  const { mcp, connect } = await startMcpMock()
  const prompts = nextChange<{ name: string }>()
  const resources = nextChange<{ uri: string }>()
  await connect({
    listChanged: {
      prompts: { onChanged: prompts.onChanged, debounceMs: 0 },
      resources: { onChanged: resources.onChanged, debounceMs: 0 },
    },
  })

  mcp.addPrompt({ name: 'summarize', result: { messages: [] } })
  mcp.addResource({ uri: 'file:///notes.txt', name: 'notes', text: 'hi' })

  expect((await prompts.changed).map((p) => p.name)).toEqual(['summarize'])
  expect((await resources.changed).map((r) => r.uri)).toEqual(['file:///notes.txt'])
})

test('the GET stream is SSE carrying JSON-RPC notifications, and ends when the session is deleted', async () => {
  const { mcp, endpoint } = await startMcpMock()
  const { sessionId } = await initialize(endpoint)
  const headers = { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' }
  const stream = await fetch(endpoint, { headers: { accept: 'text/event-stream', ...headers } })
  expect(stream.status).toBe(200)
  expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/)
  expect(stream.headers.get('mcp-session-id')).toBe(sessionId)

  mcp.addTool({ name: 'lookup_order' })
  mcp.removeTool('lookup_order')
  const events = await takeEvents(stream.body!, 2)
  expect(events.map((e) => [e.event, JSON.parse(e.data)])).toEqual([
    ['message', { jsonrpc: '2.0', method: 'notifications/tools/list_changed' }],
    ['message', { jsonrpc: '2.0', method: 'notifications/tools/list_changed' }],
  ])

  const second = await fetch(endpoint, { headers: { accept: 'text/event-stream', ...headers } })
  const ended = fetch(endpoint, { method: 'DELETE', headers })
  expect((await ended).status).toBe(204)
  expect(await takeEvents(second.body!, 1)).toEqual([])
  expect((await rpc(endpoint, { jsonrpc: '2.0', id: 2, method: 'ping' }, headers)).status).toBe(404)
})

test('a change before the client opens its stream is delivered when it does', async () => {
  const { mcp, endpoint } = await startMcpMock()
  const { sessionId } = await initialize(endpoint)
  mcp.addTool({ name: 'early' })
  mcp.addTool({ name: 'earlier' })

  const stream = await fetch(endpoint, {
    headers: { accept: 'text/event-stream', 'mcp-session-id': sessionId },
  })
  const [event] = await takeEvents(stream.body!, 1)
  expect(JSON.parse(event!.data)).toEqual({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' })
})
