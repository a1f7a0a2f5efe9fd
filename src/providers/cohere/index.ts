import type { Surface } from '../provider'

/** The cohere surfaces (filled by the cohere provider work). */
export const cohereSurfaces: Surface[] = []
