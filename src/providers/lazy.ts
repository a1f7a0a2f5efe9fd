/**
 * Stand-ins for the surfaces whose wire code lives in the providers chunk (`chunk.ts`): each holds its
 * manifest entry's fields (what the router, the WebSocket registry and the startup report read before a
 * request is dispatched) and one getter per other member of the real surface, which loads the chunk on its
 * first read and returns the real surface's member (the same function or object, no binding: surfaces do
 * not use `this`). The stand-in has exactly the real surface's keys, so optional members read alike.
 * @module
 */
import type { HeaderReader } from '../core/reply'
import type { WebSocketSurface } from '../websocket/surface'
import { providerSurface, providerWebSocketSurface } from './chunk'
import type { SurfaceManifestEntry, WebSocketManifestEntry } from './manifest'
import type { Surface } from './provider'

/** A surface from its manifest entry; its other members come from the chunk on first read. */
export function lazySurface(entry: SurfaceManifestEntry): Surface {
  const { id, provider, kind, routes, acceptsHeader, members } = entry
  const lazy: Record<string, unknown> = { id, provider, kind, routes }
  if (acceptsHeader !== undefined)
    lazy.accepts = (headers: HeaderReader) => headers.get(acceptsHeader) !== null
  let real: Record<string, unknown> | undefined
  const load = () => (real ??= providerSurface(id) as unknown as Record<string, unknown>)
  forward(lazy, members, load)
  return lazy as unknown as Surface
}

/** A WebSocket surface from its manifest entry; its other members come from the chunk on first read. */
export function lazyWebSocketSurface(entry: WebSocketManifestEntry): WebSocketSurface {
  const { id, provider, paths, members } = entry
  const lazy: Record<string, unknown> = { kind: 'websocket', id, provider, paths }
  let real: Record<string, unknown> | undefined
  const load = () => (real ??= providerWebSocketSurface(id) as unknown as Record<string, unknown>)
  forward(lazy, members, load)
  return lazy as unknown as WebSocketSurface
}

function forward(
  lazy: Record<string, unknown>,
  members: readonly string[],
  load: () => Record<string, unknown>,
): void {
  for (const member of members)
    Object.defineProperty(lazy, member, { enumerable: true, get: () => load()[member] })
}
