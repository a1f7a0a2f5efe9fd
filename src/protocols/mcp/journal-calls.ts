/**
 * What the journal records of each MCP call: a `tools/call` as a canonical ToolInvocation (so
 * `toHaveCalledTool` sees it next to the tools an LLM app ran), every other call with its method and
 * params; the answer as text, or the error.
 * @module
 */
import type { JournaledRequest } from '../../canonical'
import type { RpcOutcome } from '../jsonrpc'
import type { JournalResponse } from '../../journal/journal'
import type { MountCall } from '../mounts/mount'
import type { McpToolResult } from './schema'
import { resultText } from './tools'

export interface CallSite {
  surface: string
  provider: string
  status: number
  stream: boolean
}

export function journalCalls(outcomes: RpcOutcome[], site: CallSite): MountCall[] {
  return outcomes.map((outcome) => ({
    request: journaledRequest(outcome, site),
    response: journalResponse(outcome, site),
  }))
}

function journaledRequest({ call }: RpcOutcome, { surface, provider }: CallSite): JournaledRequest {
  const params = call.params as Record<string, unknown> | undefined
  if (call.method === 'tools/call' && typeof params?.name === 'string') {
    return { kind: 'tool-call', surface, provider, name: params.name, arguments: params.arguments ?? {} }
  }
  const request: JournaledRequest = {
    kind: 'rpc',
    surface,
    provider,
    method: call.method,
    params: call.params,
  }
  if (call.id !== undefined) request.id = call.id
  return request
}

function journalResponse(outcome: RpcOutcome, { status, stream }: CallSite): JournalResponse {
  const response: JournalResponse = { status, stream }
  if (outcome.error) {
    response.error = {
      message: outcome.error.message,
      type: 'jsonrpc_error',
      code: String(outcome.error.code),
    }
  } else if (outcome.call.method === 'tools/call') {
    const result = outcome.result as McpToolResult
    response.text = resultText(result)
    if (result.isError) response.error = { message: response.text, type: 'tool_error' }
  }
  return response
}
