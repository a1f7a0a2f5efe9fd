/**
 * `models/{model}:batchEmbedContents`: several `EmbedContentRequest`s in, one vector per request out
 * (`{"embeddings": [{"values": [...]}, ...]}`). `@google/genai`'s `embedContent` always calls this method on
 * the Gemini API, with one request per content.
 * @see https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
 * @module
 */
import type { EmbeddingResult } from '../../canonical'
import type { ExchangeSurface } from '../provider'
import { embeddingText, outputDimensionality } from './embed-content'
import { googleError } from './errors'
import { bodyObject, field, invalidArgument, isObject, type Json } from './json-fields'
import { geminiRoutes } from './routes'

const MESSAGE = 'BatchEmbedContentsRequest'

export const batchEmbedContentsSurface: ExchangeSurface<undefined> = {
  kind: 'exchange',
  id: 'gemini.batchEmbedContents',
  provider: 'gemini',
  routes: geminiRoutes('batchEmbedContents'),

  decode(body, context) {
    const requests = bodyObject(body).requests
    if (!Array.isArray(requests) || requests.length === 0)
      throw invalidArgument(MESSAGE, 'requests', 'requests is not specified')
    const inputs = requests.map((request: unknown, i) => {
      if (!isObject(request))
        throw invalidArgument(MESSAGE, `requests[${i}]`, 'expected an EmbedContentRequest object')
      return embeddingText(request.content, MESSAGE, `requests[${i}].content`)
    })
    // The canonical request has one length for all vectors: the first request's (clients send the same for all).
    const first = requests[0] as Json
    const dimensions = outputDimensionality(
      field(first, 'outputDimensionality'),
      MESSAGE,
      'requests[0].outputDimensionality',
    )
    return {
      request: {
        kind: 'embedding',
        surface: 'gemini.batchEmbedContents',
        provider: 'gemini',
        model: context.params.model!,
        inputs,
        ...(dimensions !== undefined ? { dimensions } : {}),
      },
      wire: undefined,
    }
  },

  encode(result) {
    return { embeddings: (result as EmbeddingResult).vectors.map((values) => ({ values })) }
  },

  encodeError: googleError,
}
