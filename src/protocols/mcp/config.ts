/**
 * The config file's `mcp` section (the seed's one-port format): the mount path, the server's identity, and
 * its tools, resources, resource templates and prompts, each inline or in a JSON file next to the config
 * (`"tools": "./fixtures/mcp/tools.json"`, holding an array or `{"tools": [...]}`).
 * @module
 */
import type { z } from 'zod'
import { lazySchemas } from '../../core/zod'
import { listOrFile, mountPathSchema, readListFile, type ConfigPlace } from '../../config/section-files'
import type { FixtureIssue } from '../../errors'
import type { McpServerOptions } from './mcp-server'
import { mcpSchemas } from './schema'

export const DEFAULT_MCP_PATH = '/mcp'

export const mcpConfigSchemas = lazySchemas((z) => {
  const LISTS = {
    tools: mcpSchemas().toolSchema,
    resources: mcpSchemas().resourceSchema,
    resourceTemplates: mcpSchemas().resourceTemplateSchema,
    prompts: mcpSchemas().promptSchema,
  }

  const mcpConfigSchema = z
    .strictObject({
      path: mountPathSchema(DEFAULT_MCP_PATH),
      serverInfo: z
        .strictObject({ name: z.string().min(1), version: z.string().min(1), title: z.string().optional() })
        .describe('Sent in the initialize result.')
        .optional(),
      instructions: z.string().describe('Sent in the initialize result.').optional(),
      validateArguments: z
        .boolean()
        .describe("Check tools/call arguments against each tool's inputSchema (default true).")
        .optional(),
      responseMode: z
        .enum(['json', 'sse'])
        .describe('How POSTs are answered when the client accepts both JSON and SSE (default "json").')
        .optional(),
      tools: listOrFile(mcpSchemas().toolSchema, 'tools')
        .describe('Tools, each answered by its static "result".')
        .optional(),
      resources: listOrFile(mcpSchemas().resourceSchema, 'resources').optional(),
      resourceTemplates: listOrFile(mcpSchemas().resourceTemplateSchema, 'resourceTemplates').optional(),
      prompts: listOrFile(mcpSchemas().promptSchema, 'prompts').optional(),
    })
    .describe('MCP server (Streamable HTTP) on the same port.')

  return { LISTS, mcpConfigSchema }
})

type McpConfigSchemas = ReturnType<typeof mcpConfigSchemas>
type ListName = keyof McpConfigSchemas['LISTS']

export type McpConfig = z.output<McpConfigSchemas['mcpConfigSchema']>

export interface ResolvedMcpConfig {
  path: string
  options: McpServerOptions
}

/** Reads the section's files; every problem found (file, JSON path, expectation) lands in `issues`. */
export function resolveMcpConfig(
  section: McpConfig,
  where: ConfigPlace,
  issues: FixtureIssue[],
): ResolvedMcpConfig {
  const { path = DEFAULT_MCP_PATH, tools, resources, resourceTemplates, prompts, ...rest } = section
  const options: McpServerOptions = { ...rest }
  const lists = { tools, resources, resourceTemplates, prompts }
  for (const name of Object.keys(lists) as ListName[]) {
    const value = lists[name]
    if (value === undefined) continue
    const items =
      typeof value === 'string'
        ? (readListFile(value, where, { name, item: mcpConfigSchemas().LISTS[name] }, issues)?.items ?? [])
        : value
    ;(options as Record<ListName, unknown[]>)[name] = items
  }
  return { path, options }
}
