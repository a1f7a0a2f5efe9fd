/**
 * Chroma's error envelope, `{ error, message }` with the error's class name, as its server sends it. The
 * client throws `ChromaNotFoundError` on 404, `ChromaUniqueError` on 409, `ChromaClientError` on 400 (with
 * the message) and `ChromaServerError` otherwise.
 * @module
 */
import type { WireError } from '../../errors'
import type { DialectError } from '../dialect-server'
import type { VectorStoreError } from '../errors'

const NAMES: Record<number, string> = {
  400: 'InvalidArgumentError',
  404: 'NotFoundError',
  405: 'MethodNotAllowed',
  409: 'UniqueConstraintError',
  413: 'InvalidArgumentError',
  507: 'QuotaError',
}

export function chromaError(error: VectorStoreError | WireError): DialectError {
  const { status, message } = error
  return { status, body: { error: NAMES[status] ?? 'ChromaError', message } }
}
