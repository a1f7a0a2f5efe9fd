/**
 * JSON-RPC messages as Server-Sent Events, one event per message, through the shared SSE framer (a JSON
 * body is `jsonReply` from the core).
 * @module
 */
import type { Reply } from '../core/reply'
import { framer } from '../streaming/framing'

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
