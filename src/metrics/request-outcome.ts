/**
 * The bounded labels a journal entry is counted under in `/metrics`: what happened to the request
 * (`outcome`) and its status class. Never a path, model or session: those would grow without bound.
 * @module
 */
import type { JournalEntry } from '../journal/journal'

export type Outcome =
  | 'matched'
  | 'miss'
  | 'recorded'
  | 'proxied'
  | 'chaos_drop'
  | 'chaos_malformed'
  | 'chaos_disconnect'
  | 'truncate'
  | 'rate_limited'
  | 'error'
  | 'served'

/**
 * Chaos wins (it replaced the answer), then a quota's 429 (no fixture was selected), then record mode (the upstream answered), then a fixture, then a
 * miss (an unmatched embedding answered with a generated vector is a miss too); what is left is an error
 * (a bad request, an unknown route) or a reply that needs no fixture (model lists, protocol handshakes).
 */
export function outcomeOf(entry: JournalEntry): Outcome {
  const chaos = entry.response.chaos
  if (chaos === 'truncate') return 'truncate'
  if (chaos) return `chaos_${chaos}`
  if (entry.response.rateLimited) return 'rate_limited'
  const upstream = entry.response.upstream
  if (upstream) return upstream.mode === 'live' ? 'proxied' : 'recorded'
  if (entry.fixture) return 'matched'
  if (entry.miss || entry.request?.kind === 'embedding') return 'miss'
  return entry.response.status >= 400 ? 'error' : 'served'
}

/** `2xx`, `4xx`...; `none` when no status was sent (a dropped connection). */
export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'none'
}
