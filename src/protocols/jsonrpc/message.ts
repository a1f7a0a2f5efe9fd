/**
 * JSON-RPC 2.0 messages, the standard error codes and the error a method handler throws.
 * @see https://www.jsonrpc.org/specification
 * @module
 */

export type JsonRpcId = string | number

/** A request (with an `id`, answered) or a notification (no `id`, never answered). */
export interface JsonRpcCall {
  jsonrpc: '2.0'
  id?: JsonRpcId
  method: string
  params?: unknown
}

export interface JsonRpcErrorBody {
  code: number
  message: string
  data?: unknown
}

export type JsonRpcResponse =
  | { jsonrpc: '2.0'; id: JsonRpcId | null; result: unknown }
  | { jsonrpc: '2.0'; id: JsonRpcId | null; error: JsonRpcErrorBody }

/** Codes reserved by JSON-RPC 2.0 (§5.1). */
export const RPC_ERROR = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
} as const

/**
 * Thrown by a method handler to answer with a JSON-RPC error; anything else a handler throws becomes
 * -32603 (internal error) with its message.
 * @example throw new RpcError(RPC_ERROR.invalidParams, 'params.name: expected a string')
 */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message)
    this.name = 'RpcError'
  }

  toJSON(): JsonRpcErrorBody {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data }
  }
}

export function errorResponse(id: JsonRpcId | null, error: JsonRpcErrorBody): JsonRpcResponse {
  return { jsonrpc: '2.0', id, error }
}

export function resultResponse(id: JsonRpcId | null, result: unknown): JsonRpcResponse {
  return { jsonrpc: '2.0', id, result }
}
