/**
 * `standin serve --log`: one line per request, printed once it is journaled.
 * @module
 */
import type { JournalEntry } from '../journal/journal'

/**
 * `POST /v1/chat/completions session=default openai.chat fixture=chat.json#0 200 3ms`; a request no
 * fixture answered says `miss`, a route no surface serves (control API, unknown path) says `-`.
 */
export function logLine(entry: JournalEntry): string {
  const outcome = entry.fixture ? `fixture=${entry.fixture.id}` : entry.surface ? 'miss' : '-'
  return [
    entry.method,
    entry.path,
    `session=${entry.session}`,
    entry.surface ?? '-',
    outcome,
    String(entry.response.status),
    `${Math.round(entry.durationMs)}ms`,
  ].join(' ')
}
