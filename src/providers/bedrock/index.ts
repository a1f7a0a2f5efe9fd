import type { Surface } from '../provider'

/** The bedrock surfaces (filled by the bedrock provider work). */
export const bedrockSurfaces: Surface[] = []
