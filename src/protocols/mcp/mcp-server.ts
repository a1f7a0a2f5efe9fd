/**
 * `createMcpServer()`: a mock MCP server to mount on a mock's port (`mock.mount('/mcp', mcp)`), so the LLM
 * and the tools an agent calls share one port, one journal and one set of matchers.
 * @module
 */
import type { MountSurface } from '../mounts/mount'
import type { ListenOptions } from '../../transports/node-server'
import { standalone } from '../mounts/standalone'
import {
  Catalog,
  type McpList,
  type McpPromptHandler,
  type McpResourceReader,
  type McpToolHandler,
} from './catalog'
import type { McpServerInfo } from './mcp-context'
import { McpSessions } from './mcp-session'
import type { McpPrompt, McpResource, McpResourceTemplate, McpTool } from './schema'
import { serveStreamableHttp, type McpEndpoint, type McpResponseMode } from './streamable-http'

export interface McpServerOptions {
  /** Sent in the `initialize` result (default `{ name: 'standin-mcp', version: '1.0.0' }`). */
  serverInfo?: McpServerInfo
  /** Sent in the `initialize` result: how a model should use this server. */
  instructions?: string
  /**
   * How POSTs are answered when the client accepts both JSON and SSE, as the SDK's client does (default
   * `json`). A client that accepts only one gets that one.
   */
  responseMode?: McpResponseMode
  /**
   * Check each `tools/call`'s arguments against the tool's `inputSchema` (default true): arguments that do
   * not fit answer an `isError` result naming the field, as a real server's input validation does, so a
   * test sees the app send wrong arguments.
   */
  validateArguments?: boolean
  /** Definitions to start with, in the config file's format (static `result`s and `text`s). */
  tools?: McpTool[]
  resources?: McpResource[]
  resourceTemplates?: McpResourceTemplate[]
  prompts?: McpPrompt[]
}

/** Static contents for `addResource` (the definition's own `text`/`blob` work too). */
export interface McpResourceContent {
  text?: string
  blob?: string
  mimeType?: string
}

export interface StandinMcpServer extends MountSurface {
  /**
   * Offers a tool, answered by `handler`, else by the definition's static `result`.
   * @example mcp.addTool({ name: 'lookup_order', inputSchema: { type: 'object', properties: { orderId: { type: 'string' } } } })
   */
  addTool(tool: McpTool, handler?: McpToolHandler): StandinMcpServer
  /**
   * Answers calls of tool `name` (adding the tool if it is not offered yet). The handler returns text,
   * content blocks, a whole result or an object (sent as structured content); a throw answers `isError`.
   * @example mcp.onToolCall('lookup_order', ({ orderId }) => `Order ${orderId}: shipped`)
   */
  onToolCall(name: string, handler: McpToolHandler): StandinMcpServer
  removeTool(name: string): boolean
  /** Offers a resource: its contents are static (here or in the definition) or read by a function. */
  addResource(resource: McpResource, content?: McpResourceContent | McpResourceReader): StandinMcpServer
  /** Offers resources by URI template (`file:///logs/{date}`); `read` gets the URI and its variables. */
  addResourceTemplate(template: McpResourceTemplate, read?: McpResourceReader): StandinMcpServer
  /** Offers a prompt, answered by `handler` (given the string arguments), else by the definition's `result`. */
  addPrompt(prompt: McpPrompt, handler?: McpPromptHandler): StandinMcpServer
  /** The tools offered, by name. */
  readonly toolNames: string[]
  /** Open MCP sessions. */
  readonly sessionCount: number
  /** Ends every MCP session: clients must initialize again. */
  closeSessions(): void
  /**
   * Serves this server alone, at the root of its own port (the seed's `mcp.start()`); resolves to the URL.
   * To share a port, a journal and matchers with the LLM mock, mount it instead.
   */
  start(options?: ListenOptions): Promise<string>
  stop(): Promise<void>
}

/**
 * Creates a mock MCP server (Streamable HTTP).
 * @example
 * const mcp = createMcpServer()
 * mcp.onToolCall('lookup_order', ({ orderId }) => `Order ${orderId} shipped`)
 * const mock = createStandin().mount('/mcp', mcp)
 * const { url } = await mock.listen()
 * const client = new Client({ name: 'app', version: '1' })
 * await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)))
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 */
export function createMcpServer(options: McpServerOptions = {}): StandinMcpServer {
  const sessions = new McpSessions()
  const changed = (list: McpList) =>
    sessions.broadcast({ jsonrpc: '2.0', method: `notifications/${list}/list_changed` })
  const catalog = new Catalog(changed)
  catalog.validateArguments = options.validateArguments ?? true
  const endpoint: McpEndpoint = {
    id: 'mcp',
    provider: 'mcp',
    catalog,
    sessions,
    serverInfo: options.serverInfo ?? { name: 'standin-mcp', version: '1.0.0' },
    instructions: options.instructions,
    responseMode: options.responseMode ?? 'json',
  }
  options.tools?.forEach((tool, i) => catalog.addTool(tool, undefined, `options.tools[${i}]`))
  options.resources?.forEach((resource, i) =>
    catalog.addResource(resource, undefined, `options.resources[${i}]`),
  )
  options.resourceTemplates?.forEach((template, i) =>
    catalog.addTemplate(template, undefined, `options.resourceTemplates[${i}]`),
  )
  options.prompts?.forEach((prompt, i) => catalog.addPrompt(prompt, undefined, `options.prompts[${i}]`))

  const server: StandinMcpServer = {
    kind: 'mount',
    id: endpoint.id,
    provider: endpoint.provider,
    serve: (context) => serveStreamableHttp(endpoint, context),
    addTool(tool, handler) {
      catalog.addTool(tool, handler, 'addTool()')
      return server
    },
    onToolCall(name, handler) {
      catalog.onToolCall(name, handler)
      return server
    },
    removeTool: (name) => catalog.removeTool(name),
    addResource(resource, content) {
      const read = typeof content === 'function' ? content : undefined
      catalog.addResource(
        typeof content === 'object' ? { ...resource, ...content } : resource,
        read,
        'addResource()',
      )
      return server
    },
    addResourceTemplate(template, read) {
      catalog.addTemplate(template, read, 'addResourceTemplate()')
      return server
    },
    addPrompt(prompt, handler) {
      catalog.addPrompt(prompt, handler, 'addPrompt()')
      return server
    },
    get toolNames() {
      return [...catalog.tools.keys()]
    },
    get sessionCount() {
      return sessions.size
    },
    closeSessions: () => sessions.clear(),
    async start(listenOptions) {
      return own.start(listenOptions)
    },
    async stop() {
      await own.stop()
    },
  }
  const own = standalone(server)
  return server
}
