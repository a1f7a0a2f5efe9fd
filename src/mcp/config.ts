/**
 * The config file's `mcp` section (the seed's one-port format): the mount path, the server's identity, and
 * its tools, resources, resource templates and prompts, each inline or in a JSON file next to the config
 * (`"tools": "./fixtures/mcp/tools.json"`, holding an array or `{"tools": [...]}`).
 * @module
 */
import { readFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { z } from 'zod'
import type { FixtureIssue } from '../errors'
import { toFixtureIssues } from '../fixtures/issues'
import type { McpServerOptions } from './mcp-server'
import { promptSchema, resourceSchema, resourceTemplateSchema, toolSchema } from './schema'

const LISTS = {
  tools: toolSchema,
  resources: resourceSchema,
  resourceTemplates: resourceTemplateSchema,
  prompts: promptSchema,
}
type ListName = keyof typeof LISTS

const listOrFile = <T extends z.ZodType>(item: T, name: string) =>
  z.union([
    z
      .string()
      .min(1)
      .describe(`A JSON file, relative to this config, holding an array or {"${name}": [...]}.`),
    z.array(item),
  ])

export const DEFAULT_MCP_PATH = '/mcp'

export const mcpConfigSchema = z
  .strictObject({
    path: z
      .string()
      .startsWith('/', 'expected a path starting with "/"')
      .describe('Mount path (default "/mcp").')
      .optional(),
    serverInfo: z
      .strictObject({ name: z.string().min(1), version: z.string().min(1), title: z.string().optional() })
      .describe('Sent in the initialize result.')
      .optional(),
    instructions: z.string().describe('Sent in the initialize result.').optional(),
    responseMode: z
      .enum(['json', 'sse'])
      .describe('How POSTs are answered when the client accepts both JSON and SSE (default "json").')
      .optional(),
    tools: listOrFile(toolSchema, 'tools')
      .describe('Tools, each answered by its static "result".')
      .optional(),
    resources: listOrFile(resourceSchema, 'resources').optional(),
    resourceTemplates: listOrFile(resourceTemplateSchema, 'resourceTemplates').optional(),
    prompts: listOrFile(promptSchema, 'prompts').optional(),
  })
  .describe('MCP server (Streamable HTTP) on the same port.')

export type McpConfig = z.output<typeof mcpConfigSchema>

export interface ResolvedMcpConfig {
  path: string
  options: McpServerOptions
}

/** Reads the section's files; every problem found (file, JSON path, expectation) lands in `issues`. */
export function resolveMcpConfig(
  section: McpConfig,
  where: { dir: string; cwd: string },
  issues: FixtureIssue[],
): ResolvedMcpConfig {
  const { path = DEFAULT_MCP_PATH, tools, resources, resourceTemplates, prompts, ...rest } = section
  const options: McpServerOptions = { ...rest }
  const lists = { tools, resources, resourceTemplates, prompts }
  for (const name of Object.keys(lists) as ListName[]) {
    const value = lists[name]
    if (value === undefined) continue
    let items: unknown[]
    if (typeof value === 'string') {
      const file = resolve(where.dir, value)
      items = readList(name, file, relative(where.cwd, file) || file, issues)
    } else items = value
    ;(options as Record<ListName, unknown[]>)[name] = items
  }
  return { path, options }
}

function readList(name: ListName, file: string, shown: string, issues: FixtureIssue[]): unknown[] {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    issues.push({
      file: shown,
      path: '',
      message: code === 'ENOENT' ? 'no such file' : `invalid JSON: ${(error as Error).message}`,
    })
    return []
  }
  const wrapped = typeof json === 'object' && json !== null && !Array.isArray(json) && name in json
  const list = wrapped ? (json as Record<string, unknown>)[name] : json
  if (!Array.isArray(list)) {
    issues.push({
      file: shown,
      path: wrapped ? name : '',
      message: `expected an array of ${name}, or {"${name}": [...]}`,
    })
    return []
  }
  const parsed = z.array(LISTS[name]).safeParse(list)
  if (parsed.success) return parsed.data
  issues.push(...toFixtureIssues(shown, parsed.error, wrapped ? name : ''))
  return []
}
