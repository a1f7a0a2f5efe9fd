/**
 * Canonical chat messages as decoders build them, with optional fields left out rather than undefined, so
 * journaled requests and matcher diffs show only what the wire said.
 * @module
 */
import type { ChatMessage, ToolCall } from '../../canonical'

/** An assistant turn: its text, and its tool calls when it made any. */
export function assistantMessage(text: string, toolCalls: ToolCall[] = []): ChatMessage {
  return toolCalls.length > 0 ? { role: 'assistant', text, toolCalls } : { role: 'assistant', text }
}

export interface ToolOutput {
  toolCallId: string
  content: string
  /** The tool's name, when the wire names it or the call it answers is known. */
  name?: string | undefined
  isError?: boolean | undefined
}

/** A tool result sent back to the model; its text is the result's content. */
export function toolMessage({ toolCallId, content, name, isError }: ToolOutput): ChatMessage {
  return {
    role: 'tool',
    text: content,
    toolResult: { toolCallId, content, ...(name ? { name } : {}), ...(isError ? { isError } : {}) },
  }
}
