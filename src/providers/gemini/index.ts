import type { Surface } from '../provider'

/** The gemini surfaces (filled by the gemini provider work). */
export const geminiSurfaces: Surface[] = []
