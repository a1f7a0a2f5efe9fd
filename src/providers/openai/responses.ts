import type { Surface } from '../provider'

/** OpenAI Responses API surfaces (filled by the Responses work). */
export const responsesSurfaces: Surface[] = []
