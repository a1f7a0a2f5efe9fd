/**
 * WebSockets accepted in-process (MSW's `ws` API, through `standin/msw`): the request an adapter sees
 * turned into the engine's upgrade request, and the sockets it opened tracked so `mock.stop()` closes them
 * (1001) as the node server closes its own.
 * @module
 */
import type { Engine } from '../engine/engine'
import { offeredProtocols, type WsPeer, type WsSocket } from './socket'
import { WS_CLOSE } from './surface'

/** A WebSocket connection as an in-process adapter sees it. */
export interface WebSocketRequest {
  /** The URL the client connected to (`wss://api.openai.com/v1/realtime?model=…`). */
  url: string | URL
  /** The subprotocols the client offered. */
  protocols?: string | readonly string[]
  /** The handshake's headers, when the adapter has them (a browser `WebSocket` sends none of its own). */
  headers?: Record<string, string> | Headers
}

/** The mock's answer to an in-process WebSocket connection. */
export type WebSocketAnswer =
  /** Refused as the upgrade would be over a port: the HTTP status and its JSON error body. */
  | { kind: 'refuse'; status: number; body: string }
  /** Accepted: `open()` it with the socket, then feed the returned peer the client's frames and close. */
  | { kind: 'accept'; protocol: string | undefined; open(socket: WsSocket): WsPeer }

/** The in-process sockets a mock opened, closed when it stops. */
export class InProcessSockets {
  readonly #open = new Set<WsSocket>()

  /** The engine's answer to `request`, its sockets tracked. */
  accept(engine: Engine, request: WebSocketRequest): WebSocketAnswer {
    const headers = new Headers(request.headers)
    const protocols =
      typeof request.protocols === 'string'
        ? offeredProtocols(request.protocols)
        : [...(request.protocols ?? [])]
    const decision = engine.upgrade({
      url: new URL(request.url),
      headers,
      headerEntries: () => headers.entries(),
      protocols,
    })
    if (decision.kind === 'refuse') {
      const { status, body } = decision.reply
      return { kind: 'refuse', status, body: typeof body === 'string' ? body : '' }
    }
    return {
      kind: 'accept',
      protocol: decision.protocol,
      open: (socket) => {
        this.#open.add(socket)
        const peer = decision.open(socket)
        return {
          message: (data, binary) => peer.message(data, binary),
          closed: (code) => {
            this.#open.delete(socket)
            peer.closed(code)
          },
        }
      },
    }
  }

  closeAll(): void {
    for (const socket of this.#open) socket.close(WS_CLOSE.goingAway, 'standin is stopping')
    this.#open.clear()
  }
}
