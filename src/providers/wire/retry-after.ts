/**
 * The `retry-after` header of an upstream error, read back for record mode as the seconds an error fixture
 * states (`retryAfter`). RFC 9110 allows delay-seconds or an HTTP date; both are read.
 * @see https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 * @module
 */
import type { HeaderReader } from '../../core/reply'

/** Seconds to wait (a date is rounded up to whole seconds from now), or undefined when the header is absent or unreadable. */
export function retryAfterSeconds(headers: HeaderReader, now: () => number = Date.now): number | undefined {
  const raw = headers.get('retry-after')?.trim()
  if (!raw) return undefined
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw)
  const date = Date.parse(raw)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, Math.ceil((date - now()) / 1000))
}
