import type { Surface } from '../provider'
import { chatSurface } from './chat'
import { embeddingsSurface } from './embeddings'
import { modelsSurface } from './models'
import { moderationsSurface } from './moderations'
import { responsesSurfaces } from './responses'

export const openaiSurfaces: Surface[] = [
  chatSurface,
  embeddingsSurface,
  modelsSurface,
  moderationsSurface,
  ...responsesSurfaces,
]
