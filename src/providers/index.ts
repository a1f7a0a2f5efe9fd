/**
 * The provider registry: every surface standin serves. Adding a provider is adding its folder and one line
 * here; route precedence is specific routes first, `**` suffix routes last.
 * @module
 */
import { openaiSurfaces } from './openai'
import type { Surface } from './provider'

export const SURFACES: Surface[] = [...openaiSurfaces]

export type { Surface, ExchangeSurface, StaticSurface, RouteSpec } from './provider'
