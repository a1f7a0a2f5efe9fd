/**
 * Reading a JSON-RPC 2.0 body: one message or a batch, each checked against the message shape. A body
 * that is not JSON (-32700) or an empty batch (-32600) fails as a whole; in a batch, each malformed member
 * gets its own -32600 answer and the others still run.
 * @see https://www.jsonrpc.org/specification#batch
 * @module
 */
import { errorResponse, RPC_ERROR, type JsonRpcCall, type JsonRpcId, type JsonRpcResponse } from './message'

export type ParsedItem =
  | { kind: 'call'; call: JsonRpcCall }
  /** A client's answer to a request the server sent. */
  | { kind: 'response'; value: unknown }
  | { kind: 'invalid'; response: JsonRpcResponse }

export type ParsedBody =
  { ok: true; batch: boolean; items: ParsedItem[] } | { ok: false; response: JsonRpcResponse }

export function parseRpcBody(text: string): ParsedBody {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    const message =
      text.trim() === '' ? 'Parse error: the body is empty' : 'Parse error: the body is not valid JSON'
    return { ok: false, response: errorResponse(null, { code: RPC_ERROR.parseError, message }) }
  }
  if (!Array.isArray(json)) return { ok: true, batch: false, items: [parseItem(json)] }
  if (json.length === 0) {
    const message = 'Invalid Request: an empty batch'
    return { ok: false, response: errorResponse(null, { code: RPC_ERROR.invalidRequest, message }) }
  }
  return { ok: true, batch: true, items: json.map(parseItem) }
}

function parseItem(value: unknown): ParsedItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid(null, 'expected a JSON-RPC message object')
  }
  const message = value as Record<string, unknown>
  const id = isId(message.id) ? message.id : null
  if (message.jsonrpc !== '2.0') return invalid(id, '"jsonrpc" must be "2.0"')
  if (message.method === undefined && ('result' in message || 'error' in message))
    return { kind: 'response', value }
  if (typeof message.method !== 'string') return invalid(id, '"method" must be a string')
  if ('id' in message && !isId(message.id)) return invalid(null, '"id" must be a string or a number')
  const params = message.params
  if (params !== undefined && (typeof params !== 'object' || params === null)) {
    return invalid(id, '"params" must be an object or an array')
  }
  const call: JsonRpcCall = { jsonrpc: '2.0', method: message.method }
  if ('id' in message) call.id = message.id as JsonRpcId
  if (params !== undefined) call.params = params
  return { kind: 'call', call }
}

function isId(value: unknown): value is JsonRpcId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
}

function invalid(id: JsonRpcId | null, reason: string): ParsedItem {
  return {
    kind: 'invalid',
    response: errorResponse(id, { code: RPC_ERROR.invalidRequest, message: `Invalid Request: ${reason}` }),
  }
}
