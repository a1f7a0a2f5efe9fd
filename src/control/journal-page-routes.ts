/**
 * The journal page's routes: the page itself (`GET /__standin/`), the redirect to it from `/__standin`, and
 * its live stream (`GET /__standin/journal/events`): server-sent events, one `entry` event per journal
 * entry, first those already journaled, then each new one as it is written; and a `clear` event
 * (`{"session":"…"}`, plus `"removed":["req_3",…]` when a predicate chose them) when a session's journal is
 * cleared (a reset, `journal.clear()`, a closed or expired session).
 * @module
 */
import type { Engine } from '../engine/engine'
import type { Incoming, Reply } from '../core/reply'
import type { JournalEntry } from '../journal/journal'
import type { JournalClear, JournalFeedEvent } from './journal-feed'
import { journalPageCsp, journalPageHtml } from './journal-page'

/** A comment line this often keeps proxies and idle timers from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000

let page: string | undefined

export function journalPage(): Reply {
  page ??= journalPageHtml()
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': journalPageCsp(),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
    body: page,
  }
}

/** `/__standin` → `/__standin/`, so the page's relative requests resolve under the control path. */
export function pageRedirect(incoming: Incoming): Reply {
  const prefix = incoming.url.pathname.slice(0, -'/__standin'.length)
  return { status: 308, headers: { location: `${prefix}/__standin/${incoming.url.search}` }, body: null }
}

/**
 * Server-sent events of `scope`'s journal (every session's when undefined): `existing` first, then each
 * entry as it is journaled, until the client goes away (`signal`).
 */
export function journalEvents(
  engine: Engine,
  existing: readonly JournalEntry[],
  scope: string | undefined,
  signal: AbortSignal | undefined,
): Reply {
  // Subscribed now, with `existing` read in the same tick: no entry falls between the two.
  const queue: JournalFeedEvent[] = existing.map((entry) => ({ kind: 'entry', entry }))
  let wake: (() => void) | undefined
  const unsubscribe = engine.journalFeed.subscribe((event) => {
    const session = event.kind === 'entry' ? event.entry.session : event.clear.session
    if (scope !== undefined && session !== scope) return
    queue.push(event)
    wake?.()
  })
  const stop = () => wake?.()
  signal?.addEventListener('abort', stop, { once: true })
  async function* body(): AsyncGenerator<string> {
    try {
      yield 'retry: 1000\n\n'
      while (!signal?.aborted) {
        const next = queue.shift()
        if (next) {
          yield next.kind === 'entry' ? entryEvent(next.entry) : clearEvent(next.clear)
          continue
        }
        const quiet = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), KEEP_ALIVE_MS)
          timer.unref?.()
          wake = () => {
            clearTimeout(timer)
            resolve(false)
          }
        })
        wake = undefined
        if (quiet) yield ': keep-alive\n\n'
      }
    } finally {
      unsubscribe()
      signal?.removeEventListener('abort', stop)
    }
  }
  return {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body: body(),
  }
}

function entryEvent(entry: JournalEntry): string {
  let data: string
  try {
    data = JSON.stringify(entry)
  } catch (error) {
    data = JSON.stringify({
      id: entry.id,
      error: `standin could not serialise this entry: ${(error as Error).message}`,
    })
  }
  // JSON.stringify escapes line breaks inside strings, so the data is one line.
  return `id: ${entry.id}\nevent: entry\ndata: ${data}\n\n`
}

function clearEvent(clear: JournalClear): string {
  return `event: clear\ndata: ${JSON.stringify(clear)}\n\n`
}
