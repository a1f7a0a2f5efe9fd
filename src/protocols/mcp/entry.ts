/**
 * The `standin/mcp` subpath: the MCP mock on its own import path, as the seed's `aimock/mcp`. It re-exports `standin/internal`
 * (which the build keeps external), so both paths share one engine module and one set of
 * error classes.
 * @example
 * import { createMcpServer } from 'standin/mcp'
 * @module
 */
export { createMcpServer, MCP_PROTOCOL_VERSIONS, LATEST_MCP_PROTOCOL_VERSION } from '../../internal'
export type {
  McpServerOptions,
  McpResourceContent,
  StandinMcpServer,
  McpToolCall,
  McpToolHandler,
  McpToolOutput,
  McpResourceOutput,
  McpResourceReader,
  McpPromptHandler,
  McpServerInfo,
  McpResponseMode,
  McpTool,
  McpToolResult,
  McpContent,
  McpResource,
  McpResourceContents,
  McpResourceTemplate,
  McpPrompt,
  McpPromptMessage,
  McpPromptResult,
} from '../../internal'
