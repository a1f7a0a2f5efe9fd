import type { Surface } from '../provider'

/** Gemini models on Vertex AI (`publishers/google`). */
export const vertexGeminiSurfaces: Surface[] = []
