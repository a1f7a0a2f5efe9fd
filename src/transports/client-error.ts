/**
 * The answer to a connection node's HTTP/1.1 parser could not read, as node's own server gives it when no
 * `clientError` listener is set: the transport sets one (for h2c, see ./h2c-handover), which turns node's
 * answer off.
 * @see https://nodejs.org/api/http.html#event-clienterror
 * @module
 */
import type { Duplex } from 'node:stream'
import type { ClientError } from './h2c-handover'

const BAD_REQUEST = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n'

/** By error code, the status node answers with; any other code gets 400. */
const ANSWERS: ReadonlyMap<string | undefined, string> = new Map([
  ['HPE_HEADER_OVERFLOW', 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n'],
  ['HPE_CHUNK_EXTENSIONS_OVERFLOW', 'HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n'],
  ['ERR_HTTP_REQUEST_TIMEOUT', 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n'],
])

/**
 * Answers `error` and destroys the connection. `answering`: a response is being written on it, which an
 * error status would corrupt, so none is sent.
 */
export function answerClientError(socket: Duplex, error: ClientError, answering: boolean): void {
  if (socket.writable && !answering) socket.write(ANSWERS.get(error.code) ?? BAD_REQUEST)
  socket.destroy(error)
}
