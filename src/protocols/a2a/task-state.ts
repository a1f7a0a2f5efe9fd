/**
 * A2A task states: one name per state (v0.3's wire spelling, `input-required`), read from any spelling a
 * fixture or client uses (`TASK_STATE_INPUT_REQUIRED` as in v1.0 and the seed, `input_required`), and
 * which states end a task's stream.
 * @see https://a2a-protocol.org/v1.0.0/specification/#413-taskstate
 * @module
 */

export const A2A_TASK_STATES = [
  'submitted',
  'working',
  'input-required',
  'auth-required',
  'completed',
  'canceled',
  'failed',
  'rejected',
] as const

export type A2aTaskState = (typeof A2A_TASK_STATES)[number]

const TERMINAL: ReadonlySet<A2aTaskState> = new Set(['completed', 'canceled', 'failed', 'rejected'])
/** The agent waits for the client: the task lives on, but nothing more happens until it answers. */
const INTERRUPTED: ReadonlySet<A2aTaskState> = new Set(['input-required', 'auth-required'])

/** `working`, `WORKING`, `TASK_STATE_WORKING`, `input_required`: the state, or undefined. */
export function parseTaskState(name: string): A2aTaskState | undefined {
  const state = name
    .replace(/^TASK_STATE_/i, '')
    .toLowerCase()
    .replaceAll('_', '-')
  return (A2A_TASK_STATES as readonly string[]).includes(state) ? (state as A2aTaskState) : undefined
}

export function isTerminal(state: A2aTaskState): boolean {
  return TERMINAL.has(state)
}

/** Terminal or interrupted: the last status update of a stream (v0.3 marks it `final`). */
export function endsStream(state: A2aTaskState): boolean {
  return TERMINAL.has(state) || INTERRUPTED.has(state)
}

/** v1.0's enum spelling: `TASK_STATE_INPUT_REQUIRED`. */
export function v1TaskState(state: A2aTaskState): string {
  return `TASK_STATE_${state.toUpperCase().replaceAll('-', '_')}`
}
