/**
 * The WebSocket surfaces the engine serves, in the registry's order (`websocket-surface-list.ts`): stand-ins
 * built from the core's manifest (`manifest.ts`) whose wire code loads with the providers chunk when an
 * upgrade reaches one (`lazy.ts`).
 * @module
 */
import type { WebSocketSurface } from '../websocket/surface'
import { lazyWebSocketSurface } from './lazy'
import { WEBSOCKET_MANIFEST } from './manifest'

export const WEBSOCKET_SURFACES: WebSocketSurface[] = WEBSOCKET_MANIFEST.map(lazyWebSocketSurface)
