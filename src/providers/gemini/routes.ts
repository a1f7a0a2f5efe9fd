/**
 * The Gemini API's method paths under each API version: `v1beta` is what `@google/genai` and `@ai-sdk/google`
 * use by default, `v1` the stable version and `v1alpha` the preview one.
 * @see https://ai.google.dev/gemini-api/docs/api-versions
 * @module
 */
import type { RouteSpec } from '../provider'

export const GEMINI_API_VERSIONS = ['v1beta', 'v1', 'v1alpha'] as const

/** `POST /{version}/models/{model}:{method}` for every version. */
export function geminiRoutes(method: string): RouteSpec[] {
  return GEMINI_API_VERSIONS.map((version) => ({
    method: 'POST',
    path: `/${version}/models/{model}:${method}`,
  }))
}
