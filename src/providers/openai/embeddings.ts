/**
 * OpenAI Embeddings: `POST /v1/embeddings` (and any path ending in `/embeddings`). One vector per input;
 * `encoding_format: "base64"` returns little-endian float32 bytes, as the official SDK requests by default.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 * @module
 */
import type { EmbeddingResult } from '../../canonical'
import { WireError } from '../../errors'
import type { ExchangeSurface } from '../provider'
import { isObject } from './decode-messages'
import { openaiError } from './errors'

export interface EmbeddingWire {
  base64: boolean
}

export const embeddingsSurface: ExchangeSurface<EmbeddingWire> = {
  kind: 'exchange',
  id: 'openai.embeddings',
  provider: 'openai',
  routes: [{ method: 'POST', path: '**/embeddings' }],

  decode(body) {
    if (!isObject(body)) throw new WireError(400, 'The request body must be a JSON object.')
    if (typeof body.model !== 'string' || body.model === '') {
      throw new WireError(400, "Missing required parameter: 'model'.", { param: 'model' })
    }
    const format = body.encoding_format ?? 'float'
    if (format !== 'float' && format !== 'base64') {
      throw new WireError(400, "Invalid value for 'encoding_format': expected 'float' or 'base64'.", {
        param: 'encoding_format',
      })
    }
    const dimensions = body.dimensions
    if (dimensions !== undefined && (!Number.isInteger(dimensions) || (dimensions as number) < 1)) {
      throw new WireError(400, "Invalid value for 'dimensions': expected a positive integer.", {
        param: 'dimensions',
      })
    }
    return {
      request: {
        kind: 'embedding',
        surface: 'openai.embeddings',
        provider: 'openai',
        model: body.model,
        inputs: decodeInput(body.input),
        ...(dimensions !== undefined ? { dimensions: dimensions as number } : {}),
      },
      wire: { base64: format === 'base64' },
    }
  },

  encode(result, wire) {
    const embedding = result as EmbeddingResult
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

  encodeError: openaiError,
}

function decodeInput(input: unknown): string[] {
  const invalid = () =>
    new WireError(
      400,
      "Invalid value for 'input': expected a string, an array of strings, or token arrays.",
      {
        param: 'input',
      },
    )
  if (typeof input === 'string') return [input]
  if (!Array.isArray(input) || input.length === 0) {
    if (input === undefined)
      throw new WireError(400, "Missing required parameter: 'input'.", { param: 'input' })
    throw invalid()
  }
  if (input.every((item) => typeof item === 'number')) return [input.join(' ')]
  return input.map((item) => {
    if (typeof item === 'string') return item
    if (Array.isArray(item) && item.every((t) => typeof t === 'number')) return item.join(' ')
    throw invalid()
  })
}

function toBase64(vector: number[]): string {
  const floats = new Float32Array(vector)
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64')
}
