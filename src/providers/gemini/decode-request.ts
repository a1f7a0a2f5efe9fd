/**
 * Decoding a `GenerateContentRequest` (Gemini API and Vertex AI alike) into a canonical chat request:
 * `contents`, `systemInstruction`, `tools[].functionDeclarations` and the JSON output settings of
 * `generationConfig`.
 * @see https://ai.google.dev/api/generate-content#request-body
 * @module
 */
import type { ResponseFormat, ToolDefinition } from '../../canonical'
import type { DecodedChat } from '../../canonical/decoded'
import { isObject, type Json } from '../wire/json-guards'
import { decodeContents, partsText } from './decode-contents'
import { bodyObject, field, invalidArgument } from './json-fields'

export interface RequestOrigin {
  model: string
  stream: boolean
  /** Names the request in error messages; `GenerateContentRequest` unless it is nested in another one. */
  message?: string
}

export function decodeGenerateContentRequest(raw: unknown, origin: RequestOrigin): DecodedChat {
  const body = bodyObject(raw)
  const message = origin.message ?? 'GenerateContentRequest'
  const responseFormat = decodeResponseFormat(field(body, 'generationConfig'), message)
  return {
    kind: 'chat',
    model: origin.model,
    system: systemText(field(body, 'systemInstruction'), message),
    messages: decodeContents(body.contents, message),
    tools: decodeTools(body.tools, message),
    stream: origin.stream,
    ...(responseFormat ? { responseFormat } : {}),
  }
}

/** `systemInstruction` is a Content whose text parts are the system prompt (a bare string is tolerated). */
function systemText(instruction: unknown, message: string): string {
  if (instruction === undefined || instruction === null) return ''
  if (typeof instruction === 'string') return instruction
  if (isObject(instruction) && Array.isArray(instruction.parts)) return partsText(instruction.parts)
  throw invalidArgument(message, 'systemInstruction', 'expected a Content object with parts')
}

/**
 * Function declarations become tool definitions; Google's built-in tools (`googleSearch`, `codeExecution`,
 * `urlContext`, ...) are listed under their own names so fixtures can match on them.
 */
function decodeTools(raw: unknown, message: string): ToolDefinition[] {
  if (raw === undefined || raw === null) return []
  if (!Array.isArray(raw)) throw invalidArgument(message, 'tools', 'expected an array of Tool objects')
  const tools: ToolDefinition[] = []
  raw.forEach((tool: unknown, i) => {
    if (!isObject(tool)) throw invalidArgument(message, `tools[${i}]`, 'expected a Tool object')
    for (const key of Object.keys(tool)) {
      if (key === 'functionDeclarations' || key === 'function_declarations') {
        tools.push(...functionDeclarations(tool[key], `tools[${i}].functionDeclarations`, message))
      } else {
        tools.push({ name: key })
      }
    }
  })
  return tools
}

function functionDeclarations(raw: unknown, path: string, message: string): ToolDefinition[] {
  if (!Array.isArray(raw))
    throw invalidArgument(message, path, 'expected an array of FunctionDeclaration objects')
  return raw.map((declaration: unknown, j) => {
    if (!isObject(declaration) || typeof declaration.name !== 'string' || declaration.name === '') {
      throw invalidArgument(message, `${path}[${j}].name`, 'Name cannot be empty.')
    }
    const tool: ToolDefinition = { name: declaration.name }
    if (typeof declaration.description === 'string') tool.description = declaration.description
    const parameters = field(declaration, 'parameters') ?? field(declaration, 'parametersJsonSchema')
    if (parameters !== undefined) tool.parameters = parameters
    return tool
  })
}

/**
 * `responseMimeType: "application/json"` asks for JSON output: with a schema (`responseSchema` or
 * `responseJsonSchema`) it is the canonical `json_schema` format, without one `json_object`.
 * @see https://ai.google.dev/gemini-api/docs/structured-output
 */
function decodeResponseFormat(config: unknown, message: string): ResponseFormat | undefined {
  if (config === undefined || config === null) return undefined
  if (!isObject(config))
    throw invalidArgument(message, 'generationConfig', 'expected a GenerationConfig object')
  const mimeType = field(config, 'responseMimeType')
  if (mimeType === undefined || mimeType === 'text/plain') return undefined
  if (typeof mimeType !== 'string')
    throw invalidArgument(message, 'generationConfig.responseMimeType', 'expected a string')
  const schema = responseSchema(config)
  if (mimeType !== 'application/json') return { type: mimeType, ...(schema !== undefined ? { schema } : {}) }
  return schema === undefined ? { type: 'json_object' } : { type: 'json_schema', schema }
}

function responseSchema(config: Json): unknown {
  return field(config, 'responseJsonSchema') ?? field(config, 'responseSchema')
}
