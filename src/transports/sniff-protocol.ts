/**
 * Which protocol a connection speaks, from its first bytes: cleartext HTTP/2 with prior knowledge (h2c)
 * opens with the connection preface `PRI * HTTP/2.0`; anything else is HTTP/1.x.
 * @see https://httpwg.org/specs/rfc9113.html#preface
 * @module
 */
import type { Socket } from 'node:net'

export type WireProtocol = 'h2' | 'http1'

const PREFACE_START = Buffer.from('PRI ', 'latin1')

/** The protocol `head` starts, or undefined while it is still a prefix of the preface's first bytes. */
export function sniffProtocol(head: Uint8Array): WireProtocol | undefined {
  const length = Math.min(head.length, PREFACE_START.length)
  for (let i = 0; i < length; i++) if (head[i] !== PREFACE_START[i]) return 'http1'
  return head.length >= PREFACE_START.length ? 'h2' : undefined
}

/**
 * Reads until the protocol is known, pauses the socket, then calls `then` with the bytes read. A client may
 * send the preface a few bytes at a time, so a short first chunk does not decide it.
 */
export function readProtocol(socket: Socket, then: (protocol: WireProtocol, head: Buffer) => void): void {
  let head: Buffer | undefined
  const onData = (chunk: Buffer) => {
    head = head === undefined ? chunk : Buffer.concat([head, chunk])
    const protocol = sniffProtocol(head)
    if (protocol === undefined) return
    socket.off('data', onData)
    socket.pause()
    then(protocol, head)
  }
  socket.on('data', onData)
}
