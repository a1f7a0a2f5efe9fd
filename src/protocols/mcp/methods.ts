/**
 * The MCP method table: lifecycle (`initialize`, `ping`, notifications) and the server features. Lists
 * are answered whole (no `nextCursor`), so a client's pagination ends after one page.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle
 * @module
 */
import { objectParams, RpcDispatcher, stringParam } from '../jsonrpc'
import type { McpContext } from './mcp-context'
import { getPrompt, listPrompts } from './prompts'
import { negotiateVersion } from './protocol-version'
import { listResources, listTemplates, readResource } from './resources'
import { callTool, listTools } from './tools'

/** Every list can change at run time (`addTool()` and friends), and sessions are told so. */
const CAPABILITIES = {
  tools: { listChanged: true },
  resources: { listChanged: true },
  prompts: { listChanged: true },
}

function initialize(params: unknown, context: McpContext) {
  const p = objectParams(params)
  const version = negotiateVersion(stringParam(p, 'protocolVersion'))
  context.session.protocolVersion = version
  context.session.clientInfo = p.clientInfo
  return {
    protocolVersion: version,
    capabilities: CAPABILITIES,
    serverInfo: context.serverInfo,
    ...(context.instructions ? { instructions: context.instructions } : {}),
  }
}

export const mcpMethods = new RpcDispatcher<McpContext>({
  initialize,
  'notifications/initialized': (_params, context) => {
    context.session.initialized = true
  },
  // Calls are answered at once, so there is nothing left to cancel; roots are never asked for.
  'notifications/cancelled': () => undefined,
  'notifications/roots/list_changed': () => undefined,
  ping: () => ({}),
  'tools/list': (_params, context) => listTools(context),
  'tools/call': callTool,
  'resources/list': (_params, context) => listResources(context),
  'resources/templates/list': (_params, context) => listTemplates(context),
  'resources/read': readResource,
  'prompts/list': (_params, context) => listPrompts(context),
  'prompts/get': getPrompt,
})
