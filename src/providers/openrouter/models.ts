/**
 * OpenRouter's model catalog: `GET /api/v1/models` lists the models the fixtures name (else a few well-known
 * slugs) in OpenRouter's shape, prices as strings and free, since a mock charges nothing.
 * @see https://openrouter.ai/docs/models
 * @module
 */
import { jsonReply } from '../../core/reply'
import type { StaticSurface } from '../provider'
import { openrouterError } from './errors'

export const DEFAULT_OPENROUTER_MODELS = [
  'openai/gpt-4o',
  'anthropic/claude-sonnet-4',
  'google/gemini-2.5-flash',
]

const CONTEXT_LENGTH = 128_000

export const openrouterModelsSurface: StaticSurface = {
  kind: 'static',
  id: 'openrouter.models',
  provider: 'openrouter',
  routes: [{ method: 'GET', path: '/api/v1/models' }],
  serve(context) {
    const fromFixtures = context.models()
    const ids = fromFixtures.length > 0 ? fromFixtures : DEFAULT_OPENROUTER_MODELS
    return jsonReply(200, { data: ids.map((id) => catalogEntry(id, context.now())) })
  },
  encodeError: openrouterError,
}

function catalogEntry(id: string, created: number): Record<string, unknown> {
  return {
    id,
    canonical_slug: id,
    name: id,
    created,
    description: `${id}, as served by standin.`,
    context_length: CONTEXT_LENGTH,
    architecture: {
      modality: 'text->text',
      input_modalities: ['text'],
      output_modalities: ['text'],
      tokenizer: 'Other',
      instruct_type: null,
    },
    pricing: { prompt: '0', completion: '0', request: '0', image: '0' },
    top_provider: { context_length: CONTEXT_LENGTH, max_completion_tokens: null, is_moderated: false },
    per_request_limits: null,
    supported_parameters: [
      'max_tokens',
      'temperature',
      'tools',
      'tool_choice',
      'response_format',
      'reasoning',
    ],
    default_parameters: null,
  }
}
