/**
 * Pinecone's two error envelopes. The control plane (`/indexes`) answers `{ error: { code, message }, status }`
 * with a string code; the data plane (an index host) answers a gRPC status, `{ code, message, details }`.
 * The client reads `error.message` or `message` from either and throws its own class by HTTP status
 * (`PineconeBadRequestError` for 400, `PineconeNotFoundError` for 404, `PineconeConflictError` for 409).
 * @module
 */
import type { WireError } from '../../errors'
import type { DialectError } from '../dialect-server'
import type { VectorStoreError } from '../errors'

const CONTROL_CODES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'ALREADY_EXISTS',
  413: 'INVALID_ARGUMENT',
  507: 'RESOURCE_EXHAUSTED',
}

/** gRPC status codes (`google.rpc.Code`). */
const GRPC_CODES: Record<number, number> = {
  400: 3,
  404: 5,
  405: 12,
  409: 6,
  413: 3,
  507: 8,
}

export function controlPlaneError(error: VectorStoreError | WireError): DialectError {
  const { status, message } = error
  return { status, body: { error: { code: CONTROL_CODES[status] ?? 'UNKNOWN', message }, status } }
}

export function dataPlaneError(error: VectorStoreError | WireError): DialectError {
  const { status, message } = error
  return { status, body: { code: GRPC_CODES[status] ?? 2, message, details: [] } }
}
