/**
 * What the journal records of an A2A call: the method and params as an `RpcCall`
 * (`toHaveReceivedRequest({ rpcMethod: 'message/send' })`), the answer's text or the error, and the
 * fixture that answered (or why none did, for `toHaveNoUnmatchedRequests`).
 * @module
 */
import type { JsonRpcCall, JsonRpcErrorBody } from '../jsonrpc'
import type { JournalResponse } from '../../journal/journal'
import type { MountCall } from '../mounts/mount'
import type { CallNote } from './a2a-context'

export interface CallSite {
  surface: string
  provider: string
  status: number
  stream: boolean
}

export function journalCall(
  call: JsonRpcCall,
  error: JsonRpcErrorBody | undefined,
  note: CallNote,
  site: CallSite,
): MountCall {
  const { surface, provider, status, stream } = site
  const response: JournalResponse = { status, stream }
  if (error) response.error = { message: error.message, type: 'jsonrpc_error', code: String(error.code) }
  else if (note.text !== undefined) response.text = note.text
  return {
    request: {
      kind: 'rpc',
      surface,
      provider,
      method: call.method,
      params: call.params,
      ...(call.id !== undefined && { id: call.id }),
    },
    response,
    ...(note.fixture && { fixture: note.fixture }),
    ...(note.miss && { miss: note.miss }),
  }
}
