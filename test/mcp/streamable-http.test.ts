import { expect, test } from 'vitest'
import { readEvents } from '../helpers/sse'
import { initialize, rpc, startMcpMock } from './mcp-helpers'

const ping = (id: number | string = 2) => ({ jsonrpc: '2.0', id, method: 'ping' })

test('session lifecycle: issued by initialize, required (400), unknown (404), ended by DELETE', async () => {
  const { endpoint } = await startMcpMock()
  const { response, body, sessionId } = await initialize(endpoint)
  expect(response.status).toBe(200)
  expect(sessionId).toMatch(/^[0-9a-f-]{36}$/)
  expect(body).toMatchObject({ jsonrpc: '2.0', id: 1, result: { protocolVersion: '2025-11-25' } })

  const missing = await rpc(endpoint, ping())
  expect(missing.status).toBe(400)
  expect(await missing.json()).toEqual({
    jsonrpc: '2.0',
    id: null,
    error: { code: -32000, message: 'Bad Request: the Mcp-Session-Id header is required (initialize first)' },
  })
  const unknown = await rpc(endpoint, ping(), { 'mcp-session-id': 'no-such-session' })
  expect(unknown.status).toBe(404)
  expect((await unknown.json()).error.code).toBe(-32001)

  const ok = await rpc(endpoint, ping(), { 'mcp-session-id': sessionId })
  expect(await ok.json()).toEqual({ jsonrpc: '2.0', id: 2, result: {} })

  const ended = await fetch(endpoint, { method: 'DELETE', headers: { 'mcp-session-id': sessionId } })
  expect(ended.status).toBe(204)
  expect((await rpc(endpoint, ping(), { 'mcp-session-id': sessionId })).status).toBe(404)
  expect((await fetch(endpoint, { method: 'DELETE', headers: { 'mcp-session-id': sessionId } })).status).toBe(
    404,
  )
  expect((await fetch(endpoint, { method: 'DELETE' })).status).toBe(400)
  const get = await fetch(endpoint, { headers: { accept: 'text/event-stream' } })
  expect(get.status).toBe(400)
})

test('notifications are accepted with 202 and no body', async () => {
  const { endpoint } = await startMcpMock()
  const { sessionId } = await initialize(endpoint)
  const response = await rpc(
    endpoint,
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { 'mcp-session-id': sessionId },
  )
  expect(response.status).toBe(202)
  expect(await response.text()).toBe('')
})

test('the protocol version is negotiated down to what the client offers, else the latest is proposed', async () => {
  const { endpoint } = await startMcpMock()
  for (const offered of ['2025-06-18', '2025-03-26', '2024-11-05']) {
    expect((await initialize(endpoint, offered)).body.result.protocolVersion).toBe(offered)
  }
  expect((await initialize(endpoint, '2099-01-01')).body.result.protocolVersion).toBe('2025-11-25')

  const { sessionId } = await initialize(endpoint)
  const unsupported = await rpc(endpoint, ping(), {
    'mcp-session-id': sessionId,
    'mcp-protocol-version': '1900-01-01',
  })
  expect(unsupported.status).toBe(400)
  expect((await unsupported.json()).error.message).toMatch(/unsupported MCP-Protocol-Version 1900-01-01/)
})

test('batches are answered under 2025-03-26 and refused from 2025-06-18, where they were removed', async () => {
  const { endpoint } = await startMcpMock()
  const old = await initialize(endpoint, '2025-03-26')
  const headers = { 'mcp-session-id': old.sessionId, 'mcp-protocol-version': '2025-03-26' }
  const batch = [
    ping(1),
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { jsonrpc: '2.0', id: 'x', method: 'nope' },
    ping(3),
  ]
  const answered = await rpc(endpoint, batch, headers)
  expect(answered.status).toBe(200)
  expect(await answered.json()).toEqual([
    { jsonrpc: '2.0', id: 1, result: {} },
    { jsonrpc: '2.0', id: 'x', error: { code: -32601, message: 'Method not found: nope' } },
    { jsonrpc: '2.0', id: 3, result: {} },
  ])

  const current = await initialize(endpoint)
  const refused = await rpc(endpoint, [ping(1)], { 'mcp-session-id': current.sessionId })
  expect(refused.status).toBe(400)
  expect((await refused.json()).error).toMatchObject({ code: -32600 })
  const initializeInBatch = await rpc(endpoint, [{ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} }])
  expect(initializeInBatch.status).toBe(400)
})

test('JSON-RPC errors: parse error, invalid request, method not found, invalid params', async () => {
  const { endpoint } = await startMcpMock()
  const { sessionId } = await initialize(endpoint)
  const headers = { 'mcp-session-id': sessionId }

  const parse = await rpc(endpoint, '{"jsonrpc": "2.0", "id": 1, ', headers)
  expect(parse.status).toBe(400)
  expect(await parse.json()).toMatchObject({ id: null, error: { code: -32700 } })

  const invalid = await rpc(endpoint, { jsonrpc: '1.0', id: 7, method: 'ping' }, headers)
  expect(invalid.status).toBe(400)
  expect(await invalid.json()).toEqual({
    jsonrpc: '2.0',
    id: 7,
    error: { code: -32600, message: 'Invalid Request: "jsonrpc" must be "2.0"' },
  })

  const unknown = await rpc(endpoint, { jsonrpc: '2.0', id: 8, method: 'sampling/createMessage' }, headers)
  expect(unknown.status).toBe(200)
  expect((await unknown.json()).error).toEqual({
    code: -32601,
    message: 'Method not found: sampling/createMessage',
  })

  const params = await rpc(
    endpoint,
    { jsonrpc: '2.0', id: 9, method: 'tools/call', params: { arguments: {} } },
    headers,
  )
  expect((await params.json()).error).toEqual({
    code: -32602,
    message: 'Invalid params: params.name must be a non-empty string',
  })
  const badInit = await rpc(endpoint, { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} })
  expect((await badInit.json()).error.code).toBe(-32602)
  expect(badInit.headers.get('mcp-session-id')).toBeNull()
})

test('JSON or SSE answers follow the Accept header; the server option decides when both are accepted', async () => {
  const { endpoint } = await startMcpMock({ responseMode: 'sse' })
  const { sessionId } = await initialize(endpoint)
  const send = (accept: string) =>
    fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept, 'mcp-session-id': sessionId },
      body: JSON.stringify(ping(5)),
    })

  const both = await send('application/json, text/event-stream')
  expect(both.headers.get('content-type')).toMatch(/^text\/event-stream/)
  const events = await readEvents(both)
  expect(events.map((e) => [e.event, JSON.parse(e.data)])).toEqual([
    ['message', { jsonrpc: '2.0', id: 5, result: {} }],
  ])

  const json = await send('application/json')
  expect(json.headers.get('content-type')).toBe('application/json')
  expect(await json.json()).toEqual({ jsonrpc: '2.0', id: 5, result: {} })

  expect((await send('text/html')).status).toBe(406)
})

test('other methods get 405 naming the allowed ones; paths below the endpoint are not it', async () => {
  const { endpoint } = await startMcpMock()
  const put = await fetch(endpoint, { method: 'PUT', body: '{}' })
  expect(put.status).toBe(405)
  expect(put.headers.get('allow')).toBe('GET, POST, DELETE')
  expect((await rpc(`${endpoint}/extra`, ping())).status).toBe(404)
  // A neighbouring path is not under the mount.
  expect((await rpc(`${endpoint}x`, ping())).status).toBe(404)
})
