/**
 * Tool definitions in OpenAI's function shape, `{name, description?, parameters?}`, which OpenAI's chat API,
 * Ollama and Cohere nest under `function` and the Responses API sends flat.
 * @module
 */
import type { ToolDefinition } from '../../canonical'
import type { Json } from './json-guards'

/** The definition of the function object `fn`, whose `name` the caller has checked. A null schema is none. */
export function functionTool(name: string, fn: Json): ToolDefinition {
  const tool: ToolDefinition = { name }
  if (typeof fn.description === 'string') tool.description = fn.description
  if (fn.parameters !== undefined && fn.parameters !== null) tool.parameters = fn.parameters
  return tool
}
