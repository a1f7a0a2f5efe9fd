/**
 * Ollama's legacy embeddings endpoint: `POST /api/embeddings` with one `prompt`, answered with one
 * `embedding`. Superseded by `/api/embed`, still called by older clients and the SDK's `embeddings()`.
 * @see https://docs.ollama.com/api/embed
 * @module
 */
import type { EmbeddingResult } from '../../canonical'
import { WireError } from '../../errors'
import type { ExchangeSurface } from '../provider'
import { decodeBody, decodeModel } from './decode-fields'
import { ollamaError } from './errors'

export const embeddingsSurface: ExchangeSurface<null> = {
  kind: 'exchange',
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
        surface: 'ollama.embeddings',
        provider: 'ollama',
        model,
        inputs: [body.prompt],
      },
      wire: null,
    }
  },

  encode(result) {
    return { embedding: (result as EmbeddingResult).vectors[0] ?? [] }
  },

  encodeError: ollamaError,
}
