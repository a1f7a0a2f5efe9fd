/**
 * Anthropic model listing: `GET /v1/models` and `GET /v1/models/{model}` in Anthropic's shape, claimed only
 * when the request carries `anthropic-version` (every Anthropic SDK sends it; OpenAI clients never do, and
 * keep OpenAI's listing on the same path). Lists the models the fixtures name, else a few defaults.
 * @see https://docs.anthropic.com/en/api/models-list
 * @module
 */
import { jsonReply } from '../../core/reply'
import type { StaticContext, StaticSurface } from '../provider'
import { anthropicStatusReply } from './error-reply'
import { anthropicError } from './errors'

export const DEFAULT_MODELS = ['claude-sonnet-4-6', 'claude-opus-4-7', 'claude-haiku-4-5']

export const modelsSurface: StaticSurface = {
  kind: 'static',
  id: 'anthropic.models',
  provider: 'anthropic',
  routes: [
    { method: 'GET', path: '**/v1/models' },
    { method: 'GET', path: '**/v1/models/{model}' },
  ],
  accepts: (headers) => headers.get('anthropic-version') !== null,
  serve(context) {
    const fromFixtures = context.models()
    const ids = fromFixtures.length > 0 ? fromFixtures : DEFAULT_MODELS
    const wanted = context.params.model
    if (wanted === undefined) return jsonReply(200, page(ids.map((id) => modelInfo(id, context))))
    if (fromFixtures.length === 0 || ids.includes(wanted)) return jsonReply(200, modelInfo(wanted, context))
    return anthropicStatusReply(404, `model: ${wanted}`, 'not_found_error')
  },
  encodeError: anthropicError,
}

function page(data: Array<{ id: string }>): unknown {
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null }
}

function modelInfo(id: string, context: StaticContext): { id: string; [field: string]: unknown } {
  return {
    type: 'model',
    id,
    display_name: id,
    created_at: new Date(context.now() * 1000).toISOString().replace('.000Z', 'Z'),
  }
}
