/**
 * `models/{model}:batchEmbedContents`: several `EmbedContentRequest`s in, one vector per request out
 * (`{"embeddings": [{"values": [...]}, ...]}`). `@google/genai`'s `embedContent` always calls this method on
 * the Gemini API, with one request per content.
 * @see https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
 * @module
 */
import type { EmbeddingSurface } from '../provider'
import { isObject } from '../wire/json-guards'
import { batchEmbedContentsDecoding } from './decode-embeddings'
import { embeddingText, outputDimensionality } from './embed-content'
import { googleError } from './errors'
import { bodyObject, field, invalidArgument } from './json-fields'
import { geminiRoutes } from './routes'

const MESSAGE = 'BatchEmbedContentsRequest'

/**
 * Google answers a larger batch with `* BatchEmbedContentsRequest.requests: at most 100 requests can be in
 * one batch` (undocumented, reported by every client that met it).
 * @see https://github.com/langchain-ai/langchainjs/issues/4491
 */
const MAX_REQUESTS = 100

export const batchEmbedContentsSurface: EmbeddingSurface<undefined> = {
  kind: 'embedding',
  id: 'gemini.batchEmbedContents',
  provider: 'gemini',
  routes: geminiRoutes('batchEmbedContents'),

  decode(body, context) {
    const requests = bodyObject(body).requests
    if (!Array.isArray(requests) || requests.length === 0)
      throw invalidArgument(MESSAGE, 'requests', 'requests is not specified')
    if (requests.length > MAX_REQUESTS)
      throw invalidArgument(MESSAGE, 'requests', `at most ${MAX_REQUESTS} requests can be in one batch`)
    const decoded = requests.map(decodeRequest)
    const inputs = decoded.map((request) => request.text)
    // The canonical request has one length for all vectors: the first request's (clients send the same for all).
    const dimensions = decoded[0]!.dimensions
    return {
      request: {
        kind: 'embedding',
        model: context.params.model!,
        inputs,
        ...(dimensions !== undefined ? { dimensions } : {}),
      },
      wire: undefined,
    }
  },

  encode: (result) => ({ embeddings: result.vectors.map((values) => ({ values })) }),

  response: batchEmbedContentsDecoding,
  encodeError: googleError,
}

/** One EmbedContentRequest of the batch: its text and its (checked) `outputDimensionality`. */
function decodeRequest(request: unknown, i: number): { text: string; dimensions: number | undefined } {
  if (!isObject(request))
    throw invalidArgument(MESSAGE, `requests[${i}]`, 'expected an EmbedContentRequest object')
  const path = `requests[${i}].outputDimensionality`
  return {
    text: embeddingText(request.content, MESSAGE, `requests[${i}].content`),
    dimensions: outputDimensionality(field(request, 'outputDimensionality'), MESSAGE, path),
  }
}
