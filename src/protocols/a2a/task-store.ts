/**
 * Where A2A tasks live: the mount's `memory` (so `reset()` forgets them), one table per standin session
 * (so parallel tests never see each other's tasks), each task kept with the agent that owns it.
 * @module
 */
import type { A2aTask } from './model'
import type { TaskRun } from './task-run'

export interface TaskRecord {
  task: A2aTask
  /** The agent the task was sent to: another agent's endpoint does not know it. */
  agent: string
  /** The playback of the task's events, while it plays (and after, settled). */
  run?: TaskRun
}

export type TaskStore = Map<string, TaskRecord>

const KEY = 'tasks'

/** The tasks of `session`. */
export function taskStore(memory: Map<string, unknown>, session: string): TaskStore {
  let sessions = memory.get(KEY) as Map<string, TaskStore> | undefined
  if (!sessions) {
    sessions = new Map()
    memory.set(KEY, sessions)
  }
  let store = sessions.get(session)
  if (!store) {
    store = new Map()
    sessions.set(session, store)
  }
  return store
}

/**
 * A copy of the task as it is now (events and replies must not change when the task does later), with
 * only the last `historyLength` messages when the client asked for fewer.
 */
export function snapshotTask(task: A2aTask, historyLength?: number): A2aTask {
  const copy = structuredClone(task)
  if (historyLength !== undefined)
    copy.history = historyLength === 0 ? [] : copy.history.slice(-historyLength)
  return copy
}
