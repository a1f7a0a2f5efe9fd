/**
 * The JSON-RPC 2.0 layer shared by the protocol mounts (MCP, A2A): parse a body, dispatch each call to a
 * method table, answer as JSON or SSE, push server messages on a long-lived stream.
 * @module
 */
export { RPC_ERROR, RpcError, errorResponse, resultResponse } from './message'
export type { JsonRpcCall, JsonRpcErrorBody, JsonRpcId, JsonRpcResponse } from './message'
export { parseRpcBody, type ParsedBody, type ParsedItem } from './parse'
export { RpcDispatcher, type RpcHandler, type RpcOutcome, type RpcRun } from './dispatcher'
export { objectParams, recordParam, stringParam } from './params'
export { rpcSseReply, rpcRefusal, rpcRefusalOf, refusedCall, type SseOptions } from './reply'
export { PushChannel } from './push-channel'
