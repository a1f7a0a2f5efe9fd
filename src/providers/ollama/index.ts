import type { Surface } from '../provider'
import { chatSurface } from './chat'
import { embedSurface } from './embed'
import { embeddingsSurface } from './embeddings'
import { generateSurface } from './generate'
import { showSurface } from './show'
import { tagsSurface } from './tags'

/** Ollama's native API (`/api/*`); its OpenAI-compatible `/v1` routes are the openai surfaces'. */
export const ollamaSurfaces: Surface[] = [
  chatSurface,
  generateSurface,
  embedSurface,
  embeddingsSurface,
  tagsSurface,
  showSurface,
]
