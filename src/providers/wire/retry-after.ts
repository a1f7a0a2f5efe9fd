/**
 * The `Retry-After` header of an upstream error, for record mode's error decoders: delay-seconds (`30`, also
 * read when fractional) or an HTTP-date, counted from now.
 * @see https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 * @module
 */
import type { HeaderReader } from '../../core/reply'

/** Seconds to wait, or undefined when the header is absent or unreadable. */
export function retryAfterSeconds(headers: HeaderReader, now: number = Date.now()): number | undefined {
  const value = headers.get('retry-after')?.trim()
  if (!value) return undefined
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value)
  const date = Date.parse(value)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, Math.ceil((date - now) / 1000))
}
