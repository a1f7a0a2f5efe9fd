/**
 * `resources/list`, `resources/templates/list` and `resources/read`. A URI is read from the resource of
 * that URI, else from the first template that matches it; neither is the spec's -32002.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/resources
 * @module
 */
import { objectParams, RpcError, stringParam } from '../jsonrpc'
import type { McpResourceOutput, McpResourceReader } from './catalog'
import type { McpContext } from './mcp-context'
import type { McpResourceContents } from './schema'

/** "Resource not found" in the MCP spec. */
export const RESOURCE_NOT_FOUND = -32002

export function listResources(context: McpContext): { resources: unknown[] } {
  const resources = [...context.catalog.resources.values()].map(
    ({ definition: { text: _t, blob: _b, ...rest } }) => rest,
  )
  return { resources }
}

export function listTemplates(context: McpContext): { resourceTemplates: unknown[] } {
  const templates = [...context.catalog.templates.values()].map(
    ({ definition: { text: _t, ...rest } }) => rest,
  )
  return { resourceTemplates: templates }
}

export async function readResource(
  params: unknown,
  context: McpContext,
): Promise<{ contents: McpResourceContents[] }> {
  const uri = stringParam(objectParams(params), 'uri')
  const resource = context.catalog.resources.get(uri)
  if (resource) {
    const { text, blob, mimeType } = resource.definition
    if (resource.read) return { contents: await read(resource.read, uri, {}, mimeType) }
    const body = blob !== undefined ? { blob } : { text: text ?? '' }
    return { contents: [{ uri, ...(mimeType ? { mimeType } : {}), ...body }] }
  }
  for (const { definition, template, read: reader } of context.catalog.templates.values()) {
    const variables = template.match(uri)
    if (!variables) continue
    if (reader) return { contents: await read(reader, uri, variables, definition.mimeType) }
    const text = (definition.text ?? '').replace(
      /\{([^{}]+)\}/g,
      (whole, name: string) => variables[name] ?? whole,
    )
    return { contents: [{ uri, ...(definition.mimeType ? { mimeType: definition.mimeType } : {}), text }] }
  }
  throw new RpcError(RESOURCE_NOT_FOUND, `Resource not found: ${uri}`, { uri })
}

async function read(
  reader: McpResourceReader,
  uri: string,
  variables: Record<string, string>,
  mimeType: string | undefined,
): Promise<McpResourceContents[]> {
  const output: McpResourceOutput = await reader(uri, variables)
  if (typeof output === 'string') return [{ uri, ...(mimeType ? { mimeType } : {}), text: output }]
  return output
}
