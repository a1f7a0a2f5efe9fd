/**
 * `models/{model}:embedContent`: one `Content` in, one vector out (`{"embedding": {"values": [...]}}`).
 * `outputDimensionality` sets the vector's length; without a fixture the core's deterministic vectors answer.
 * Vertex AI serves the same method for its Gemini embedding models, with `usageMetadata` and the options
 * grouped under `embedContentConfig`.
 * @see https://ai.google.dev/api/embeddings#method:-models.embedcontent
 * @module
 */
import type { EmbeddingSurface, RouteSpec } from '../provider'
import { jsonType, isObject, isPositiveInteger } from '../wire/json-guards'
import { partsText } from './decode-contents'
import { embedContentDecoding } from './decode-embeddings'
import { googleError } from './errors'
import { bodyObject, field, invalidArgument } from './json-fields'
import { geminiRoutes } from './routes'

interface EmbedWire {
  usage: boolean
}

export interface EmbedContentSurfaceOptions {
  id: string
  provider: string
  routes: RouteSpec[]
  /** Report `usageMetadata.promptTokenCount` (Vertex AI does). */
  usage?: boolean
}

export function createEmbedContentSurface(options: EmbedContentSurfaceOptions): EmbeddingSurface<EmbedWire> {
  return {
    kind: 'embedding',
    id: options.id,
    provider: options.provider,
    routes: options.routes,

    decode(body, context) {
      const request = bodyObject(body)
      const nested = field(request, 'embedContentConfig')
      const [config, path] = isObject(nested)
        ? [nested, 'embedContentConfig.outputDimensionality']
        : [request, 'outputDimensionality']
      const dimensions = outputDimensionality(
        field(config, 'outputDimensionality'),
        'EmbedContentRequest',
        path,
      )
      return {
        request: {
          kind: 'embedding',
          model: context.params.model!,
          inputs: [embeddingText(request.content, 'EmbedContentRequest', 'content')],
          ...(dimensions !== undefined ? { dimensions } : {}),
        },
        wire: { usage: options.usage ?? false },
      }
    },

    encode(embedding, wire) {
      const values = { values: embedding.vectors[0] }
      if (!wire.usage) return { embedding: values }
      return { embedding: values, usageMetadata: { promptTokenCount: embedding.usage.inputTokens } }
    },

    response: embedContentDecoding,
    encodeError: googleError,
  }
}

export const embedContentSurface = createEmbedContentSurface({
  id: 'gemini.embedContent',
  provider: 'gemini',
  routes: geminiRoutes('embedContent'),
})

/** The text to embed: the Content's text parts joined with newlines. */
export function embeddingText(content: unknown, message: string, path: string): string {
  if (content === undefined || content === null)
    throw invalidArgument(message, path, `${path.split('.').at(-1)} is not specified`)
  if (!isObject(content))
    throw invalidArgument(message, path, `expected a Content object, got ${jsonType(content)}`)
  if (!Array.isArray(content.parts) || content.parts.length === 0) {
    throw invalidArgument(message, `${path}.parts`, 'contents.parts must not be empty.')
  }
  return partsText(content.parts)
}

/**
 * The largest `outputDimensionality`: gemini-embedding-001's full vector (it documents 128 to 3072), the
 * longest of Google's embedding models. Smaller models' sizes and the 128 floor are not enforced, so tests
 * may keep asking for short vectors.
 * @see https://ai.google.dev/gemini-api/docs/models/gemini-embedding-001
 */
export const MAX_OUTPUT_DIMENSIONALITY = 3072

export function outputDimensionality(value: unknown, message: string, path: string): number | undefined {
  if (value === undefined || value === null) return undefined
  if (!isPositiveInteger(value)) throw invalidArgument(message, path, 'expected a positive integer')
  if (value > MAX_OUTPUT_DIMENSIONALITY)
    throw invalidArgument(message, path, `must be at most ${MAX_OUTPUT_DIMENSIONALITY}, got ${value}`)
  return value
}
