/**
 * What an MCP method handler sees: the server's catalog and identity, the MCP session, and the request's
 * standin session, strictness and abort signal.
 * @module
 */
import type { Catalog } from './catalog'
import type { McpSession } from './mcp-session'

export interface McpServerInfo {
  name: string
  version: string
  title?: string
}

export interface McpContext {
  catalog: Catalog
  serverInfo: McpServerInfo
  /** Sent in the `initialize` result: how to use this server. */
  instructions: string | undefined
  session: McpSession
  standinSession: string
  strict: boolean
  signal: AbortSignal | undefined
}
