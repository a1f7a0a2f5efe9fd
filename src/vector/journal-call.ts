/**
 * What the journal keeps of one vector operation: a `VectorOperation` (`toHaveQueried`,
 * `toHaveReceivedRequest({ operation: 'upsert' })`) and the reply's status, or its error.
 * @module
 */
import type { VectorOperation } from '../canonical'
import type { MountCall } from '../protocols/mounts/mount'
import { VECTOR_PROVIDER } from './provider'

export type OperationFields = Omit<VectorOperation, 'kind' | 'surface' | 'provider' | 'model' | 'dialect'>

export function vectorCall(
  dialect: string,
  operation: OperationFields,
  response: { status: number; error?: string },
): MountCall {
  const request: VectorOperation = {
    kind: 'vector',
    surface: dialect,
    provider: VECTOR_PROVIDER,
    dialect,
    ...definedOnly(operation),
  }
  return {
    request,
    response: {
      status: response.status,
      stream: false,
      ...(response.error !== undefined && { error: { message: response.error } }),
    },
  }
}

function definedOnly<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T
}
