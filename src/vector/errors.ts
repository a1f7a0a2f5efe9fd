/**
 * What the store refuses, with a reason each dialect maps to its own status and error envelope.
 * @module
 */
import { StandinError } from '../errors'

/**
 * - `not_found`: no such collection (404 in every dialect).
 * - `exists`: a collection by that name exists already.
 * - `invalid`: the request breaks a rule of the store (wrong dimension, a non-finite number, an empty id).
 * - `full`: the store's size bounds ({@link VectorStoreLimits}) would be exceeded.
 */
export type VectorStoreErrorReason = 'not_found' | 'exists' | 'invalid' | 'full'

const STATUS: Record<VectorStoreErrorReason, number> = {
  not_found: 404,
  exists: 409,
  invalid: 400,
  full: 507,
}

export class VectorStoreError extends StandinError {
  readonly reason: VectorStoreErrorReason
  /** The HTTP status a dialect answers unless its API says otherwise. */
  readonly status: number
  constructor(reason: VectorStoreErrorReason, message: string) {
    super(`STANDIN_VECTOR_${reason.toUpperCase()}`, message)
    this.name = 'VectorStoreError'
    this.reason = reason
    this.status = STATUS[reason]
  }
}
