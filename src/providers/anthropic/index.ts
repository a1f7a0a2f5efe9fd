import type { Surface } from '../provider'

/** The anthropic surfaces (filled by the anthropic provider work). */
export const anthropicSurfaces: Surface[] = []
