import type { Surface } from '../provider'

/** The openrouter surfaces (filled by the openrouter provider work). */
export const openrouterSurfaces: Surface[] = []
