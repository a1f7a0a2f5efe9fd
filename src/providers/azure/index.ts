import type { Surface } from '../provider'

/** The azure surfaces (filled by the azure provider work). */
export const azureSurfaces: Surface[] = []
