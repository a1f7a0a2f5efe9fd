/**
 * The core's manifest of the surfaces (`manifest.ts`), derived from the real lists. Used by
 * `scripts/surface-manifest.mjs` to write the manifest and by the test that it still matches; never by the
 * engine.
 * @module
 */
import type { HeaderReader } from '../core/reply'
import type { WebSocketSurface } from '../websocket/surface'
import type { SurfaceManifestEntry, WebSocketManifestEntry } from './manifest'
import type { Surface } from './provider'

/** The fields the manifest holds itself; every other key of a surface is forwarded to the chunk. */
export const STATIC_KEYS: readonly string[] = ['id', 'provider', 'kind', 'routes', 'accepts']
export const WEBSOCKET_STATIC_KEYS: readonly string[] = ['kind', 'id', 'provider', 'paths']

export function deriveManifest(list: readonly Surface[]): SurfaceManifestEntry[] {
  return list.map((surface) => {
    const entry: SurfaceManifestEntry = {
      id: surface.id,
      provider: surface.provider,
      kind: surface.kind,
      routes: surface.routes.map(({ method, path }) => ({ method, path })),
      members: Object.keys(surface).filter((key) => !STATIC_KEYS.includes(key)),
    }
    if (surface.accepts) entry.acceptsHeader = acceptsHeader(surface)
    return entry
  })
}

export function deriveWebSocketManifest(list: readonly WebSocketSurface[]): WebSocketManifestEntry[] {
  return list.map((surface) => ({
    id: surface.id,
    provider: surface.provider,
    paths: [...surface.paths],
    members: Object.keys(surface).filter((key) => !WEBSOCKET_STATIC_KEYS.includes(key)),
  }))
}

/**
 * The header whose presence `surface.accepts` checks: the manifest can hold no other kind of `accepts`
 * (the router calls it before the chunk loads).
 */
function acceptsHeader(surface: Surface): string {
  const read: string[] = []
  const none: HeaderReader = {
    get: (name) => {
      read.push(name.toLowerCase())
      return null
    },
  }
  const accepted = surface.accepts!(none)
  const name = read[0]
  const only = (value: string | null): HeaderReader => ({
    get: (n) => (n.toLowerCase() === name ? value : null),
  })
  if (
    accepted ||
    name === undefined ||
    read.some((n) => n !== name) ||
    !surface.accepts!(only('')) ||
    !surface.accepts!(only('x'))
  )
    throw new Error(
      `${surface.id}: accepts() is not a check that one header is present, which the core's manifest cannot hold`,
    )
  return name
}
