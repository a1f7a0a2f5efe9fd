/**
 * A2A's JSON-RPC errors: the spec's codes, each sent with a `google.rpc.ErrorInfo` naming its reason, as
 * v1.0 asks (v0.3 clients read the code and ignore the data).
 * @see https://a2a-protocol.org/v1.0.0/specification/#92-json-rpc-error-codes
 * @module
 */
import { RpcError } from '../jsonrpc'

const ERRORS = {
  TASK_NOT_FOUND: -32001,
  TASK_NOT_CANCELABLE: -32002,
  PUSH_NOTIFICATION_NOT_SUPPORTED: -32003,
  UNSUPPORTED_OPERATION: -32004,
  EXTENDED_AGENT_CARD_NOT_CONFIGURED: -32007,
  VERSION_NOT_SUPPORTED: -32009,
} as const

type A2aErrorReason = keyof typeof ERRORS

/** A server error of standin's own (JSON-RPC leaves -32000..-32099 to servers): no fixture matched. */
export const NO_MATCH_CODE = -32000

export function a2aError(reason: A2aErrorReason, message: string): RpcError {
  return new RpcError(ERRORS[reason], message, [
    { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'a2a-protocol.org' },
  ])
}
