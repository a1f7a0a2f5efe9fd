/**
 * OpenAI Embeddings: `POST /v1/embeddings` (and any path ending in `/embeddings`). One vector per input;
 * `encoding_format: "base64"` returns little-endian float32 bytes, as the official SDK requests by default.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 * @module
 */
import { estimateTokens } from '../../core/tokens'
import { WireError } from '../../errors'
import type { EmbeddingSurface } from '../provider'
import { isObject, isPositiveInteger } from '../wire/json-guards'
import { embeddingsResponseDecoding } from './decode-embeddings-response'
import { checkDimensions, checkInputCount, checkInputTokens } from './embedding-limits'
import { openaiError } from './errors'
import { invalidType, missingParameter, requireString } from './param-errors'

export interface EmbeddingWire {
  base64: boolean
}

export const embeddingsSurface: EmbeddingSurface<EmbeddingWire> = {
  kind: 'embedding',
  id: 'openai.embeddings',
  provider: 'openai',
  routes: [{ method: 'POST', path: '**/embeddings' }],

  decode(body) {
    if (!isObject(body)) throw new WireError(400, 'The request body must be a JSON object.')
    const model = requireString(body.model, 'model')
    const format = body.encoding_format ?? 'float'
    if (format !== 'float' && format !== 'base64') {
      throw new WireError(400, "Invalid value for 'encoding_format': expected 'float' or 'base64'.", {
        param: 'encoding_format',
      })
    }
    const dimensions = decodeDimensions(model, body.dimensions)
    const inputs = decodeInput(body.input)
    checkInputTokens(inputs.map((input) => input.tokens))
    return {
      request: {
        kind: 'embedding',
        model,
        inputs: inputs.map((input) => input.text),
        ...(dimensions !== undefined ? { dimensions } : {}),
      },
      wire: { base64: format === 'base64' },
    }
  },

  encode(embedding, wire) {
    return {
      object: 'list',
      data: embedding.vectors.map((vector, index) => ({
        object: 'embedding',
        index,
        embedding: wire.base64 ? toBase64(vector) : vector,
      })),
      model: embedding.model,
      usage: { prompt_tokens: embedding.usage.inputTokens, total_tokens: embedding.usage.inputTokens },
    }
  },

  response: embeddingsResponseDecoding,

  encodeError: openaiError,
}

function decodeDimensions(model: string, value: unknown): number | undefined {
  if (value === undefined) return undefined
  if (!isPositiveInteger(value)) {
    throw new WireError(400, "Invalid value for 'dimensions': expected a positive integer.", {
      param: 'dimensions',
    })
  }
  checkDimensions(model, value)
  return value
}

/** One input's text (token arrays joined for matching) and its token count. */
interface Input {
  text: string
  tokens: number
}

function decodeInput(input: unknown): Input[] {
  if (typeof input === 'string') return [decodeItem(input)]
  if (!Array.isArray(input) || input.length === 0) {
    if (input === undefined || input === null) throw missingParameter('input')
    throw invalidType('input', 'a string, an array of strings, or token arrays', input)
  }
  if (isTokenArray(input)) return [decodeItem(input)]
  // Counted before any item is read, so an oversized batch costs nothing.
  checkInputCount(input.length)
  return input.map(decodeItem)
}

function decodeItem(item: unknown): Input {
  if (typeof item === 'string') return { text: item, tokens: estimateTokens(item) }
  if (isTokenArray(item)) return { text: item.join(' '), tokens: item.length }
  throw invalidType('input', 'a string, an array of strings, or token arrays', item)
}

function isTokenArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((t) => typeof t === 'number')
}

function toBase64(vector: number[]): string {
  const floats = new Float32Array(vector)
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64')
}
