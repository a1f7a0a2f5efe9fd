/**
 * The engine's view of one accepted WebSocket, whatever carries it (the node server's `ws`, MSW's `ws`
 * interception): the transport adapts its socket to {@link WsSocket} and feeds frames to the {@link WsPeer}
 * the engine returned.
 * @module
 */
import type { HeaderReader, Reply } from '../core/reply'

/** A socket as the engine drives it. */
export interface WsSocket {
  /** One text frame; resolves once written (at once when the socket is no longer open). */
  send(text: string): Promise<void>
  /** A close frame with `code`. */
  close(code: number, reason?: string): void
  /** Cuts the connection with no close frame (the client sees 1006). */
  terminate(): void
  /** False once the socket is closing or closed. */
  readonly open: boolean
}

/** The engine's side of one accepted socket: the transport calls these as frames arrive. */
export interface WsPeer {
  /** One client frame: text, or binary (`binary` true). */
  message(data: string | Uint8Array, binary: boolean): void
  /** The socket closed, with this code. */
  closed(code: number): void
}

/** An upgrade request, as a transport hands it to the engine. */
export interface UpgradeRequest {
  url: URL
  headers: HeaderReader
  /** Every header, lower-case names (kept, redacted, on each turn's journal entry). */
  headerEntries(): Iterable<[string, string]>
  /** The `Sec-WebSocket-Protocol` values offered, in order. */
  protocols: readonly string[]
}

/** The engine's answer to an upgrade: refused with an HTTP reply, or accepted. */
export type UpgradeDecision =
  | { kind: 'refuse'; reply: Reply }
  | {
      kind: 'accept'
      /** The subprotocol to answer with, if any. */
      protocol: string | undefined
      /** Called once the handshake is done. */
      open(socket: WsSocket): WsPeer
    }

/** The offered subprotocols from a `Sec-WebSocket-Protocol` header value. */
export function offeredProtocols(header: string | null | undefined): string[] {
  if (!header) return []
  return header
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
}
