/**
 * What differs between the A2A protocol versions a client may speak on the same endpoint: how objects are
 * spelled on the wire, how a client asks not to wait, and two error rules. The methods' behaviour is one.
 * @module
 */
import type { RpcError } from '../jsonrpc'
import type { A2aMessage, A2aStreamItem, A2aTask } from './model'

export interface A2aWire {
  /** `1.0` or `0.3`: the version an agent card interface announces. */
  version: string
  /** True when the client asked for the task at once instead of waiting for it to settle. */
  returnImmediately(configuration: Record<string, unknown>): boolean
  /** The `result` of a send: a message or a task. */
  sendResult(answer: A2aMessage | A2aTask): unknown
  /** The `result` of tasks/get and tasks/cancel. */
  task(task: A2aTask): unknown
  /** The `result` of one event of a stream. */
  streamItem(item: A2aStreamItem): unknown
  /** The error for a message sent to a task that has ended. */
  endedTaskError(message: string): RpcError
  /** Resubscribing to a task that has ended: an error (v1.0), or its last state and the end (v0.3). */
  resubscribeEnded: 'error' | 'snapshot'
}
