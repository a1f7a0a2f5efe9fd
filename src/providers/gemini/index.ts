/**
 * Google's Gemini API (AI Studio): content generation (JSON, SSE and streamed JSON array), embeddings and
 * token counting, with Google's error envelope.
 * @see https://ai.google.dev/api
 * @module
 */
import type { Surface } from '../provider'
import { batchEmbedContentsSurface } from './batch-embed-contents'
import { countTokensSurface } from './count-tokens'
import { embedContentSurface } from './embed-content'
import { generateContentSurface } from './generate-content'

export const geminiSurfaces: Surface[] = [
  generateContentSurface,
  embedContentSurface,
  batchEmbedContentsSurface,
  countTokensSurface,
]

export { createGenerateContentSurface } from './generate-content'
export { createEmbedContentSurface } from './embed-content'
export { createCountTokensSurface } from './count-tokens'
