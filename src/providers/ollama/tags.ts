/**
 * Ollama's local model list: `GET /api/tags` (what `ollama list` and the SDK's `list()` read).
 * @see https://docs.ollama.com/api/tags
 * @module
 */
import { jsonReply } from '../../core/reply'
import type { StaticSurface } from '../provider'
import { ollamaError } from './errors'
import { digest, isEmbedding, modelDetails, servedModels } from './models'

export const tagsSurface: StaticSurface = {
  kind: 'static',
  id: 'ollama.tags',
  provider: 'ollama',
  routes: [{ method: 'GET', path: '/api/tags' }],
  serve(context) {
    const modifiedAt = new Date(context.now() * 1000).toISOString()
    const models = servedModels(context).map((name) => ({
      name,
      model: name,
      modified_at: modifiedAt,
      size: isEmbedding(name) ? 274_302_450 : 2_019_393_189,
      digest: digest(name),
      details: modelDetails(name),
    }))
    return jsonReply(200, { models })
  },
  encodeError: ollamaError,
}
