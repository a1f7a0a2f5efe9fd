/**
 * Reading a call's `params`: each reader throws -32602 (invalid params) naming the field, so a client
 * learns exactly what was wrong.
 * @module
 */
import { RPC_ERROR, RpcError } from './message'

/** The params as an object (`{}` when absent); by-position arrays are refused. */
export function objectParams(params: unknown): Record<string, unknown> {
  if (params === undefined) return {}
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new RpcError(RPC_ERROR.invalidParams, 'Invalid params: expected an object')
  }
  return params as Record<string, unknown>
}

/** A required, non-empty string field. */
export function stringParam(params: Record<string, unknown>, name: string): string {
  const value = params[name]
  if (typeof value !== 'string' || value === '') {
    throw new RpcError(RPC_ERROR.invalidParams, `Invalid params: params.${name} must be a non-empty string`)
  }
  return value
}

/** An optional object field (`{}` when absent). */
export function recordParam(params: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = params[name]
  if (value === undefined) return {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RpcError(RPC_ERROR.invalidParams, `Invalid params: params.${name} must be an object`)
  }
  return value as Record<string, unknown>
}
