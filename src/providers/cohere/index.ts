import type { Surface } from '../provider'
import { chatSurface } from './chat'
import { embedSurface } from './embed'
import { rerankSurface1, rerankSurface2 } from './rerank'

/** Cohere's v2 API: chat (JSON and SSE), embed and rerank (also v1's rerank). */
export const cohereSurfaces: Surface[] = [chatSurface, embedSurface, rerankSurface2, rerankSurface1]
