/**
 * OpenAI moderation: `POST /v1/moderations` with `input` as a string, an array of strings (one result each)
 * or an array of multimodal parts (one result for them all), answered with one result per input carrying
 * every category the SDK types list: `categories`, `category_scores` and, on the omni models,
 * `category_applied_input_types`.
 * @see https://platform.openai.com/docs/api-reference/moderations/create
 * @module
 */
import { lazyRequire } from '../../core/lazy-require'
import type { ModerationVerdict } from '../../canonical'
import { WireError } from '../../errors'
import type { ServiceSurface } from '../provider'
import { isObject } from '../wire/json-guards'
import { openaiError } from './errors'
import { CATEGORIES, lowScore, OMNI_ONLY } from './moderation-categories'

// node:crypto (and the streams it loads) costs ~4 ms at import: loaded on first use (issue 15).
const nodeCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto')

interface ModerationWire {
  /** Each input's text, for the default scores. */
  inputs: string[]
  /** Which inputs carry an image (their image categories apply to `image` too). */
  images: boolean[]
}

const DEFAULT_MODEL = 'omni-moderation-latest'
/** The API's own limit on strings a call. */
const MAX_INPUTS = 32

export const moderationsSurface: ServiceSurface<ModerationWire> = {
  kind: 'service',
  id: 'openai.moderations',
  provider: 'openai',
  routes: [{ method: 'POST', path: '**/moderations' }],

  decode(body) {
    if (!isObject(body)) throw invalid('body', 'a JSON object')
    if (body.model !== undefined && (typeof body.model !== 'string' || body.model === ''))
      throw invalid('model', 'a non-empty string')
    const { inputs, images } = decodeInput(body.input)
    return {
      request: { kind: 'moderation', model: (body.model as string | undefined) ?? DEFAULT_MODEL, inputs },
      wire: { inputs, images },
    }
  },

  encode(result, wire) {
    if (result.kind !== 'moderation')
      throw new Error(`openai.moderations cannot encode a ${result.kind} result`)
    const omni = !result.model.startsWith('text-moderation')
    return {
      id: `modr-${nodeCrypto().createHash('sha256').update(wire.inputs.join('\u0000')).digest('hex').slice(0, 24)}`,
      model: result.model,
      results: result.verdicts.map((verdict, i) =>
        encodeVerdict(verdict, wire.inputs[i]!, wire.images[i]!, omni),
      ),
    }
  },

  encodeError: openaiError,
}

function encodeVerdict(verdict: ModerationVerdict, input: string, image: boolean, omni: boolean): unknown {
  const categories: Record<string, boolean | null> = {}
  const scores: Record<string, number> = {}
  const applied: Record<string, string[]> = {}
  for (const [name, images] of CATEGORIES) {
    const given = verdict.categories[name]
    categories[name] = !omni && OMNI_ONLY.has(name) && given === undefined ? null : (given ?? false)
    scores[name] = verdict.scores[name] ?? (given ? 0.99 : lowScore(input, name))
    applied[name] = image && images ? ['text', 'image'] : ['text']
  }
  return {
    flagged: verdict.flagged,
    categories,
    category_scores: scores,
    ...(omni && { category_applied_input_types: applied }),
  }
}

/** A string, strings (one input each) or multimodal parts (one input: text parts joined, images by URL). */
function decodeInput(input: unknown): { inputs: string[]; images: boolean[] } {
  if (typeof input === 'string') return { inputs: [input], images: [false] }
  if (!Array.isArray(input) || input.length === 0)
    throw invalid('input', 'a string, an array of strings or an array of multimodal inputs')
  if (input.every((item) => typeof item === 'string')) {
    if (input.length > MAX_INPUTS)
      throw invalid('input', `at most ${MAX_INPUTS} strings, got ${input.length}`)
    return { inputs: input, images: input.map(() => false) }
  }
  const parts: string[] = []
  let image = false
  input.forEach((part, i) => {
    if (isObject(part) && part.type === 'text' && typeof part.text === 'string') parts.push(part.text)
    else if (
      isObject(part) &&
      part.type === 'image_url' &&
      isObject(part.image_url) &&
      typeof part.image_url.url === 'string'
    ) {
      parts.push(part.image_url.url)
      image = true
    } else
      throw invalid(`input[${i}]`, 'a string, {type: "text", text} or {type: "image_url", image_url: {url}}')
  })
  return { inputs: [parts.join('\n')], images: [image] }
}

function invalid(param: string, expected: string): WireError {
  return new WireError(400, `Invalid value for '${param}': expected ${expected}.`, { param })
}
