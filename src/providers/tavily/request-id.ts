/**
 * Tavily answers carry a `request_id` (a UUID). standin derives it from what was asked, so the same request
 * gets the same id on every run.
 * @module
 */
import { lazyRequire } from '../../core/lazy-require'

// node:crypto (and the streams it loads) costs ~4 ms at import: loaded on first use (issue 15).
const nodeCrypto = lazyRequire<typeof import('node:crypto')>('node:crypto')

export function requestId(...parts: string[]): string {
  const hex = nodeCrypto().createHash('sha256').update(parts.join('\u0000')).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
