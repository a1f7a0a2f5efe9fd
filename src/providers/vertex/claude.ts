import type { Surface } from '../provider'

/** Claude on Vertex AI (`publishers/anthropic`, rawPredict / streamRawPredict). */
export const vertexClaudeSurfaces: Surface[] = []
