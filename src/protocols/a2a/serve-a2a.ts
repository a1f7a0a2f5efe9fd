/**
 * A2A over HTTP on a mount: each agent has a JSON-RPC endpoint at `<mount>/<agent>` and its card at
 * `<mount>/<agent>/.well-known/agent-card.json`; the mount point itself (and the root card, through the
 * mount's root paths) serve the first agent registered. One JSON-RPC request per POST, answered as JSON,
 * or as Server-Sent Events for the streaming methods.
 * @see https://a2a-protocol.org/v1.0.0/specification/#9-json-rpc-protocol-binding
 * @see https://a2a-protocol.org/v1.0.0/specification/#8-agent-discovery-the-agent-card
 * @module
 */
import { decodePathSegment } from '../../core/path-segment'
import { jsonReply } from '../../core/reply'
import {
  errorResponse,
  parseRpcBody,
  resultResponse,
  RPC_ERROR,
  rpcSseReply,
  rpcRefusal,
  rpcRefusalOf,
  type JsonRpcCall,
  type RpcOutcome,
} from '../jsonrpc'
import type { MountContext, MountReply } from '../mounts/mount'
import { a2aError } from './a2a-errors'
import type { A2aContext } from './a2a-context'
import { A2A_PROTOCOL_VERSIONS, agentCard } from './agent-card'
import type { AgentEntry, AgentRegistry } from './agents'
import { EventStream } from './event-stream'
import { journalCall } from './journal-calls'
import { a2aMethods } from './methods'
import { taskStore } from './task-store'

export interface A2aEndpoint {
  id: string
  provider: string
  registry: AgentRegistry
}

/** `agent-card.json` since v0.3; `agent.json` before it. */
export const CARD_FILES = ['agent-card.json', 'agent.json']
/** The standin session prefix of the request path, kept in the URLs a card gives (see the engine). */
const SESSION_PREFIX = /^\/_s\/[^/]+/
const SERVER_ERROR = -32000

export async function serveA2a(endpoint: A2aEndpoint, ctx: MountContext): Promise<MountReply> {
  const target = locate(ctx.path)
  if (!target)
    return rpcRefusalOf(404, SERVER_ERROR, `Not Found: no A2A endpoint or agent card at ${ctx.url.pathname}`)
  const agent =
    target.agent === undefined ? endpoint.registry.defaultAgent : endpoint.registry.agents.get(target.agent)
  if (!agent) return unknownAgent(endpoint.registry, target.agent)
  if (target.card) {
    if (ctx.method !== 'GET') return notAllowed('GET')
    return { reply: jsonReply(200, agentCard(agent.definition, endpointUrl(ctx, agent))) }
  }
  if (ctx.method !== 'POST') return notAllowed('POST')
  return rpc(endpoint, agent, ctx)
}

/** `''` or `/` (the first agent), `/<agent>`, each optionally followed by `/.well-known/<card file>`. */
function locate(path: string): { agent: string | undefined; card: boolean } | undefined {
  const segments = path.split('/').filter((segment) => segment !== '')
  const card =
    segments.length >= 2 && segments.at(-2) === '.well-known' && CARD_FILES.includes(segments.at(-1)!)
  const rest = card ? segments.slice(0, -2) : segments
  if (rest.length > 1) return undefined
  return { agent: rest[0] === undefined ? undefined : decodePathSegment(rest[0]), card }
}

async function rpc(endpoint: A2aEndpoint, agent: AgentEntry, ctx: MountContext): Promise<MountReply> {
  const parsed = parseRpcBody(ctx.body)
  if (!parsed.ok) return rpcRefusal(400, parsed.response)
  if (parsed.batch) {
    return rpcRefusalOf(
      400,
      RPC_ERROR.invalidRequest,
      'Invalid Request: A2A takes one JSON-RPC request per POST, not a batch',
    )
  }
  const item = parsed.items[0]!
  if (item.kind === 'invalid') return rpcRefusal(400, item.response)
  if (item.kind === 'response')
    return rpcRefusalOf(400, RPC_ERROR.invalidRequest, 'Invalid Request: expected a request')
  const context = a2aContext(endpoint, agent, ctx)
  const outcome = await run(item.call, context, ctx)
  const site = { surface: endpoint.id, provider: endpoint.provider, status: 200, stream: false }
  if (outcome.result instanceof EventStream) {
    const id = item.call.id ?? null
    const results = outcome.result.results
    const responses = (async function* () {
      for await (const result of results) yield resultResponse(id, result)
    })()
    return {
      reply: rpcSseReply(responses),
      calls: [journalCall(item.call, undefined, context.note, { ...site, stream: true })],
    }
  }
  const call = journalCall(item.call, outcome.error, context.note, site)
  if (!outcome.response) return { reply: { status: 202, headers: {}, body: null }, calls: [call] }
  return { reply: jsonReply(200, outcome.response), calls: [call] }
}

/** Runs the call, unless the client speaks a protocol version not served. */
async function run(call: JsonRpcCall, context: A2aContext, ctx: MountContext): Promise<RpcOutcome> {
  const version = ctx.headers.get('a2a-version')
  if (version && !(A2A_PROTOCOL_VERSIONS as readonly string[]).includes(majorMinor(version))) {
    const message = `A2A protocol version ${version} is not supported (supported: ${A2A_PROTOCOL_VERSIONS.join(', ')})`
    const error = a2aError('VERSION_NOT_SUPPORTED', message).toJSON()
    return { call, error, response: errorResponse(call.id ?? null, error) }
  }
  return a2aMethods.call(call, context)
}

function majorMinor(version: string): string {
  const [major = '', minor = '0'] = version.trim().split('.')
  return `${major}.${minor}`
}

function a2aContext(endpoint: A2aEndpoint, agent: AgentEntry, ctx: MountContext): A2aContext {
  return {
    registry: endpoint.registry,
    agent,
    tasks: taskStore(ctx.memory),
    strict: ctx.strict,
    signal: ctx.signal,
    note: {},
    id: ctx.id,
    timestamp: () => new Date(ctx.now() * 1000).toISOString(),
  }
}

/** The agent's endpoint on the origin (and standin session) the request came in on. */
function endpointUrl(ctx: MountContext, agent: AgentEntry): string {
  const session = SESSION_PREFIX.exec(ctx.url.pathname)?.[0] ?? ''
  return `${ctx.url.origin}${session}${ctx.base}/${encodeURIComponent(agent.definition.name)}`
}

function unknownAgent(registry: AgentRegistry, name: string | undefined): MountReply {
  const known = [...registry.agents.keys()]
  if (known.length === 0)
    return rpcRefusalOf(404, SERVER_ERROR, 'Not Found: no A2A agent is registered (registerAgent())')
  return rpcRefusalOf(404, SERVER_ERROR, `Not Found: no A2A agent "${name}" (agents: ${known.join(', ')})`)
}

function notAllowed(allow: string): MountReply {
  return rpcRefusalOf(405, SERVER_ERROR, `Method not allowed: this A2A path takes ${allow}`, { allow })
}
