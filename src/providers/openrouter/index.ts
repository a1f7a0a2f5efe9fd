import type { Surface } from '../provider'
import { openrouterChatSurface } from './chat'
import { openrouterModelsSurface } from './models'

/** OpenRouter: OpenAI's chat wire under `/api/v1` with routing fields, and its model catalog. */
export const openrouterSurfaces: Surface[] = [openrouterChatSurface, openrouterModelsSurface]
