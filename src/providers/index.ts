/**
 * The provider registry: every surface standin serves. Adding a provider is adding its folder and one line
 * here. The router tries specific routes before `**` suffix routes, otherwise this order.
 * @module
 */
import { anthropicSurfaces } from './anthropic'
import { azureSurfaces } from './azure'
import { bedrockSurfaces } from './bedrock'
import { cohereSurfaces } from './cohere'
import { geminiSurfaces } from './gemini'
import { ollamaSurfaces } from './ollama'
import { openaiSurfaces } from './openai'
import { openrouterSurfaces } from './openrouter'
import type { Surface } from './provider'
import { tavilySurfaces } from './tavily'
import { vertexSurfaces } from './vertex'

export const SURFACES: Surface[] = [
  ...azureSurfaces,
  ...openrouterSurfaces,
  ...anthropicSurfaces,
  ...geminiSurfaces,
  ...vertexSurfaces,
  ...bedrockSurfaces,
  ...ollamaSurfaces,
  ...cohereSurfaces,
  ...openaiSurfaces,
  ...tavilySurfaces,
]

export type {
  ChatSurface,
  EmbeddingSurface,
  ExchangeSurface,
  RouteSpec,
  ServiceSurface,
  StaticSurface,
  Surface,
} from './provider'
