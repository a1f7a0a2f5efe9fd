/**
 * Tool calls on Ollama's wire: arguments as a JSON object, not a string; an `id` (newer servers send one,
 * older SDK typings omit it) and the call's `index`.
 * @see https://docs.ollama.com/capabilities/tool-calling
 * @module
 */
import type { ToolCall } from '../../canonical'
import { argumentsValue } from '../wire/tool-arguments'

/** Canonical arguments are a JSON string; Ollama sends the object. Text that is not JSON goes out as is. */
export function wireToolCall(call: ToolCall, index: number): Record<string, unknown> {
  return { id: call.id, function: { index, name: call.name, arguments: argumentsValue(call.arguments) } }
}
