/**
 * The WebSocket registry: every WebSocket API standin serves, found by the upgrade's path. Adding one is
 * adding its surface (src/websocket/surface.ts) and one line here.
 * @module
 */
import type { WebSocketSurface } from '../websocket/surface'
import { realtimeSurface } from './openai/realtime/realtime'

export const WEBSOCKET_SURFACES: WebSocketSurface[] = [realtimeSurface]
