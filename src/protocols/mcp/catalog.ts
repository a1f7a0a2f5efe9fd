/**
 * What an MCP server offers: tools, resources, resource templates and prompts, each a validated definition
 * with an optional answer in code. A change to a list is reported, so open sessions hear `list_changed`.
 * @module
 */
import type { z } from 'zod'
import { FixtureError } from '../../errors'
import { toFixtureIssues } from '../../fixtures/issues'
import {
  type McpContent,
  type McpPromptMessage,
  type McpPromptResult,
  type McpResourceContents,
  type McpToolResult,
  mcpSchemas,
} from './schema'
import { compileUriTemplate, type UriTemplate } from './uri-template'

/** What a tool handler may return: text, content blocks, a whole result, or an object (structured content). */
export type McpToolOutput = string | McpContent[] | McpToolResult | Record<string, unknown> | null | undefined

/** The call a tool handler answers. */
export interface McpToolCall {
  name: string
  /** The standin session of the request. */
  session: string
  /** The `Mcp-Session-Id`. */
  mcpSession: string
  /** Aborted when the client goes away. */
  signal: AbortSignal | undefined
}

export type McpToolHandler = (
  args: Record<string, unknown>,
  call: McpToolCall,
) => McpToolOutput | Promise<McpToolOutput>

/** Text (with the resource's `mimeType`), or whole contents. */
export type McpResourceOutput = string | McpResourceContents[]

/** Reads a resource, or a URI a template matched (`variables` holds the template's values). */
export type McpResourceReader = (
  uri: string,
  variables: Record<string, string>,
) => McpResourceOutput | Promise<McpResourceOutput>

/** Answers `prompts/get`: text (one user message), messages, or a whole result. */
export type McpPromptHandler = (
  args: Record<string, string>,
) => string | McpPromptMessage[] | McpPromptResult | Promise<string | McpPromptMessage[] | McpPromptResult>

export type ToolEntry = {
  definition: z.output<ReturnType<typeof mcpSchemas>['toolSchema']>
  handler?: McpToolHandler
}
export type ResourceEntry = {
  definition: z.output<ReturnType<typeof mcpSchemas>['resourceSchema']>
  read?: McpResourceReader
}
export type TemplateEntry = {
  definition: z.output<ReturnType<typeof mcpSchemas>['resourceTemplateSchema']>
  template: UriTemplate
  read?: McpResourceReader
}
export type PromptEntry = {
  definition: z.output<ReturnType<typeof mcpSchemas>['promptSchema']>
  handler?: McpPromptHandler
}

export type McpList = 'tools' | 'resources' | 'prompts'

export class Catalog {
  readonly tools = new Map<string, ToolEntry>()
  readonly resources = new Map<string, ResourceEntry>()
  readonly templates = new Map<string, TemplateEntry>()
  readonly prompts = new Map<string, PromptEntry>()

  /** Check `tools/call` arguments against the tool's `inputSchema` (see tools.ts). */
  validateArguments = true

  constructor(readonly changed: (list: McpList) => void) {}

  /** Adds or replaces a tool; `handler` replaces a static `result`. */
  addTool(tool: unknown, handler: McpToolHandler | undefined, source: string): void {
    const definition = parse(mcpSchemas().toolSchema, tool, source)
    this.tools.set(definition.name, { definition, handler })
    this.changed('tools')
  }

  /** Sets a tool's handler; an unknown tool is added with an open input schema. */
  onToolCall(name: string, handler: McpToolHandler): void {
    const entry = this.tools.get(name)
    if (entry) entry.handler = handler
    else this.addTool({ name }, handler, 'onToolCall()')
  }

  removeTool(name: string): boolean {
    const removed = this.tools.delete(name)
    if (removed) this.changed('tools')
    return removed
  }

  addResource(resource: unknown, read: McpResourceReader | undefined, source: string): void {
    const definition = parse(mcpSchemas().resourceSchema, resource, source)
    this.resources.set(definition.uri, { definition, read })
    this.changed('resources')
  }

  addTemplate(template: unknown, read: McpResourceReader | undefined, source: string): void {
    const definition = parse(mcpSchemas().resourceTemplateSchema, template, source)
    this.templates.set(definition.uriTemplate, {
      definition,
      template: compileUriTemplate(definition.uriTemplate),
      read,
    })
    this.changed('resources')
  }

  addPrompt(prompt: unknown, handler: McpPromptHandler | undefined, source: string): void {
    const definition = parse(mcpSchemas().promptSchema, prompt, source)
    this.prompts.set(definition.name, { definition, handler })
    this.changed('prompts')
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown, source: string): z.output<T> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new FixtureError(toFixtureIssues(source, parsed.error))
  return parsed.data
}
