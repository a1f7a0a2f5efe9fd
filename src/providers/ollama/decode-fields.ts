/**
 * Request fields shared by Ollama's chat, generate and embed endpoints.
 * @see https://docs.ollama.com/api/introduction
 * @module
 */
import type { ResponseFormat } from '../../canonical'
import { WireError } from '../../errors'
import { isObject, jsonType, type Json } from '../wire/json-guards'

/** The request body as an object (Ollama answers any other JSON with a 400). */
export function decodeBody(body: unknown): Json {
  if (!isObject(body)) throw new WireError(400, 'The request body must be a JSON object.')
  return body
}

export function decodeModel(body: Json): string {
  const model = body.model
  if (model !== undefined && model !== null && model !== '' && typeof model !== 'string') {
    throw new WireError(400, `invalid type for 'model': expected a string, got ${jsonType(model)}`, {
      param: 'model',
    })
  }
  if (typeof model !== 'string' || model === '')
    throw new WireError(400, 'model is required', { param: 'model' })
  return model
}

/** `stream` defaults to true on Ollama's own API (the SDK sends `false` unless asked). */
export function decodeStream(body: Json): boolean {
  if (body.stream !== undefined && typeof body.stream !== 'boolean') {
    throw new WireError(400, "invalid value for 'stream': expected a boolean", { param: 'stream' })
  }
  return body.stream !== false
}

/** `format`: `"json"` for any JSON object, or a JSON schema the answer must follow. */
export function decodeFormat(value: unknown): ResponseFormat | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (value === 'json') return { type: 'json_object' }
  if (isObject(value)) return { type: 'json_schema', schema: value }
  throw new WireError(400, `invalid format: expected "json" or a JSON schema in 'format'`, {
    param: 'format',
  })
}

/**
 * `think`: true, false or an effort level. Only an explicit `false` hides reasoning, because a thinking model
 * thinks by default.
 */
export function decodeThink(value: unknown): boolean {
  if (value === undefined || value === null || typeof value === 'boolean') return value !== false
  if (value === 'high' || value === 'medium' || value === 'low') return true
  throw new WireError(400, `invalid value for 'think': expected a boolean or "high", "medium", "low"`, {
    param: 'think',
  })
}
