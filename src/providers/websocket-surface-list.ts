/**
 * The WebSocket registry: every WebSocket API standin serves, found by the upgrade's path. Adding one is
 * adding its surface (src/websocket/surface.ts) and one line here, then `node scripts/surface-manifest.mjs`. This
 * list loads with the providers chunk; the core serves `WEBSOCKET_SURFACES` (websocket-surfaces.ts).
 * @module
 */
import type { WebSocketSurface } from '../websocket/surface'
import { geminiLiveSurface } from './gemini/live'
import { realtimeSurface } from './openai/realtime/realtime'
import { responsesWebSocketSurface } from './openai/responses-ws'
import { vertexLiveSurface } from './vertex/live'

export const WEBSOCKET_SURFACE_LIST: WebSocketSurface[] = [
  realtimeSurface,
  responsesWebSocketSurface,
  geminiLiveSurface,
  vertexLiveSurface,
]
