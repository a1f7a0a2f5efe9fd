import type { Surface } from '../provider'
import { vertexClaudeSurfaces } from './claude'
import { vertexGeminiSurfaces } from './gemini'

export const vertexSurfaces: Surface[] = [...vertexGeminiSurfaces, ...vertexClaudeSurfaces]
