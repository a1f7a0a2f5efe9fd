/**
 * The WebSocket half of `standinHandlers()`: an MSW `ws.link()` on the owned hosts whose connections are
 * served by the mock's WebSocket surfaces (OpenAI Realtime...), the same turns, journal and matchers as
 * over the port. MSW intercepts the global `WebSocket` class only: clients built on it (browsers, Node 22+,
 * the openai SDK's `OpenAIRealtimeWebSocket`) are served; clients of the `ws` package (`OpenAIRealtimeWS`)
 * are not, and should be pointed at the mock's port instead.
 * @see ../../docs/websocket.md
 * @module
 */
import { ws } from 'msw'
import type { Standin, StandinSession, WsSocket } from 'standin/internal'
import { ownedWebSocketUrls, type Ownership } from './owns-request'

type Target = Partial<Pick<Standin | StandinSession, 'connectWebSocket'>>

/** Close code for a connection the mock refused (no WebSocket API there, a missing key): policy violation. */
const REFUSED = 1008

export function standinWebSocketHandlers(
  target: Target,
  options: Ownership & { passthroughUnknown?: boolean },
) {
  const connect = target.connectWebSocket
  if (!connect) return []
  const link = ws.link(ownedWebSocketUrls(options))
  return [
    link.addEventListener('connection', ({ client, server, info }) => {
      const decision = connect({ url: client.url, protocols: info.protocols ?? [] })
      if (decision.kind === 'refuse') {
        if (decision.status === 404 && options.passthroughUnknown) return server.connect()
        return client.close(REFUSED, reason(decision.body, decision.status))
      }
      let open = true
      const socket: WsSocket = {
        send: async (text) => {
          if (open) client.send(text)
        },
        close: (code, why) => {
          if (!open) return
          open = false
          client.close(code, why)
        },
        terminate: () => {
          if (!open) return
          open = false
          client.close(1006)
        },
        get open() {
          return open
        },
      }
      const peer = decision.open(socket)
      // Frames keep their order even when a binary one must be read from a Blob first.
      let frames: Promise<void> = Promise.resolve()
      client.addEventListener('message', (event) => {
        const data = event.data as string | ArrayBuffer | ArrayBufferView | Blob
        frames = frames.then(async () => {
          if (typeof data === 'string') return peer.message(data, false)
          peer.message(await bytes(data), true)
        })
      })
      client.addEventListener('close', (event) => {
        open = false
        peer.closed(event.code)
      })
    }),
  ]
}

async function bytes(data: ArrayBuffer | ArrayBufferView | Blob): Promise<Uint8Array> {
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  return new Uint8Array(await data.arrayBuffer())
}

/** A close reason is at most 123 bytes: the error's message, cut. */
function reason(body: string, status: number): string {
  let message = `standin refused the connection (${status})`
  try {
    message = (JSON.parse(body) as { error: { message: string } }).error.message
  } catch {
    // Not JSON: the status says it.
  }
  while (Buffer.byteLength(message) > 123) message = message.slice(0, -1)
  return message
}
