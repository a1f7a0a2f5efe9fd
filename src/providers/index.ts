/**
 * The surfaces the engine serves, in the registry's order (`surface-list.ts`). OpenAI's chat completions,
 * the API most tests speak, and its model list are here as themselves; every other surface is a stand-in built from the core's
 * manifest (`manifest.ts`) whose wire code loads with the providers chunk on first use (`lazy.ts`).
 * @module
 */
import { lazySurface } from './lazy'
import { SURFACE_MANIFEST } from './manifest'
import { chatSurface } from './openai/chat'
import { modelsSurface } from './openai/models'
import type { Surface } from './provider'

/** The surfaces whose code stays in the core bundle: OpenAI's chat completions and (2 KB) model list. */
const CORE_SURFACES: readonly Surface[] = [chatSurface, modelsSurface]

export const SURFACES: Surface[] = SURFACE_MANIFEST.map(
  (entry) => CORE_SURFACES.find((surface) => surface.id === entry.id) ?? lazySurface(entry),
)

export type {
  ChatSurface,
  EmbeddingSurface,
  ExchangeSurface,
  RouteSpec,
  ServiceSurface,
  StaticSurface,
  Surface,
} from './provider'
