import { describe, expect, test } from 'vitest'
import {
  parseRpcBody,
  PushChannel,
  RPC_ERROR,
  RpcDispatcher,
  RpcError,
  rpcSseReply,
  type JsonRpcResponse,
  type RpcRun,
} from '../../src/protocols/jsonrpc'

const rpc = new RpcDispatcher<{ user: string }>({
  whoami: (_params, context) => ({ user: context.user }),
  echo: (params) => params,
  nothing: () => undefined,
  refuse: () => {
    throw new RpcError(RPC_ERROR.invalidParams, 'Invalid params: params.x must be a number', { field: 'x' })
  },
  crash: () => {
    throw new Error('boom')
  },
})

async function answer(body: string): Promise<RpcRun & { failed?: JsonRpcResponse }> {
  const parsed = parseRpcBody(body)
  if (!parsed.ok) return { failed: parsed.response, responses: [], outcomes: [] }
  return rpc.run(parsed.items, { user: 'ada' })
}

describe('the JSON-RPC 2.0 dispatcher', () => {
  test('answers requests with their id, passing params and the caller context', async () => {
    const run = await answer('{"jsonrpc":"2.0","id":"a","method":"whoami"}')
    expect(run).toEqual({
      responses: [{ jsonrpc: '2.0', id: 'a', result: { user: 'ada' } }],
      outcomes: [
        {
          call: { jsonrpc: '2.0', id: 'a', method: 'whoami' },
          result: { user: 'ada' },
          response: expect.anything(),
        },
      ],
    })
    expect((await answer('{"jsonrpc":"2.0","id":1,"method":"nothing"}')).responses).toEqual([
      { jsonrpc: '2.0', id: 1, result: {} },
    ])
  })

  test('errors: an RpcError as thrown, anything else -32603, an unknown method -32601', async () => {
    const body = JSON.stringify([
      { jsonrpc: '2.0', id: 1, method: 'refuse' },
      { jsonrpc: '2.0', id: 2, method: 'crash' },
      { jsonrpc: '2.0', id: 3, method: 'missing' },
    ])
    expect((await answer(body)).responses).toEqual([
      {
        jsonrpc: '2.0',
        id: 1,
        error: { code: -32602, message: 'Invalid params: params.x must be a number', data: { field: 'x' } },
      },
      { jsonrpc: '2.0', id: 2, error: { code: -32603, message: 'Internal error: boom' } },
      { jsonrpc: '2.0', id: 3, error: { code: -32601, message: 'Method not found: missing' } },
    ])
  })

  test('notifications run but are never answered, even when they fail; their outcome is still reported', async () => {
    const run = await answer(
      '[{"jsonrpc":"2.0","method":"crash"},{"jsonrpc":"2.0","method":"echo","params":[1]}]',
    )
    expect(run.responses).toEqual([])
    expect(run.outcomes.map((o) => [o.call.method, o.error?.code ?? o.result])).toEqual([
      ['crash', -32603],
      ['echo', [1]],
    ])
  })

  test('a body that is not JSON, or an empty batch, fails as a whole', async () => {
    expect((await answer('{nope')).failed).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'Parse error: the body is not valid JSON' },
    })
    expect((await answer('[]')).failed).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32600, message: 'Invalid Request: an empty batch' },
    })
  })

  test('malformed batch members get -32600 each, in place, and the rest still run', async () => {
    const run = await answer(
      '[1, {"jsonrpc":"2.0","id":5,"method":7}, {"jsonrpc":"2.0","id":6,"method":"echo","params":"x"}, {"jsonrpc":"2.0","id":7,"method":"whoami"}]',
    )
    expect(run.responses).toEqual([
      {
        jsonrpc: '2.0',
        id: null,
        error: { code: -32600, message: 'Invalid Request: expected a JSON-RPC message object' },
      },
      {
        jsonrpc: '2.0',
        id: 5,
        error: { code: -32600, message: 'Invalid Request: "method" must be a string' },
      },
      {
        jsonrpc: '2.0',
        id: 6,
        error: { code: -32600, message: 'Invalid Request: "params" must be an object or an array' },
      },
      { jsonrpc: '2.0', id: 7, result: { user: 'ada' } },
    ])
  })

  test("a client's responses are recognised and not dispatched", async () => {
    const parsed = parseRpcBody('{"jsonrpc":"2.0","id":3,"result":{}}')
    expect(parsed).toEqual({
      ok: true,
      batch: false,
      items: [{ kind: 'response', value: { jsonrpc: '2.0', id: 3, result: {} } }],
    })
  })
})

describe('server push', () => {
  test('a push channel streams as SSE until the client goes away', async () => {
    const client = new AbortController()
    const channel = new PushChannel<object>(client.signal)
    const reply = rpcSseReply(channel, { event: 'message' })
    expect(reply.headers['content-type']).toMatch(/^text\/event-stream/)
    const frames = (reply.body as AsyncIterable<string>)[Symbol.asyncIterator]()
    channel.push({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' })
    expect((await frames.next()).value).toBe(
      'event: message\ndata: {"jsonrpc":"2.0","method":"notifications/tools/list_changed"}\n\n',
    )
    const waiting = frames.next()
    client.abort()
    expect(await waiting).toEqual({ done: true, value: undefined })
    expect(channel.push({})).toBe(false)
  })
})
