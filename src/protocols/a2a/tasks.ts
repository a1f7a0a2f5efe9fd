/**
 * The task methods: `tasks/get` (the Task itself, history cut to `historyLength`), `tasks/cancel`
 * (canceled, or -32002 once the task has ended), `tasks/resubscribe` (the task as it is now, then what is
 * left of its events) and v1.0's `ListTasks`. A task is known only to the agent it was sent to, in the
 * session that sent it.
 * @see https://a2a-protocol.org/v1.0.0/specification/#313-get-task
 * @module
 */
import { objectParams, stringParam, type RpcHandler } from '../jsonrpc'
import { a2aError } from './a2a-errors'
import type { A2aContext } from './a2a-context'
import { EventStream } from './event-stream'
import type { A2aTask } from './model'
import { historyLength } from './read-params'
import { isTerminal, parseTaskState } from './task-state'
import { snapshotTask, type TaskRecord } from './task-store'
import type { A2aWire } from './wire'

export function getTask(wire: A2aWire): RpcHandler<A2aContext> {
  return (params, ctx) => {
    const p = objectParams(params)
    return wire.task(snapshotTask(findTask(ctx, p).task, historyLength(p)))
  }
}

export function cancelTask(wire: A2aWire): RpcHandler<A2aContext> {
  return (params, ctx) => {
    const record = findTask(ctx, objectParams(params))
    const { id, status } = record.task
    if (isTerminal(status.state)) {
      throw a2aError(
        'TASK_NOT_CANCELABLE',
        `Task ${id} is ${status.state}: only a task still going can be canceled`,
      )
    }
    if (record.run?.active) record.run.cancel()
    else record.task.status = { state: 'canceled', timestamp: ctx.timestamp() }
    return wire.task(snapshotTask(record.task))
  }
}

export function resubscribe(wire: A2aWire): RpcHandler<A2aContext> {
  return (params, ctx) => {
    if (ctx.agent.definition.capabilities?.streaming === false) {
      throw a2aError('UNSUPPORTED_OPERATION', `A2A agent "${ctx.agent.definition.name}" does not stream`)
    }
    const record = findTask(ctx, objectParams(params))
    const { id, status } = record.task
    if (isTerminal(status.state) && wire.resubscribeEnded === 'error') {
      throw a2aError(
        'UNSUPPORTED_OPERATION',
        `Task ${id} is ${status.state}: there is nothing left to subscribe to`,
      )
    }
    const run = record.run
    if (!run?.active)
      return EventStream.of(wire.streamItem({ kind: 'task', task: snapshotTask(record.task) }))
    // Subscribing and queueing the snapshot in one step: no event can fall between them.
    const events = run.subscribe(ctx.signal)
    events.push({ kind: 'task', task: snapshotTask(record.task) })
    return EventStream.map(events, wire.streamItem)
  }
}

const DEFAULT_PAGE_SIZE = 50
const MAX_PAGE_SIZE = 100

/** v1.0's `ListTasks`: this agent's tasks in the session, filtered by context and state, one page. */
export function listTasks(wire: A2aWire): RpcHandler<A2aContext> {
  return (params, ctx) => {
    const p = objectParams(params)
    const state = typeof p.status === 'string' ? parseTaskState(p.status) : undefined
    const matching = [...ctx.tasks.values()]
      .filter((record) => record.agent === ctx.agent.definition.name)
      .map((record) => record.task)
      .filter((task) => (p.contextId ? task.contextId === p.contextId : true))
      .filter((task) => (state ? task.status.state === state : true))
    const pageSize = Math.min(
      typeof p.pageSize === 'number' && p.pageSize > 0 ? p.pageSize : DEFAULT_PAGE_SIZE,
      MAX_PAGE_SIZE,
    )
    const offset = typeof p.pageToken === 'string' && /^\d+$/.test(p.pageToken) ? Number(p.pageToken) : 0
    const page = matching.slice(offset, offset + pageSize)
    const next = offset + pageSize < matching.length ? String(offset + pageSize) : ''
    const withArtifacts = p.includeArtifacts === true
    return {
      tasks: page.map((task) => wire.task(listed(task, historyLength(p), withArtifacts))),
      nextPageToken: next,
      pageSize,
      totalSize: matching.length,
    }
  }
}

function listed(task: A2aTask, history: number | undefined, withArtifacts: boolean): A2aTask {
  const copy = snapshotTask(task, history)
  if (!withArtifacts) copy.artifacts = []
  return copy
}

function findTask(ctx: A2aContext, params: Record<string, unknown>): TaskRecord {
  const id = stringParam(params, 'id')
  const record = ctx.tasks.get(id)
  if (!record || record.agent !== ctx.agent.definition.name)
    throw a2aError('TASK_NOT_FOUND', `Task not found: ${id}`)
  return record
}
