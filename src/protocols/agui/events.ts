/**
 * AG-UI events as standin writes them: plain JSON objects discriminated by `type`. The names are the
 * protocol's (`@ag-ui/core` 1.0 `EventType`), plus the five deprecated `THINKING_*` events that recordings
 * made with older agents still carry (clients translate or drop them).
 * @see https://docs.ag-ui.com/concepts/events
 * @module
 */

export const AGUI_EVENT_TYPES = [
  'TEXT_MESSAGE_START',
  'TEXT_MESSAGE_CONTENT',
  'TEXT_MESSAGE_END',
  'TEXT_MESSAGE_CHUNK',
  'TOOL_CALL_START',
  'TOOL_CALL_ARGS',
  'TOOL_CALL_END',
  'TOOL_CALL_CHUNK',
  'TOOL_CALL_RESULT',
  'STATE_SNAPSHOT',
  'STATE_DELTA',
  'MESSAGES_SNAPSHOT',
  'ACTIVITY_SNAPSHOT',
  'ACTIVITY_DELTA',
  'RAW',
  'CUSTOM',
  'RUN_STARTED',
  'RUN_FINISHED',
  'RUN_ERROR',
  'STEP_STARTED',
  'STEP_FINISHED',
  'REASONING_START',
  'REASONING_MESSAGE_START',
  'REASONING_MESSAGE_CONTENT',
  'REASONING_MESSAGE_END',
  'REASONING_MESSAGE_CHUNK',
  'REASONING_END',
  'REASONING_ENCRYPTED_VALUE',
  'SUBAGENT_STARTED',
  'SUBAGENT_FINISHED',
  'SUBAGENT_ERROR',
  'THINKING_START',
  'THINKING_END',
  'THINKING_TEXT_MESSAGE_START',
  'THINKING_TEXT_MESSAGE_CONTENT',
  'THINKING_TEXT_MESSAGE_END',
] as const

export type AguiEventType = (typeof AGUI_EVENT_TYPES)[number]

/**
 * One AG-UI event: its `type` and the fields the protocol defines for it (`messageId`, `delta`, ...).
 * @example { type: 'TEXT_MESSAGE_CONTENT', messageId: 'msg_1', delta: 'Hello' }
 */
export interface AguiEvent {
  type: AguiEventType
  [field: string]: unknown
}

/** A JSON Patch operation (RFC 6902), as STATE_DELTA carries them. */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test'
  path: string
  from?: string
  value?: unknown
}
