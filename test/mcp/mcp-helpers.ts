/**
 * An MCP mock mounted on a lenient standin on port 0, and the official SDK client connected to it.
 * @module
 */
import { Client, type ClientOptions } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { afterAll } from 'vitest'
import {
  createMcpServer,
  createStandin,
  type McpServerOptions,
  type Standin,
  type StandinMcpServer,
} from '../../src/internal'

export interface McpMock {
  mock: Standin
  mcp: StandinMcpServer
  url: string
  /** `${url}/mcp` */
  endpoint: string
  /** A connected SDK client (closed after the file's tests). */
  connect(
    options?: ClientOptions & { headers?: Record<string, string>; path?: string },
  ): Promise<McpConnection>
}

export interface McpConnection {
  client: Client
  transport: StreamableHTTPClientTransport
}

const closers: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

export async function startMcpMock(options: McpServerOptions = {}, strict = false): Promise<McpMock> {
  const mcp = createMcpServer(options)
  const mock = createStandin({ strict }).mount('/mcp', mcp)
  const server = await mock.listen()
  closers.push(server.close)
  return {
    mock,
    mcp,
    url: server.url,
    endpoint: `${server.url}/mcp`,
    async connect({ headers, path = '/mcp', ...clientOptions } = {}) {
      const client = new Client({ name: 'standin-test', version: '1.0.0' }, clientOptions)
      const transport = new StreamableHTTPClientTransport(new URL(`${server.url}${path}`), {
        requestInit: headers ? { headers } : undefined,
      })
      await client.connect(transport)
      closers.push(() => client.close())
      return { client, transport }
    },
  }
}

/** Sends one JSON-RPC body to the endpoint as the spec's client does (both media types accepted). */
export function rpc(
  endpoint: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

/** Initializes over raw fetch (a JSON answer); resolves to the issued session id and the initialize result. */
export async function initialize(endpoint: string, protocolVersion = '2025-11-25') {
  const params = { protocolVersion, capabilities: {}, clientInfo: { name: 'raw', version: '1' } }
  const response = await rpc(
    endpoint,
    { jsonrpc: '2.0', id: 1, method: 'initialize', params },
    { accept: 'application/json' },
  )
  const body = await response.json()
  return { response, body, sessionId: response.headers.get('mcp-session-id')! }
}
