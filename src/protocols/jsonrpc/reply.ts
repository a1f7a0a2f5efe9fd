/**
 * JSON-RPC messages as Server-Sent Events, one event per message, through the shared SSE framer (a JSON
 * body is `jsonReply` from the core), and the JSON reply to a request refused before any method ran.
 * @module
 */
import { jsonReply, type Reply } from '../../core/reply'
import type { MountCall, MountReply } from '../mounts/mount'
import { errorResponse, type JsonRpcResponse } from './message'
import { framer } from '../../streaming/framing'

const sse = framer('sse')
const SSE_HEADERS = { 'content-type': sse.contentType, 'cache-control': 'no-cache, no-transform' }

export interface SseOptions {
  /** The SSE `event:` field of every message (MCP sends `message`; omitted, clients read the default). */
  event?: string
  headers?: Record<string, string>
}

/** Messages known now as one SSE body; a live source (a push channel) streams as it yields. */
export function rpcSseReply(
  messages: Iterable<unknown> | AsyncIterable<unknown>,
  options: SseOptions = {},
): Reply {
  const headers = { ...SSE_HEADERS, ...options.headers }
  const frame = (data: unknown, index: number) => sse.frame({ event: options.event, data }, index) as string
  if (Symbol.iterator in messages) {
    return { status: 200, headers, body: [...messages].map(frame).join('') }
  }
  async function* stream(): AsyncGenerator<string> {
    let index = 0
    for await (const message of messages) yield frame(message, index++)
  }
  return { status: 200, headers, body: stream() }
}

/**
 * A JSON-RPC error sent as plain JSON with an HTTP status, for a request refused before any method ran
 * (bad JSON, a batch, a wrong HTTP method, an unknown session or agent), and the journal's record of it.
 */
export function rpcRefusal(
  status: number,
  response: JsonRpcResponse,
  headers: Record<string, string> = {},
): MountReply {
  return { reply: jsonReply(status, response, headers), calls: [refusedCall(status, response)] }
}

/** `rpcRefusal` of an error with this code and message, answering no id. */
export function rpcRefusalOf(
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): MountReply {
  return rpcRefusal(status, errorResponse(null, { code, message }), headers)
}

/** The journal's record of a refused request: no decoded request, the status and the error. */
export function refusedCall(status: number, response: JsonRpcResponse): MountCall {
  const error = 'error' in response ? response.error : undefined
  return {
    request: null,
    response: {
      status,
      stream: false,
      ...(error && { error: { message: error.message, type: 'jsonrpc_error', code: String(error.code) } }),
    },
  }
}
