/**
 * Tool-call arguments between the canonical model, where they are JSON text exactly as an OpenAI-style wire
 * sends them, and wires that carry them as a JSON value (Anthropic's `input`, Gemini's `args`, Bedrock's
 * `input`, Ollama's `arguments`).
 * @module
 */
import type { ToolCall } from '../../canonical'
import { WireError } from '../../errors'
import { isObject, type Json } from './json-guards'

/** The canonical text of arguments a wire sent as a value; absent arguments are an empty object. */
export function argumentsJson(input: unknown): string {
  return JSON.stringify(input ?? {})
}

/** The value to send for canonical arguments; text a fixture gave that is not JSON goes out as it is. */
export function argumentsValue(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * The arguments as the JSON object a wire requires (empty text is no arguments). Anything else is the
 * fixture's mistake, answered as a 500 that names the tool and the wire.
 */
export function argumentsObject(call: Pick<ToolCall, 'name' | 'arguments'>, wire: string): Json {
  let value: unknown
  try {
    value = JSON.parse(call.arguments === '' ? '{}' : call.arguments)
  } catch {
    value = undefined
  }
  if (isObject(value)) return value
  const message = `The arguments of tool call '${call.name}' are not a JSON object; ${wire} sends them as one.`
  throw new WireError(500, message, { type: 'standin_fixture_error' })
}
