/**
 * The A2A objects as standin holds them, whichever protocol version a client speaks: parts in v1.0's JSON
 * form (`{text}`, `{url}`, `{raw}`, `{data}`), roles and states by one name each. The wire modules turn
 * them into v1.0 or v0.3 JSON.
 * @see https://a2a-protocol.org/v1.0.0/specification/#4-protocol-data-model
 * @module
 */
import type { A2aTaskState } from './task-state'

/** What any part may carry besides its content. */
export interface A2aPartFields {
  /** The content's media type, e.g. `text/markdown` or `application/json`. */
  mediaType?: string
  filename?: string
  metadata?: Record<string, unknown>
}

/**
 * A piece of content: text, a file by URL or as base64 `raw` bytes, or structured `data`. Fixtures may also
 * use v0.3's spelling (`{ kind: 'text', text }`, `{ kind: 'file', file: { uri } }`, `{ kind: 'data', data }`).
 */
export type A2aPart = A2aPartFields &
  ({ text: string } | { url: string } | { raw: string } | { data: unknown })

/** A task's output. */
export interface A2aArtifact {
  artifactId: string
  name?: string
  description?: string
  parts: A2aPart[]
  metadata?: Record<string, unknown>
}

export interface A2aMessage {
  messageId: string
  role: 'user' | 'agent'
  parts: A2aPart[]
  contextId?: string
  taskId?: string
  metadata?: Record<string, unknown>
  extensions?: string[]
  referenceTaskIds?: string[]
}

export interface A2aTaskStatus {
  state: A2aTaskState
  message?: A2aMessage
  /** ISO 8601. */
  timestamp: string
}

export interface A2aTask {
  id: string
  contextId: string
  status: A2aTaskStatus
  artifacts: A2aArtifact[]
  history: A2aMessage[]
  metadata?: Record<string, unknown>
}

/** What a stream carries: the task itself first, then its updates (or one message, for a message reply). */
export type A2aStreamItem =
  | { kind: 'task'; task: A2aTask }
  | { kind: 'message'; message: A2aMessage }
  | { kind: 'status-update'; taskId: string; contextId: string; status: A2aTaskStatus; final: boolean }
  | {
      kind: 'artifact-update'
      taskId: string
      contextId: string
      artifact: A2aArtifact
      append: boolean
      lastChunk: boolean
    }

/** The text parts joined by newlines: what patterns match and the journal shows. */
export function partsText(parts: readonly A2aPart[]): string {
  return parts.flatMap((part) => ('text' in part ? [part.text] : [])).join('\n')
}
