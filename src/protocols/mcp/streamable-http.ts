/**
 * MCP's Streamable HTTP transport on one endpoint: POST carries JSON-RPC (answered as JSON or SSE, as the
 * client's Accept allows), GET opens the server's notification stream, DELETE ends the session.
 * Transport errors follow the reference SDK server: 400 with -32000 for a missing session id or an
 * unsupported `MCP-Protocol-Version`, 404 with -32001 for an unknown session.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 * @module
 */
import { jsonReply } from '../../core/reply'
import {
  parseRpcBody,
  RPC_ERROR,
  rpcSseReply,
  rpcRefusal,
  rpcRefusalOf,
  refusedCall,
  type ParsedBody,
  type RpcRun,
} from '../jsonrpc'
import type { MountContext, MountReply } from '../mounts/mount'
import type { Catalog } from './catalog'
import { journalCalls } from './journal-calls'
import type { McpContext, McpServerInfo } from './mcp-context'
import { McpSession, type McpSessions } from './mcp-session'
import { mcpMethods } from './methods'
import {
  allowsBatches,
  DEFAULT_HEADER_VERSION,
  isServedVersion,
  MCP_PROTOCOL_VERSIONS,
} from './protocol-version'

/** Answer format for POSTs whose client accepts both (the SDK's always does). */
export type McpResponseMode = 'json' | 'sse'

export interface McpEndpoint {
  id: string
  provider: string
  catalog: Catalog
  sessions: McpSessions
  serverInfo: McpServerInfo
  instructions: string | undefined
  responseMode: McpResponseMode
}

const SERVER_ERROR = -32000
const SESSION_NOT_FOUND = -32001
const SSE_EVENT = 'message'

type Parsed = Extract<ParsedBody, { ok: true }>

export async function serveStreamableHttp(endpoint: McpEndpoint, ctx: MountContext): Promise<MountReply> {
  if (ctx.path !== '' && ctx.path !== '/') {
    return rpcRefusalOf(
      404,
      SERVER_ERROR,
      `Not Found: the MCP endpoint is ${ctx.base || '/'}, not ${ctx.url.pathname}`,
    )
  }
  if (ctx.method === 'POST') return post(endpoint, ctx)
  if (ctx.method === 'GET') return openStream(endpoint, ctx)
  if (ctx.method === 'DELETE') return endSession(endpoint, ctx)
  return rpcRefusalOf(405, SERVER_ERROR, 'Method not allowed: the MCP endpoint takes POST, GET and DELETE.', {
    allow: 'GET, POST, DELETE',
  })
}

async function post(endpoint: McpEndpoint, ctx: MountContext): Promise<MountReply> {
  const parsed = parseRpcBody(ctx.body)
  if (!parsed.ok) return rpcRefusal(400, parsed.response)
  const format = responseFormat(ctx.headers.get('accept'), endpoint.responseMode)
  if (!format) {
    return rpcRefusalOf(
      406,
      SERVER_ERROR,
      'Not Acceptable: the client must accept application/json or text/event-stream',
    )
  }
  const target = sessionFor(endpoint, ctx, parsed)
  if ('reply' in target) return target
  const run = await mcpMethods.run(parsed.items, mcpContext(endpoint, target.session, ctx))
  return answer(endpoint, ctx, { parsed, run, format, target })
}

interface Target {
  session: McpSession
  /** A new session, kept only if `initialize` succeeds. */
  initializing: boolean
}

/** `initialize` opens a session (alone, never in a batch); anything else needs a live one. */
function sessionFor(endpoint: McpEndpoint, ctx: MountContext, parsed: Parsed): Target | MountReply {
  const initializing = parsed.items.some((item) => item.kind === 'call' && item.call.method === 'initialize')
  if (initializing) {
    if (!parsed.batch) return { session: new McpSession(DEFAULT_HEADER_VERSION), initializing }
    return rpcRefusalOf(
      400,
      RPC_ERROR.invalidRequest,
      'Invalid Request: initialize must be sent alone, not in a batch',
    )
  }
  const session = versionError(ctx) ?? findSession(endpoint, ctx)
  if (!(session instanceof McpSession)) return session
  if (parsed.batch && !allowsBatches(session.protocolVersion)) {
    const message = `Invalid Request: JSON-RPC batches are not part of MCP ${session.protocolVersion} (removed in 2025-06-18)`
    return rpcRefusalOf(400, RPC_ERROR.invalidRequest, message)
  }
  return { session, initializing }
}

interface Answered {
  parsed: Parsed
  run: RpcRun
  format: McpResponseMode
  target: Target
}

/** 202 when there is nothing to answer; else the answers as JSON (an array for a batch) or SSE events. */
function answer(
  endpoint: McpEndpoint,
  ctx: MountContext,
  { parsed, run, format, target }: Answered,
): MountReply {
  const { responses, outcomes } = run
  const headers: Record<string, string> = {}
  if (target.initializing && !outcomes[0]?.error) {
    target.session.owner = ctx.session
    endpoint.sessions.add(target.session)
    headers['mcp-session-id'] = target.session.id
  }
  // A lone malformed message fails the request as a whole; a batch answers each member.
  const lone = !parsed.batch && parsed.items[0]!.kind === 'invalid'
  const status = responses.length === 0 ? 202 : lone ? 400 : 200
  const sse = status === 200 && format === 'sse'
  const site = { surface: endpoint.id, provider: endpoint.provider, status, stream: sse }
  const calls = journalCalls(outcomes, site)
  // Only malformed messages: journal the first error, so the entry says what was wrong.
  if (calls.length === 0 && responses[0]) calls.push(refusedCall(status, responses[0]))
  if (status === 202) return { reply: { status, headers, body: null }, calls }
  if (sse) return { reply: rpcSseReply(responses, { event: SSE_EVENT, headers }), calls }
  return { reply: jsonReply(status, parsed.batch ? responses : responses[0], headers), calls }
}

/** The server's stream for notifications (list changes), open until the client leaves or the session ends. */
function openStream(endpoint: McpEndpoint, ctx: MountContext): MountReply {
  const format = responseFormat(ctx.headers.get('accept'), 'sse')
  if (format !== 'sse')
    return rpcRefusalOf(406, SERVER_ERROR, 'Not Acceptable: the client must accept text/event-stream')
  const session = versionError(ctx) ?? findSession(endpoint, ctx)
  if (!(session instanceof McpSession)) return session
  const stream = session.openStream(ctx.signal)
  return { reply: rpcSseReply(stream, { event: SSE_EVENT, headers: { 'mcp-session-id': session.id } }) }
}

function endSession(endpoint: McpEndpoint, ctx: MountContext): MountReply {
  const session = findSession(endpoint, ctx)
  if (!(session instanceof McpSession)) return session
  endpoint.sessions.delete(session.id)
  return { reply: { status: 204, headers: {}, body: null } }
}

function mcpContext(endpoint: McpEndpoint, session: McpSession, ctx: MountContext): McpContext {
  return {
    catalog: endpoint.catalog,
    serverInfo: endpoint.serverInfo,
    instructions: endpoint.instructions,
    session,
    standinSession: ctx.session,
    strict: ctx.strict,
    signal: ctx.signal,
  }
}

function findSession(endpoint: McpEndpoint, ctx: MountContext): McpSession | MountReply {
  const id = ctx.headers.get('mcp-session-id')
  if (!id)
    return rpcRefusalOf(
      400,
      SERVER_ERROR,
      'Bad Request: the Mcp-Session-Id header is required (initialize first)',
    )
  const session = endpoint.sessions.get(id)
  // Another standin session's MCP session is not found, as if it did not exist.
  if (!session || session.owner !== ctx.session)
    return rpcRefusalOf(
      404,
      SESSION_NOT_FOUND,
      `Session not found: ${id} (it ended or was never issued; initialize again)`,
    )
  return session
}

/** A request without the header speaks 2025-03-26; one naming a revision not served is refused. */
function versionError(ctx: MountContext): MountReply | undefined {
  const version = ctx.headers.get('mcp-protocol-version')
  if (version === null || isServedVersion(version)) return undefined
  const message = `Bad Request: unsupported MCP-Protocol-Version ${version} (supported: ${MCP_PROTOCOL_VERSIONS.join(', ')})`
  return rpcRefusalOf(400, SERVER_ERROR, message)
}

/** JSON or SSE: what the client accepts; when it accepts both (or says nothing), `preferred`. */
export function responseFormat(
  accept: string | null,
  preferred: McpResponseMode,
): McpResponseMode | undefined {
  if (!accept) return preferred
  const types = accept.split(',').map((part) => part.split(';')[0]!.trim().toLowerCase())
  const any = types.includes('*/*')
  const json = any || types.includes('application/json') || types.includes('application/*')
  const sse = any || types.includes('text/event-stream') || types.includes('text/*')
  if (json && sse) return preferred
  return json ? 'json' : sse ? 'sse' : undefined
}
