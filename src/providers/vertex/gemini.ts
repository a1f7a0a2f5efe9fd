/**
 * Gemini models on Vertex AI: `publishers/google/models/{model}:generateContent`, `:streamGenerateContent`,
 * `:countTokens` and `:embedContent`, under a project and location or in express mode (API key, no project),
 * for API versions `v1` and `v1beta1` (`@google/genai`'s default for Vertex). The wire format is the Gemini
 * API's, so the Gemini surfaces are reused; Vertex adds `createTime` and embedding usage.
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/inference
 * @module
 */
import { createCountTokensSurface, createEmbedContentSurface, createGenerateContentSurface } from '../gemini'
import type { RouteSpec, Surface } from '../provider'

const VERSIONS = ['v1', 'v1beta1']
const PARENTS = ['/projects/{project}/locations/{location}', '']

/** `POST /{version}[/projects/{p}/locations/{l}]/publishers/google/models/{model}:{method}`. */
function vertexRoutes(method: string): RouteSpec[] {
  return VERSIONS.flatMap((version) =>
    PARENTS.map((parent) => ({
      method: 'POST' as const,
      path: `/${version}${parent}/publishers/google/models/{model}:${method}`,
    })),
  )
}

export const vertexGeminiSurfaces: Surface[] = [
  createGenerateContentSurface({
    id: 'vertex.generateContent',
    provider: 'vertex',
    routes: [...vertexRoutes('generateContent'), ...vertexRoutes('streamGenerateContent')],
    createTime: true,
  }),
  createEmbedContentSurface({
    id: 'vertex.embedContent',
    provider: 'vertex',
    routes: vertexRoutes('embedContent'),
    usage: true,
  }),
  createCountTokensSurface({
    id: 'vertex.countTokens',
    provider: 'vertex',
    routes: vertexRoutes('countTokens'),
  }),
]
