/**
 * OpenAI model listing: `GET /v1/models` and `GET /v1/models/{model}`. Lists the models the fixtures name,
 * else a few defaults.
 * @see https://platform.openai.com/docs/api-reference/models
 * @module
 */
import { jsonReply } from '../../core/reply'
import type { StaticSurface } from '../provider'
import { openaiError } from './errors'

export const DEFAULT_MODELS = ['gpt-4o', 'gpt-4o-mini', 'o3-mini', 'text-embedding-3-small']

export const modelsSurface: StaticSurface = {
  kind: 'static',
  id: 'openai.models',
  provider: 'openai',
  routes: [
    { method: 'GET', path: '**/v1/models' },
    { method: 'GET', path: '**/v1/models/{model}' },
  ],
  serve(context) {
    const fromFixtures = context.models()
    const ids = fromFixtures.length > 0 ? fromFixtures : DEFAULT_MODELS
    const model = (id: string) => ({ id, object: 'model', created: context.now(), owned_by: 'standin' })
    const wanted = context.params.model
    if (wanted === undefined) return jsonReply(200, { object: 'list', data: ids.map(model) })
    if (fromFixtures.length === 0 || ids.includes(wanted)) return jsonReply(200, model(wanted))
    return jsonReply(
      404,
      openaiError({
        kind: 'error',
        status: 404,
        message: `The model '${wanted}' does not exist`,
        code: 'model_not_found',
      }),
    )
  },
  encodeError: openaiError,
}
