/**
 * `tools/list` and `tools/call`. A handler's answer is normalised into a CallToolResult; a handler that
 * throws answers `isError: true` with its message (a tool execution error, which the model sees), as the
 * spec asks. Strict, an unknown tool is the spec's -32602 and a tool with no handler or result -32603;
 * lenient, both answer an `isError` result that explains, so an agent under test carries on. Arguments
 * that do not fit the tool's `inputSchema` answer an `isError` result naming the fields: since 2025-11-25
 * the spec makes input validation a tool execution error, which the model sees and can correct.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/tools#error-handling
 * @module
 */
import type { z } from 'zod'
import { zod } from '../../core/zod'
import { objectParams, recordParam, RPC_ERROR, RpcError, stringParam } from '../jsonrpc'
import type { McpToolCall, McpToolOutput, ToolEntry } from './catalog'
import type { McpContext } from './mcp-context'
import { type McpToolResult, mcpSchemas } from './schema'

export function listTools(context: McpContext): { tools: unknown[] } {
  return { tools: [...context.catalog.tools.values()].map(({ definition }) => toolListing(definition)) }
}

function toolListing({ result: _result, ...definition }: ToolEntry['definition']): unknown {
  return { ...definition, inputSchema: definition.inputSchema ?? { type: 'object' } }
}

export async function callTool(params: unknown, context: McpContext): Promise<McpToolResult> {
  const p = objectParams(params)
  const name = stringParam(p, 'name')
  const args = recordParam(p, 'arguments')
  const entry = context.catalog.tools.get(name)
  if (!entry) {
    const known = [...context.catalog.tools.keys()]
    const message = `Unknown tool: ${name}${known.length ? ` (tools: ${known.join(', ')})` : ' (no tools registered)'}`
    if (context.strict) throw new RpcError(RPC_ERROR.invalidParams, message)
    return errorResult(`standin: ${message}`)
  }
  const problems = context.catalog.validateArguments ? argumentProblems(entry, args) : undefined
  if (problems) return errorResult(`Invalid arguments for tool "${name}": ${problems}`)
  if (entry.handler) return runHandler(entry, args, toolCall(name, context))
  if (entry.definition.result !== undefined) return toToolResult(entry.definition.result)
  const message = `standin: tool "${name}" has no handler or result (give it one with onToolCall() or "result")`
  if (context.strict) throw new RpcError(RPC_ERROR.internalError, message)
  return errorResult(message)
}

/** Each tool's `inputSchema` as a validator, built on first call; null when zod cannot read the schema. */
const validators = new WeakMap<ToolEntry['definition'], z.ZodType | null>()

function argumentProblems(entry: ToolEntry, args: Record<string, unknown>): string | undefined {
  const schema = entry.definition.inputSchema
  if (schema === undefined) return undefined
  let validator = validators.get(entry.definition)
  if (validator === undefined) {
    try {
      validator = zod().fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0])
    } catch {
      validator = null // a schema zod cannot read is not held against the call
    }
    validators.set(entry.definition, validator)
  }
  const result = validator?.safeParse(args)
  if (!result || result.success) return undefined
  return result.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ')
}

async function runHandler(
  entry: ToolEntry,
  args: Record<string, unknown>,
  call: McpToolCall,
): Promise<McpToolResult> {
  let output: McpToolOutput
  try {
    output = await entry.handler!(args, call)
  } catch (error) {
    return errorResult(error instanceof Error ? error.message : String(error))
  }
  return toToolResult(output)
}

function toolCall(name: string, context: McpContext): McpToolCall {
  return { name, session: context.standinSession, mcpSession: context.session.id, signal: context.signal }
}

/** Text, content blocks, a whole result, or an object sent as structured content (and as JSON text). */
export function toToolResult(output: McpToolOutput): McpToolResult {
  if (output === undefined || output === null) return { content: [] }
  if (typeof output === 'string') return { content: [{ type: 'text', text: output }] }
  if (Array.isArray(output)) return checked({ content: output })
  if (typeof output !== 'object') return { content: [{ type: 'text', text: String(output) }] }
  if ('content' in output) return checked(output)
  return { content: [{ type: 'text', text: JSON.stringify(output) }], structuredContent: output }
}

function checked(result: unknown): McpToolResult {
  const parsed = mcpSchemas().toolResultSchema.safeParse(result)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'result'}: ${i.message}`).join('; ')
  return errorResult(`standin: the tool's answer is not a valid CallToolResult: ${problems}`)
}

function errorResult(text: string): McpToolResult {
  return { content: [{ type: 'text', text }], isError: true }
}

/** The text blocks of a result joined, for the journal. */
export function resultText(result: McpToolResult): string {
  return result.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n')
}
