/**
 * What an A2A method handler sees: the agent the request was sent to, the session's tasks, the request's
 * strictness, clock and abort signal, and a note of what to journal about the call.
 * @module
 */
import type { NoMatchDiagnostic } from '../../matching/diagnose'
import type { AgentEntry, AgentRegistry } from './agents'
import type { RunClock } from './task-run'
import type { TaskStore } from './task-store'

/** What the journal records of a call beyond its method and params. */
export interface CallNote {
  /** The answer's text: a message's text parts, or the artifacts' text of a task. */
  text?: string
  fixture?: { id: string; source: string }
  miss?: NoMatchDiagnostic
}

export interface A2aContext extends RunClock {
  registry: AgentRegistry
  agent: AgentEntry
  tasks: TaskStore
  strict: boolean
  signal: AbortSignal | undefined
  note: CallNote
}
