/**
 * Ollama's legacy embeddings endpoint: `POST /api/embeddings` with one `prompt`, answered with one
 * `embedding`. Superseded by `/api/embed`, still called by older clients and the SDK's `embeddings()`.
 * @see https://docs.ollama.com/api/embed
 * @module
 */
import { WireError } from '../../errors'
import type { EmbeddingSurface } from '../provider'
import { decodeBody, decodeModel } from './decode-fields'
import { embeddingsDecoding } from './decode-response'
import { ollamaError } from './errors'

export const embeddingsSurface: EmbeddingSurface<null> = {
  kind: 'embedding',
  id: 'ollama.embeddings',
  provider: 'ollama',
  routes: [{ method: 'POST', path: '/api/embeddings' }],

  decode(raw) {
    const body = decodeBody(raw)
    const model = decodeModel(body)
    if (typeof body.prompt !== 'string') {
      throw new WireError(
        400,
        body.prompt === undefined ? 'prompt is required' : "invalid type for 'prompt': expected a string",
        {
          param: 'prompt',
        },
      )
    }
    return {
      request: {
        kind: 'embedding',
        model,
        inputs: [body.prompt],
      },
      wire: null,
    }
  },

  encode: (result) => ({ embedding: result.vectors[0] ?? [] }),

  response: embeddingsDecoding,
  encodeError: ollamaError,
}
