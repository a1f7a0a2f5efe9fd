/**
 * Ollama embeddings: `POST /api/embed` with `input` (a string or an array), one vector per input in
 * `embeddings`, optionally cut to `dimensions`.
 *
 * Ollama documents no cap on either, so standin sets defensive ones: OpenAI's 2048 inputs (what clients
 * of both APIs already batch by) and the core's longest vector.
 * @see https://docs.ollama.com/api/embed
 * @see ../../../docs/decisions/embedding-limits.md
 * @module
 */
import { MAX_DIMENSIONS } from '../../core/embedding-vector'
import { WireError } from '../../errors'
import type { EmbeddingSurface } from '../provider'
import { isPositiveInteger } from '../wire/json-guards'
import { decodeBody, decodeModel } from './decode-fields'
import { embedDecoding } from './decode-response'
import { durations } from './done-fields'
import { ollamaError } from './errors'

const MAX_INPUTS = 2048

export const embedSurface: EmbeddingSurface<null> = {
  kind: 'embedding',
  id: 'ollama.embed',
  provider: 'ollama',
  routes: [{ method: 'POST', path: '/api/embed' }],

  decode(raw) {
    const body = decodeBody(raw)
    const model = decodeModel(body)
    const dimensions = decodeDimensions(body.dimensions)
    return {
      request: {
        kind: 'embedding',
        model,
        inputs: decodeInput(body.input),
        ...(dimensions !== undefined ? { dimensions } : {}),
      },
      wire: null,
    }
  },

  encode(embedding) {
    const { total_duration, load_duration } = durations(embedding)
    return {
      model: embedding.model,
      embeddings: embedding.vectors,
      total_duration,
      load_duration,
      prompt_eval_count: embedding.usage.inputTokens,
    }
  },

  response: embedDecoding,
  encodeError: ollamaError,
}

function decodeDimensions(value: unknown): number | undefined {
  if (value === undefined) return undefined
  if (!isPositiveInteger(value)) {
    throw new WireError(400, "invalid value for 'dimensions': expected a positive integer", {
      param: 'dimensions',
    })
  }
  if (value > MAX_DIMENSIONS) {
    throw new WireError(400, `invalid value for 'dimensions': at most ${MAX_DIMENSIONS}, got ${value}`, {
      param: 'dimensions',
    })
  }
  return value
}

function decodeInput(input: unknown): string[] {
  if (typeof input === 'string') return [input]
  // Counted before any item is read, so an oversized batch costs nothing.
  if (Array.isArray(input) && input.length > MAX_INPUTS) {
    throw new WireError(400, `invalid input: at most ${MAX_INPUTS} inputs, got ${input.length}`, {
      param: 'input',
    })
  }
  if (Array.isArray(input) && input.length > 0 && input.every((item) => typeof item === 'string')) {
    return input
  }
  if (input === undefined || input === null) throw new WireError(400, 'input is required', { param: 'input' })
  throw new WireError(400, "invalid input type: 'input' must be a string or a non-empty array of strings", {
    param: 'input',
  })
}
