import type { Surface } from '../provider'

/** The ollama surfaces (filled by the ollama provider work). */
export const ollamaSurfaces: Surface[] = []
