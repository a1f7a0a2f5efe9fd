/**
 * OpenAI's documented embedding limits, answered with the 400 OpenAI sends: at most 2048 inputs, 8192
 * tokens an input and 300,000 tokens summed over a request, and `dimensions` no larger than the model's
 * vector. Tokens are the core's estimate (about four characters a token), so the edge is approximate.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create (quoted in the `openai` SDK's
 *   `EmbeddingCreateParams.input`)
 * @see ../../../docs/decisions/embedding-limits.md
 * @module
 */
import { MAX_DIMENSIONS } from '../../core/embedding-vector'
import { WireError } from '../../errors'

export const MAX_INPUTS = 2048
export const MAX_INPUT_TOKENS = 8192
export const MAX_REQUEST_TOKENS = 300_000

/** Vector sizes of OpenAI's embedding models; `dimensions` may shorten a vector, never lengthen it. */
const MODEL_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
}

/** Throws OpenAI's 400 when an `input` array holds more than 2048 inputs. */
export function checkInputCount(count: number): void {
  if (count <= MAX_INPUTS) return
  throw new WireError(
    400,
    `'$.input' is invalid: at most ${MAX_INPUTS} inputs are allowed in one request, got ${count}.`,
    { param: 'input' },
  )
}

/** Throws OpenAI's 400 when one input, or all of them together, hold more tokens than OpenAI accepts. */
export function checkInputTokens(tokens: number[]): void {
  let total = 0
  tokens.forEach((count, index) => {
    total += count
    if (count <= MAX_INPUT_TOKENS) return
    throw new WireError(
      400,
      `Invalid 'input[${index}]': this model's maximum context length is ${MAX_INPUT_TOKENS} tokens, however you requested ${count} tokens (${count} in your prompt; 0 for the completion).`,
      { param: 'input' },
    )
  })
  if (total <= MAX_REQUEST_TOKENS) return
  // OpenAI's own type and code for this error, which clients that split batches look for.
  throw new WireError(
    400,
    `Requested ${total} tokens, max ${MAX_REQUEST_TOKENS} tokens per request (summed over 'input').`,
    { param: 'input', type: 'max_tokens_per_request', wireCode: 'max_tokens_per_request' },
  )
}

/**
 * Throws OpenAI's 400 when `dimensions` exceeds the model's vector. Models OpenAI does not make (Azure
 * deployments named otherwise, OpenRouter or Ollama models behind this wire) get the core's cap, since
 * their sizes are not OpenAI's to document.
 */
export function checkDimensions(model: string, dimensions: number): void {
  const known = MODEL_DIMENSIONS[model.slice(model.lastIndexOf('/') + 1)]
  const max = known ?? MAX_DIMENSIONS
  if (dimensions <= max) return
  const whose = known ? `${model} makes vectors of` : 'standin makes vectors of'
  throw new WireError(
    400,
    `Invalid value for 'dimensions': ${whose} at most ${max} dimensions, got ${dimensions}.`,
    { param: 'dimensions' },
  )
}
