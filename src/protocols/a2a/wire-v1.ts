/**
 * A2A v1.0 on the wire (what `@a2a-js/sdk` 1.x speaks by default): protobuf JSON, so roles and states are
 * enum names (`ROLE_AGENT`, `TASK_STATE_COMPLETED`), parts carry their content by field name (`{text}`),
 * and send and stream results are wrapped by what they hold (`{task}`, `{message}`, `{statusUpdate}`,
 * `{artifactUpdate}`). Status updates carry no `final`: a stream ends when the task stops.
 * @see https://a2a-protocol.org/v1.0.0/specification/#9-json-rpc-protocol-binding
 * @module
 */
import { a2aError } from './a2a-errors'
import type { A2aMessage, A2aStreamItem, A2aTask, A2aTaskStatus } from './model'
import { v1TaskState } from './task-state'
import type { A2aWire } from './wire'

function message(m: A2aMessage): Record<string, unknown> {
  return {
    messageId: m.messageId,
    ...(m.contextId && { contextId: m.contextId }),
    ...(m.taskId && { taskId: m.taskId }),
    role: m.role === 'user' ? 'ROLE_USER' : 'ROLE_AGENT',
    parts: m.parts,
    ...(m.metadata && { metadata: m.metadata }),
    ...(m.extensions && { extensions: m.extensions }),
    ...(m.referenceTaskIds && { referenceTaskIds: m.referenceTaskIds }),
  }
}

function status(s: A2aTaskStatus): Record<string, unknown> {
  return {
    state: v1TaskState(s.state),
    ...(s.message && { message: message(s.message) }),
    timestamp: s.timestamp,
  }
}

function task(t: A2aTask): Record<string, unknown> {
  return {
    id: t.id,
    contextId: t.contextId,
    status: status(t.status),
    artifacts: t.artifacts,
    history: t.history.map(message),
    ...(t.metadata && { metadata: t.metadata }),
  }
}

function streamItem(item: A2aStreamItem): unknown {
  switch (item.kind) {
    case 'task':
      return { task: task(item.task) }
    case 'message':
      return { message: message(item.message) }
    case 'status-update':
      return {
        statusUpdate: { taskId: item.taskId, contextId: item.contextId, status: status(item.status) },
      }
    case 'artifact-update':
      return {
        artifactUpdate: {
          taskId: item.taskId,
          contextId: item.contextId,
          artifact: item.artifact,
          ...(item.append && { append: true }),
          ...(item.lastChunk && { lastChunk: true }),
        },
      }
  }
}

export const v1Wire: A2aWire = {
  version: '1.0',
  returnImmediately: (configuration) => configuration.returnImmediately === true,
  sendResult: (answer) => ('messageId' in answer ? { message: message(answer) } : { task: task(answer) }),
  task,
  streamItem,
  // CORE-SEND-002: a message to a terminal task is an unsupported operation.
  endedTaskError: (text) => a2aError('UNSUPPORTED_OPERATION', text),
  resubscribeEnded: 'error',
}
