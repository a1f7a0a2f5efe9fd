/**
 * The provider registry: every surface standin serves. Adding a provider is adding its folder and one line
 * here, then `node scripts/surface-manifest.mjs` (the core's manifest of this list, `manifest.ts`). The
 * router tries specific routes before `**` suffix routes, otherwise this order.
 *
 * This list loads with the providers chunk (`chunk.ts`); the core serves `SURFACES` (`index.ts`): the
 * manifest's surfaces, whose wire code loads on first use.
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

export const SURFACE_LIST: Surface[] = [
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
