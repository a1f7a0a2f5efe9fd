/**
 * `models/{model}:generateContent` and `:streamGenerateContent`, the Gemini API's chat surface. Vertex AI
 * serves the same wire format under its own paths, so the surface is built by a factory that Vertex reuses.
 * @see https://ai.google.dev/api/generate-content
 * @module
 */
import type { ChatSurface, RouteSpec } from '../provider'
import { decodeGenerateContentRequest } from './decode-request'
import { generateContentDecoding } from './decode-response'
import { generateContentResponse, responseParts } from './encode-response'
import { googleError } from './errors'
import { geminiRoutes } from './routes'
import { generateContentStream, type GenerateWire } from './stream'

export interface GenerateContentSurfaceOptions {
  id: string
  provider: string
  routes: RouteSpec[]
  /** Stamp responses with `createTime` (Vertex AI does). */
  createTime?: boolean
}

export function createGenerateContentSurface(
  options: GenerateContentSurfaceOptions,
): ChatSurface<GenerateWire> {
  return {
    kind: 'chat',
    id: options.id,
    provider: options.provider,
    routes: options.routes,
    // Gemini's ids carry no prefix (`responseId: "sLLpaKHkHoXhz7IPo7yR6QE"`).
    idPrefixes: { response: '', toolCall: '' },

    decode(body, context) {
      const request = decodeGenerateContentRequest(body, {
        model: context.params.model!,
        stream: context.url.pathname.endsWith(':streamGenerateContent'),
      })
      return {
        request,
        wire: { sse: context.url.searchParams.get('alt') === 'sse', createTime: options.createTime ?? false },
      }
    },

    encode: (result, wire) =>
      generateContentResponse(result, responseParts(result), { final: true, createTime: wire.createTime }),
    // The encoder reads only `createTime` of the wire. (Vertex's `createTime` is a date made from `created`,
    // not a value a template can splice: the template check finds that and keeps the plain encoder.)
    jsonTemplate: (wire) => (wire.createTime ? 'createTime' : ''),

    stream: generateContentStream,
    response: generateContentDecoding,
    encodeError: googleError,
  }
}

export const generateContentSurface = createGenerateContentSurface({
  id: 'gemini.generateContent',
  provider: 'gemini',
  routes: [...geminiRoutes('generateContent'), ...geminiRoutes('streamGenerateContent')],
})
