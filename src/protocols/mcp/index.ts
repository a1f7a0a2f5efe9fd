/**
 * `standin/mcp`: a mock MCP server (Streamable HTTP) to mount on a mock's port, or to start alone.
 * @example
 * import { createStandin } from 'standin'
 * import { createMcpServer } from 'standin/mcp'
 * const mcp = createMcpServer().onToolCall('lookup_order', ({ orderId }) => `Order ${orderId} shipped`)
 * const mock = createStandin().mount('/mcp', mcp)
 * @module
 */
export { createMcpServer } from '../chunk'
export type { McpServerOptions, McpResourceContent, StandinMcpServer } from './mcp-server'
export type {
  McpToolCall,
  McpToolHandler,
  McpToolOutput,
  McpResourceOutput,
  McpResourceReader,
  McpPromptHandler,
} from './catalog'
export type { McpServerInfo } from './mcp-context'
export type { McpResponseMode } from './streamable-http'
export type {
  McpTool,
  McpToolResult,
  McpContent,
  McpResource,
  McpResourceContents,
  McpResourceTemplate,
  McpPrompt,
  McpPromptMessage,
  McpPromptResult,
} from './schema'
export { MCP_PROTOCOL_VERSIONS, LATEST_MCP_PROTOCOL_VERSION } from './protocol-version'
