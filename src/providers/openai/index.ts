import type { Surface } from '../provider'
import { chatSurface } from './chat'
import { embeddingsSurface } from './embeddings'
import { modelsSurface } from './models'

export const openaiSurfaces: Surface[] = [chatSurface, embeddingsSurface, modelsSurface]
