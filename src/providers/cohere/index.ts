import type { Surface } from '../provider'
import { chatSurface } from './chat'
import { embedSurface } from './embed'

/** Cohere's v2 API: chat (JSON and SSE) and embed. */
export const cohereSurfaces: Surface[] = [chatSurface, embedSurface]
