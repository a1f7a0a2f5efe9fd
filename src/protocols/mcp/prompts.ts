/**
 * `prompts/list` and `prompts/get`. Arguments are strings; a missing required one, or an unknown prompt,
 * is -32602. A static result has `{{name}}` in its text replaced by that argument.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/prompts
 * @module
 */
import { objectParams, recordParam, RPC_ERROR, RpcError, stringParam } from '../jsonrpc'
import type { PromptEntry } from './catalog'
import type { McpContext } from './mcp-context'
import type { McpPromptMessage, McpPromptResult } from './schema'

export function listPrompts(context: McpContext): { prompts: unknown[] } {
  return {
    prompts: [...context.catalog.prompts.values()].map(({ definition: { result: _r, ...rest } }) => rest),
  }
}

export async function getPrompt(params: unknown, context: McpContext): Promise<McpPromptResult> {
  const p = objectParams(params)
  const name = stringParam(p, 'name')
  const args = stringArguments(recordParam(p, 'arguments'))
  const entry = context.catalog.prompts.get(name)
  if (!entry) throw new RpcError(RPC_ERROR.invalidParams, `Unknown prompt: ${name}`)
  for (const argument of entry.definition.arguments ?? []) {
    if (argument.required && args[argument.name] === undefined) {
      throw new RpcError(
        RPC_ERROR.invalidParams,
        `Missing required argument "${argument.name}" of prompt ${name}`,
      )
    }
  }
  if (entry.handler) return toPromptResult(await entry.handler(args))
  if (entry.definition.result) return fill(entry.definition.result, args)
  const message = `standin: prompt "${name}" has no handler or result (give it one with addPrompt() or "result")`
  if (context.strict) throw new RpcError(RPC_ERROR.internalError, message)
  return { messages: [{ role: 'user', content: { type: 'text', text: message } }] }
}

function stringArguments(args: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(args)) {
    if (typeof value !== 'string') {
      throw new RpcError(RPC_ERROR.invalidParams, `Invalid params: params.arguments.${key} must be a string`)
    }
    out[key] = value
  }
  return out
}

function toPromptResult(output: Awaited<ReturnType<NonNullable<PromptEntry['handler']>>>): McpPromptResult {
  if (typeof output === 'string')
    return { messages: [{ role: 'user', content: { type: 'text', text: output } }] }
  if (Array.isArray(output)) return { messages: output }
  return output
}

function fill(result: McpPromptResult, args: Record<string, string>): McpPromptResult {
  const messages = result.messages.map((message): McpPromptMessage => {
    if (message.content.type !== 'text') return message
    const text = message.content.text.replace(
      /\{\{\s*([^{}\s]+)\s*\}\}/g,
      (whole, name: string) => args[name] ?? whole,
    )
    return { ...message, content: { ...message.content, text } }
  })
  return { ...result, messages }
}
