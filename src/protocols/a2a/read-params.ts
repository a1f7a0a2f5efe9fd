/**
 * Reading what an A2A client sent: the message (v1.0 or v0.3 spelling, each part checked) and the
 * options of a call. Each reader throws -32602 naming the field, so a client learns what was wrong.
 * @see https://a2a-protocol.org/v1.0.0/specification/#321-sendmessagerequest
 * @module
 */
import { RPC_ERROR, RpcError } from '../jsonrpc'
import { toFixtureIssues } from '../../fixtures/issues'
import type { A2aMessage } from './model'
import { a2aSchemas } from './schema'

export function readMessage(params: Record<string, unknown>): A2aMessage {
  const message = params.message
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    throw invalid('params.message must be an object')
  }
  const m = message as Record<string, unknown>
  if (typeof m.messageId !== 'string' || m.messageId === '') {
    throw invalid('params.message.messageId must be a non-empty string')
  }
  if (!Array.isArray(m.parts)) throw invalid('params.message.parts must be an array')
  const read: A2aMessage = {
    messageId: m.messageId,
    role: m.role === 'agent' || m.role === 'ROLE_AGENT' ? 'agent' : 'user',
    parts: m.parts.map((part, index) => readPart(part, `params.message.parts[${index}]`)),
  }
  for (const key of ['contextId', 'taskId'] as const) {
    const value = m[key]
    if (value !== undefined && typeof value !== 'string')
      throw invalid(`params.message.${key} must be a string`)
    if (value) read[key] = value
  }
  if (isObject(m.metadata)) read.metadata = m.metadata
  if (isStrings(m.extensions) && m.extensions.length > 0) read.extensions = m.extensions
  if (isStrings(m.referenceTaskIds) && m.referenceTaskIds.length > 0)
    read.referenceTaskIds = m.referenceTaskIds
  return read
}

function readPart(part: unknown, path: string) {
  const parsed = a2aSchemas().clientPartSchema.safeParse(part)
  if (parsed.success) return parsed.data
  const issue = toFixtureIssues('', parsed.error, path)[0]!
  throw invalid(`${issue.path || path}: ${issue.message}`)
}

/** `params.configuration.historyLength`, or `params.historyLength` (tasks/get). */
export function historyLength(params: Record<string, unknown>): number | undefined {
  const configuration = isObject(params.configuration) ? params.configuration : {}
  const value = params.historyLength ?? configuration.historyLength
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalid('historyLength must be a non-negative integer')
  }
  return value
}

/** The client's options object (`params.configuration`), `{}` when absent. */
export function configuration(params: Record<string, unknown>): Record<string, unknown> {
  return isObject(params.configuration) ? params.configuration : {}
}

function invalid(reason: string): RpcError {
  return new RpcError(RPC_ERROR.invalidParams, `Invalid params: ${reason}`)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}
