/**
 * Ollama embeddings: `POST /api/embed` with `input` (a string or an array), one vector per input in
 * `embeddings`, optionally cut to `dimensions`.
 * @see https://docs.ollama.com/api/embed
 * @module
 */
import type { EmbeddingResult } from '../../canonical'
import { WireError } from '../../errors'
import type { ExchangeSurface } from '../provider'
import { decodeBody, decodeModel } from './decode-fields'
import { durations } from './done-fields'
import { ollamaError } from './errors'

export const embedSurface: ExchangeSurface<null> = {
  kind: 'exchange',
  id: 'ollama.embed',
  provider: 'ollama',
  routes: [{ method: 'POST', path: '/api/embed' }],

  decode(raw) {
    const body = decodeBody(raw)
    const model = decodeModel(body)
    const dimensions = body.dimensions
    if (dimensions !== undefined && (!Number.isInteger(dimensions) || (dimensions as number) < 1)) {
      throw new WireError(400, "invalid value for 'dimensions': expected a positive integer", {
        param: 'dimensions',
      })
    }
    return {
      request: {
        kind: 'embedding',
        surface: 'ollama.embed',
        provider: 'ollama',
        model,
        inputs: decodeInput(body.input),
        ...(dimensions !== undefined ? { dimensions: dimensions as number } : {}),
      },
      wire: null,
    }
  },

  encode(result) {
    const embedding = result as EmbeddingResult
    const { total_duration, load_duration } = durations(embedding)
    return {
      model: embedding.model,
      embeddings: embedding.vectors,
      total_duration,
      load_duration,
      prompt_eval_count: embedding.usage.inputTokens,
    }
  },

  encodeError: ollamaError,
}

function decodeInput(input: unknown): string[] {
  if (typeof input === 'string') return [input]
  if (Array.isArray(input) && input.length > 0 && input.every((item) => typeof item === 'string')) {
    return input
  }
  if (input === undefined || input === null) throw new WireError(400, 'input is required', { param: 'input' })
  throw new WireError(400, "invalid input type: 'input' must be a string or a non-empty array of strings", {
    param: 'input',
  })
}
