/**
 * `models/{model}:countTokens`: the token count of what a `generateContent` call would send, estimated the
 * way the core estimates usage, so a count and the usage of the matching call agree. The body holds
 * `contents`, or a whole `generateContentRequest` (with its system instruction and tools).
 * @see https://ai.google.dev/api/tokens#method:-models.counttokens
 * @module
 */
import { jsonReply, type Reply } from '../../core/reply'
import { estimateRequestTokens } from '../../core/tokens'
import type { RouteSpec, StaticContext, StaticSurface } from '../provider'
import { isObject } from '../wire/json-guards'
import { decodeGenerateContentRequest } from './decode-request'
import { googleError } from './errors'
import { field } from './json-fields'
import { geminiRoutes } from './routes'

export interface CountTokensSurfaceOptions {
  id: string
  provider: string
  routes: RouteSpec[]
}

export function createCountTokensSurface(options: CountTokensSurfaceOptions): StaticSurface {
  return {
    kind: 'static',
    id: options.id,
    provider: options.provider,
    routes: options.routes,
    serve: countTokens,
    // A body that fails to parse or decode is rendered by the engine in Google's envelope.
    encodeError: googleError,
  }
}

function countTokens(context: StaticContext): Reply {
  const body = context.body
  const wrapped = isObject(body) ? field(body, 'generateContentRequest') : undefined
  const request = decodeGenerateContentRequest(isObject(wrapped) ? wrapped : body, {
    model: context.params.model!,
    stream: false,
    message: isObject(wrapped) ? 'CountTokensRequest.generateContentRequest' : 'CountTokensRequest',
  })
  const totalTokens = estimateRequestTokens(request)
  return jsonReply(200, { totalTokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: totalTokens }] })
}

export const countTokensSurface = createCountTokensSurface({
  id: 'gemini.countTokens',
  provider: 'gemini',
  routes: geminiRoutes('countTokens'),
})
