/**
 * Decoding an OpenRouter chat request: OpenAI's chat body plus the routing fields OpenRouter adds. `models`
 * is a fallback list tried after `model`; `provider.allow_fallbacks: false` keeps an upstream error from
 * passing to the next model (OpenRouter's switch for backup providers: a mock has one upstream per model,
 * so it governs the model fallback); `reasoning.exclude` (or the older `include_reasoning: false`) leaves
 * reasoning out of the answer.
 * @see https://openrouter.ai/docs/api-reference/overview
 * @see https://openrouter.ai/docs/features/model-routing
 * @module
 */
import type { DecodedChat } from '../../canonical/decoded'
import { WireError } from '../../errors'
import { chatSurface, type ChatWire } from '../openai/chat'
import type { DecodeContext, Decoded } from '../provider'
import { isObject } from '../wire/json-guards'

export interface OpenRouterWire extends ChatWire {
  /** The request asked for reasoning to be used but not returned. */
  excludeReasoning: boolean
}

/** Stands in for the account's default model, which OpenRouter uses when a request names none. */
const DEFAULT_MODEL = 'openrouter/auto'

export function decodeOpenRouterChat(
  body: unknown,
  context: DecodeContext,
): Decoded<DecodedChat, OpenRouterWire> {
  if (!isObject(body)) throw new WireError(400, 'The request body must be a JSON object.')
  const models = decodeModels(body.models)
  const named = typeof body.model === 'string' && body.model !== '' ? body.model : undefined
  const model = named ?? models[0] ?? DEFAULT_MODEL
  const decoded = chatSurface.decode({ ...body, model }, context)
  const reasoning = isObject(body.reasoning) ? body.reasoning : {}
  return {
    request: decoded.request,
    // OpenRouter always ends a stream with a usage chunk, asked for or not.
    wire: {
      includeUsage: true,
      excludeReasoning: reasoning.exclude === true || body.include_reasoning === false,
    },
    fallback: { models: named ? models : models.slice(1), onError: allowFallbacks(body.provider) },
  }
}

function decodeModels(value: unknown): string[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || !value.every((m) => typeof m === 'string' && m !== '')) {
    throw new WireError(400, "Invalid value for 'models': expected an array of model slugs.", {
      param: 'models',
    })
  }
  return value as string[]
}

function allowFallbacks(provider: unknown): boolean {
  if (provider === undefined || provider === null) return true
  if (!isObject(provider)) {
    throw new WireError(400, "Invalid type for 'provider': expected an object of routing preferences.", {
      param: 'provider',
    })
  }
  return provider.allow_fallbacks !== false
}
