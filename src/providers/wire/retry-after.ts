/**
 * How long an upstream asked a client to wait, read back from its error response (record mode): HTTP's
 * `retry-after` (seconds, or an HTTP date), else OpenAI's `retry-after-ms`. In seconds, as an error fixture's
 * `retryAfter` says it and standin writes `retry-after` again on replay.
 * @see https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 * @module
 */
import type { HeaderReader } from '../../core/reply'

const SECONDS = /^\d+(\.\d+)?$/

export function retryAfterSeconds(headers: HeaderReader, now: number = Date.now()): number | undefined {
  const value = headers.get('retry-after')?.trim()
  if (value) {
    if (SECONDS.test(value)) return Number(value)
    const date = Date.parse(value)
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000))
  }
  const ms = headers.get('retry-after-ms')?.trim()
  if (ms && SECONDS.test(ms)) return Number(ms) / 1000
  return undefined
}
