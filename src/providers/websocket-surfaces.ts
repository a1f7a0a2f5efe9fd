/**
 * The WebSocket registry: every WebSocket API standin serves, found by the upgrade's path. Adding one is
 * adding its surface (src/websocket/surface.ts) and one line here.
 * @module
 */
import type { WebSocketSurface } from '../websocket/surface'
import { geminiLiveSurface } from './gemini/live'
import { realtimeSurface } from './openai/realtime/realtime'
import { responsesWebSocketSurface } from './openai/responses-ws'
import { vertexLiveSurface } from './vertex/live'

export const WEBSOCKET_SURFACES: WebSocketSurface[] = [
  realtimeSurface,
  responsesWebSocketSurface,
  geminiLiveSurface,
  vertexLiveSurface,
]
