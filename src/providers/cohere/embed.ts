/**
 * Cohere v2 embeddings: `POST /v2/embed` with `texts`, `images` or multimodal `inputs`, answered with the
 * vectors under each requested `embedding_types` key (`float` by default).
 * @see https://docs.cohere.com/reference/embed
 * @module
 */
import { lazyRequire } from '../../core/lazy-require'
import type { EmbeddingResult } from '../../canonical'
import { WireError } from '../../errors'
import type { EmbeddingSurface } from '../provider'
import { isObject } from '../wire/json-guards'
import { invalid } from './decode-messages'
import { embedDecoding } from './decode-embed'
import { EMBEDDING_TYPES, embeddingsByType, type EmbeddingType } from './embedding-types'
import { cohereError } from './errors'

// node:crypto (and the streams it loads) costs ~4 ms at import: loaded on first use (issue 15).
const nodeCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto')

interface EmbedWire {
  types: EmbeddingType[]
  texts: string[] | undefined
}

const INPUT_TYPES = ['search_document', 'search_query', 'classification', 'clustering', 'image']

/**
 * Cohere's documented limits: at most 96 `texts` and 96 `inputs` a call, and `output_dimension` one of
 * four sizes. Images have no count limit on Embed v4 (20 MB in all), so the core's cap bounds them.
 * @see https://docs.cohere.com/reference/embed (quoted in `cohere-ai`'s `V2EmbedRequest`)
 */
const MAX_TEXTS = 96
const MAX_INPUTS = 96
const OUTPUT_DIMENSIONS = [256, 512, 1024, 1536]

export const embedSurface: EmbeddingSurface<EmbedWire> = {
  kind: 'embedding',
  id: 'cohere.embed',
  provider: 'cohere',
  routes: [{ method: 'POST', path: '/v2/embed' }],

  decode(body) {
    if (!isObject(body)) throw new WireError(400, 'invalid request: the body must be a JSON object.')
    if (typeof body.model !== 'string' || body.model === '') throw invalid('model', 'a non-empty string')
    // v3 and later embedding models need to know what the vectors are for.
    if (typeof body.input_type !== 'string' || !INPUT_TYPES.includes(body.input_type)) {
      throw invalid('input_type', `one of ${INPUT_TYPES.map((t) => `'${t}'`).join(', ')}`)
    }
    const dimensions = body.output_dimension
    if (
      dimensions !== undefined &&
      dimensions !== null &&
      !OUTPUT_DIMENSIONS.includes(dimensions as number)
    ) {
      throw invalid('output_dimension', `one of ${OUTPUT_DIMENSIONS.join(', ')}`)
    }
    const texts = strings(body.texts, 'texts', MAX_TEXTS)
    const inputs = [...(texts ?? []), ...(strings(body.images, 'images') ?? []), ...decodeInputs(body.inputs)]
    if (inputs.length === 0) throw invalid('texts', "given (or 'images' or 'inputs')")
    return {
      request: {
        kind: 'embedding',
        model: body.model,
        inputs,
        ...(typeof dimensions === 'number' ? { dimensions } : {}),
      },
      wire: { types: decodeTypes(body.embedding_types), texts },
    }
  },

  encode(embedding, wire) {
    return {
      id: responseId(embedding),
      embeddings: embeddingsByType(embedding.vectors, wire.types),
      ...(wire.texts ? { texts: wire.texts } : {}),
      meta: { api_version: { version: '2' }, billed_units: { input_tokens: embedding.usage.inputTokens } },
    }
  },

  response: embedDecoding,
  encodeError: cohereError,
}

function strings(value: unknown, param: string, max = Infinity): string[] | undefined {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value)) throw invalid(param, 'an array of strings')
  // Counted before any item is read, so an oversized batch costs nothing.
  if (value.length > max) throw invalid(param, `an array of at most ${max} strings, got ${value.length}`)
  if (!value.every((item) => typeof item === 'string')) throw invalid(param, 'an array of strings')
  return value
}

/** Multimodal inputs: each one's text parts joined, image parts by their URL. */
function decodeInputs(value: unknown): string[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw invalid('inputs', 'an array')
  if (value.length > MAX_INPUTS)
    throw invalid('inputs', `an array of at most ${MAX_INPUTS} inputs, got ${value.length}`)
  return value.map((input, i) => {
    if (!isObject(input) || !Array.isArray(input.content)) {
      throw invalid(`inputs[${i}].content`, 'an array of content parts')
    }
    const parts: string[] = []
    for (const part of input.content) {
      if (isObject(part) && typeof part.text === 'string') parts.push(part.text)
      else if (isObject(part) && isObject(part.image_url) && typeof part.image_url.url === 'string')
        parts.push(part.image_url.url)
    }
    return parts.join('\n')
  })
}

function decodeTypes(value: unknown): EmbeddingType[] {
  if (value === undefined || value === null) return ['float']
  const valid = (t: unknown): t is EmbeddingType => EMBEDDING_TYPES.includes(t as EmbeddingType)
  if (!Array.isArray(value) || value.length === 0 || !value.every(valid)) {
    throw invalid(
      'embedding_types',
      `a non-empty array of ${EMBEDDING_TYPES.map((t) => `'${t}'`).join(', ')}`,
    )
  }
  return [...new Set(value)]
}

/**
 * Cohere's ids are UUIDs. An embedding result carries no id, so this one is derived from the vectors: the
 * same request gets the same id on every run, seeded or not.
 */
function responseId(result: EmbeddingResult): string {
  const hex = nodeCrypto()
    .createHash('sha256')
    .update(result.model)
    .update(JSON.stringify(result.vectors))
    .digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
