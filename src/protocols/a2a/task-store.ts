/**
 * Where A2A tasks live: the standin session's memory for this mount (so parallel tests never see each
 * other's tasks, and `reset()` or the session's expiry forgets them), each task kept with the agent that
 * owns it. Bounded: past {@link MAX_TASKS} the oldest task is forgotten.
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

/** Tasks kept per session: a long suite in one session must not grow memory without end. */
export const MAX_TASKS = 1000

/** A task table that forgets its oldest task past {@link MAX_TASKS}. */
export class TaskStore extends Map<string, TaskRecord> {
  override set(id: string, record: TaskRecord): this {
    super.set(id, record)
    if (this.size > MAX_TASKS) this.delete(this.keys().next().value!)
    return this
  }
}

const KEY = 'tasks'

/** The tasks of the session whose memory this is. */
export function taskStore(memory: Map<string, unknown>): TaskStore {
  let store = memory.get(KEY) as TaskStore | undefined
  if (!store) {
    store = new TaskStore()
    memory.set(KEY, store)
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
