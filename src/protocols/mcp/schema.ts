/**
 * MCP definitions as zod schemas: the source of the public types, the validation of `addTool()` and
 * friends, and of the config file's `mcp` section. Wire objects (content blocks) keep unknown fields, so
 * newer protocol fields (annotations, `_meta`, icons) pass through; definitions are strict, so a typo in
 * a config file fails instead of being ignored.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/tools
 * @module
 */
import type { z } from 'zod'
import { lazySchemas } from '../../core/zod'

export const mcpSchemas = lazySchemas((z) => {
  const jsonObject = z.record(z.string(), z.unknown())

  const textContents = z.looseObject({ uri: z.string(), mimeType: z.string().optional(), text: z.string() })
  const blobContents = z.looseObject({ uri: z.string(), mimeType: z.string().optional(), blob: z.string() })
  /** The contents of a resource: text, or binary as base64 `blob`. */
  const resourceContentsSchema = z.union([textContents, blobContents])

  /** A content block of a tool result or a prompt message. */
  const contentSchema = z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('text'), text: z.string() }),
    z.looseObject({ type: z.literal('image'), data: z.string(), mimeType: z.string() }),
    z.looseObject({ type: z.literal('audio'), data: z.string(), mimeType: z.string() }),
    z.looseObject({ type: z.literal('resource_link'), uri: z.string(), name: z.string() }),
    z.looseObject({ type: z.literal('resource'), resource: resourceContentsSchema }),
  ])

  /** A whole `tools/call` result. */
  const toolResultSchema = z.looseObject({
    content: z.array(contentSchema),
    isError: z.boolean().optional(),
    structuredContent: jsonObject.optional(),
  })

  const toolSchema = z.strictObject({
    name: z.string().min(1, 'expected a non-empty tool name'),
    title: z.string().optional(),
    description: z.string().optional(),
    inputSchema: jsonObject.describe('JSON Schema of the arguments (default: any object).').optional(),
    outputSchema: jsonObject.describe('JSON Schema of `structuredContent`.').optional(),
    annotations: jsonObject.optional(),
    icons: z.array(jsonObject).optional(),
    _meta: jsonObject.optional(),
    result: z
      .union([z.string(), z.array(contentSchema), toolResultSchema])
      .describe(
        'The static answer: text, content blocks, or a whole result ({content, isError, structuredContent}).',
      )
      .optional(),
  })

  const resourceSchema = z.strictObject({
    uri: z.string().min(1, 'expected a non-empty URI'),
    name: z.string().min(1, 'expected a non-empty name'),
    title: z.string().optional(),
    description: z.string().optional(),
    mimeType: z.string().optional(),
    size: z.number().int().nonnegative().optional(),
    annotations: jsonObject.optional(),
    _meta: jsonObject.optional(),
    text: z.string().describe('The text `resources/read` returns.').optional(),
    blob: z.string().describe('Binary contents, base64.').optional(),
  })

  const resourceTemplateSchema = z.strictObject({
    uriTemplate: z.string().min(1, 'expected a URI template such as "file:///logs/{date}"'),
    name: z.string().min(1, 'expected a non-empty name'),
    title: z.string().optional(),
    description: z.string().optional(),
    mimeType: z.string().optional(),
    annotations: jsonObject.optional(),
    _meta: jsonObject.optional(),
    text: z
      .string()
      .describe('The text read for a matching URI; "{name}" is replaced by that variable.')
      .optional(),
  })

  const promptMessageSchema = z.looseObject({ role: z.enum(['user', 'assistant']), content: contentSchema })

  const promptResultSchema = z.looseObject({
    description: z.string().optional(),
    messages: z.array(promptMessageSchema),
  })

  const promptSchema = z.strictObject({
    name: z.string().min(1, 'expected a non-empty prompt name'),
    title: z.string().optional(),
    description: z.string().optional(),
    arguments: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          title: z.string().optional(),
          description: z.string().optional(),
          required: z.boolean().optional(),
        }),
      )
      .optional(),
    icons: z.array(jsonObject).optional(),
    _meta: jsonObject.optional(),
    result: promptResultSchema
      .describe('The static `prompts/get` answer; "{{name}}" in text is replaced by that argument.')
      .optional(),
  })

  return {
    jsonObject,
    textContents,
    blobContents,
    resourceContentsSchema,
    contentSchema,
    toolResultSchema,
    toolSchema,
    resourceSchema,
    resourceTemplateSchema,
    promptMessageSchema,
    promptResultSchema,
    promptSchema,
  }
})

type McpSchemas = ReturnType<typeof mcpSchemas>

export type McpContent = z.input<McpSchemas['contentSchema']>
export type McpResourceContents = z.input<McpSchemas['resourceContentsSchema']>
export type McpToolResult = z.input<McpSchemas['toolResultSchema']>
export type McpTool = z.input<McpSchemas['toolSchema']>
export type McpResource = z.input<McpSchemas['resourceSchema']>
export type McpResourceTemplate = z.input<McpSchemas['resourceTemplateSchema']>
export type McpPromptMessage = z.input<McpSchemas['promptMessageSchema']>
export type McpPromptResult = z.input<McpSchemas['promptResultSchema']>
export type McpPrompt = z.input<McpSchemas['promptSchema']>
