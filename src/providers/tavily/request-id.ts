/**
 * Tavily answers carry a `request_id` (a UUID). standin derives it from what was asked, so the same request
 * gets the same id on every run.
 * @module
 */
import { createHash } from 'node:crypto'

export function requestId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
