/**
 * Qdrant point ids: an unsigned integer or a UUID. The store keeps them as strings (integers in decimal,
 * UUIDs hyphenated and lower-case, as Qdrant answers them); `wireId` turns them back.
 * @module
 */
import { formatError } from './qdrant-error'

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i
const DECIMAL = /^(0|[1-9][0-9]*)$/

export function storeId(id: unknown, where: string): string {
  if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) return String(id)
  if (typeof id === 'string' && UUID.test(id)) {
    const hex = id.replace(/-/g, '').toLowerCase()
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }
  throw formatError(
    `${where}: value ${JSON.stringify(id)} is not a valid point ID, valid values are either an unsigned integer or a UUID`,
  )
}

export function wireId(id: string): number | string {
  return DECIMAL.test(id) ? Number(id) : id
}
