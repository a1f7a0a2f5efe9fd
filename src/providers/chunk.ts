/**
 * The providers chunk: the surfaces' wire code (decode, encode, stream frames, record-mode readers), which a
 * process loads only when a request reaches one of them. In the package it is its own file
 * (`dist/internal/chunk-providers.js`), loaded through the code-cache loader on the first call of one of
 * these functions (scripts/build/chunks.ts); it may export only plain functions. The core knows the
 * surfaces by their manifest (`manifest.ts`): `index.ts` and `websocket-surfaces.ts` build stand-ins that
 * forward to the surfaces found here.
 * @module
 */
import type { WebSocketSurface } from '../websocket/surface'
import type { Surface } from './provider'
import { SURFACE_LIST } from './surface-list'
import { WEBSOCKET_SURFACE_LIST } from './websocket-surface-list'

/** The HTTP surface whose id is `id` (one of the manifest's). */
export function providerSurface(id: string): Surface {
  const surface = SURFACE_LIST.find((s) => s.id === id)
  if (!surface) throw new Error(`standin: no provider surface ${id}`)
  return surface
}

/** The WebSocket surface whose id is `id` (one of the manifest's). */
export function providerWebSocketSurface(id: string): WebSocketSurface {
  const surface = WEBSOCKET_SURFACE_LIST.find((s) => s.id === id)
  if (!surface) throw new Error(`standin: no WebSocket surface ${id}`)
  return surface
}
