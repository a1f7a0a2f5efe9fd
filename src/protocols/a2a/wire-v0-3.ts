/**
 * A2A v0.3 on the wire (`message/send`, `tasks/get`…; what `@a2a-js/sdk` 0.3 and its 1.x compat transport
 * speak): objects tagged by `kind`, lower-case roles and states, parts as `{kind: 'text', text}`,
 * `{kind: 'file', file: {uri | bytes}}` or `{kind: 'data', data}`, and `final` on the status update that
 * ends a stream.
 * @see https://a2a-protocol.org/v0.3.0/specification/#6-protocol-data-objects
 * @module
 */
import { RPC_ERROR, RpcError } from '../jsonrpc'
import type { A2aArtifact, A2aMessage, A2aPart, A2aStreamItem, A2aTask, A2aTaskStatus } from './model'
import type { A2aWire } from './wire'

/** v0.3 data parts hold an object; other JSON is wrapped the way `@a2a-js/sdk`'s compat layer unwraps it. */
const WRAPPED_DATA_FLAG = 'data_part_compat'

function part(p: A2aPart): Record<string, unknown> {
  const metadata = p.metadata && { metadata: p.metadata }
  if ('text' in p) return { kind: 'text', text: p.text, ...metadata }
  if ('url' in p || 'raw' in p) {
    const file = {
      ...('url' in p ? { uri: p.url } : { bytes: p.raw }),
      ...(p.mediaType && { mimeType: p.mediaType }),
      ...(p.filename && { name: p.filename }),
    }
    return { kind: 'file', file, ...metadata }
  }
  const data = p.data
  if (typeof data === 'object' && data !== null && !Array.isArray(data))
    return { kind: 'data', data, ...metadata }
  return { kind: 'data', data: { value: data }, metadata: { ...p.metadata, [WRAPPED_DATA_FLAG]: true } }
}

function message(m: A2aMessage): Record<string, unknown> {
  return {
    kind: 'message',
    messageId: m.messageId,
    role: m.role,
    parts: m.parts.map(part),
    ...(m.contextId && { contextId: m.contextId }),
    ...(m.taskId && { taskId: m.taskId }),
    ...(m.metadata && { metadata: m.metadata }),
    ...(m.extensions && { extensions: m.extensions }),
    ...(m.referenceTaskIds && { referenceTaskIds: m.referenceTaskIds }),
  }
}

function status(s: A2aTaskStatus): Record<string, unknown> {
  return { state: s.state, ...(s.message && { message: message(s.message) }), timestamp: s.timestamp }
}

function artifact(a: A2aArtifact): Record<string, unknown> {
  return { ...a, parts: a.parts.map(part) }
}

function task(t: A2aTask): Record<string, unknown> {
  return {
    kind: 'task',
    id: t.id,
    contextId: t.contextId,
    status: status(t.status),
    artifacts: t.artifacts.map(artifact),
    history: t.history.map(message),
    ...(t.metadata && { metadata: t.metadata }),
  }
}

function streamItem(item: A2aStreamItem): unknown {
  switch (item.kind) {
    case 'task':
      return task(item.task)
    case 'message':
      return message(item.message)
    case 'status-update':
      return { ...item, status: status(item.status) }
    case 'artifact-update':
      return { ...item, artifact: artifact(item.artifact) }
  }
}

export const v03Wire: A2aWire = {
  version: '0.3',
  // `blocking` defaults to true: the reply waits for the task to settle.
  returnImmediately: (configuration) => configuration.blocking === false,
  sendResult: (answer) => ('messageId' in answer ? message(answer) : task(answer)),
  task,
  streamItem,
  // As the v0.3 reference server answers a message to a terminal task.
  endedTaskError: (text) => new RpcError(RPC_ERROR.invalidRequest, text),
  // As the v0.3 reference server resubscribes to a terminal task: its state, then the end.
  resubscribeEnded: 'snapshot',
}
