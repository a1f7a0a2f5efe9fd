/**
 * Matchers for the services: what the app searched for, reranked and sent to moderation, read from the
 * journal's canonical requests (`search`, `rerank`, `moderation`), whichever surface carried them.
 * @module
 */
import type { ModerationRequest, RerankRequest, SearchRequest } from '../canonical'
import type { JournalEntry } from '../journal/journal'
import { toSubject, type MatcherResult } from './subject'
import { matchesPartial, show } from './partial'

type Text = string | RegExp

interface Seen<R> {
  request: R
  entryId: string
}

function requestsOf<K extends 'search' | 'rerank' | 'moderation'>(
  entries: JournalEntry[],
  kind: K,
): Seen<Extract<SearchRequest | RerankRequest | ModerationRequest, { kind: K }>>[] {
  const seen: Seen<any>[] = []
  for (const entry of entries)
    if (entry.request?.kind === kind) seen.push({ request: entry.request, entryId: entry.id })
  return seen
}

/** A string is a substring (case-sensitive, as `toHaveReceivedMessage`), a RegExp is tested. */
function textMatches(expected: Text, actual: string): boolean {
  return typeof expected === 'string'
    ? actual.includes(expected)
    : new RegExp(expected.source, expected.flags.replace(/[gy]/g, '')).test(actual)
}

function describeText(expected: Text): string {
  return typeof expected === 'string' ? `containing ${JSON.stringify(expected)}` : `matching ${expected}`
}

function listed(lines: string[]): string {
  return lines.length > 0 ? lines.join('\n') : '  (none)'
}

/**
 * The app searched (Tavily `/search`) with a query containing `expected` (or matching the RegExp), or with a
 * request matching a partial (`{ query, maxResults }`, asymmetric matchers allowed).
 */
export function toHaveSearched(received: unknown, expected: Text | Record<string, unknown>): MatcherResult {
  const searches = requestsOf(toSubject(received).entries, 'search')
  const partial = typeof expected === 'object' && !(expected instanceof RegExp)
  const hit = searches.find(({ request }) =>
    partial ? matchesPartial(request, expected) : textMatches(expected as Text, request.query),
  )
  const wanted = partial
    ? `a search matching ${show(expected)}`
    : `a search ${describeText(expected as Text)}`
  return {
    pass: hit !== undefined,
    message: () =>
      hit
        ? `expected the app NOT to have made ${wanted}, but ${hit.entryId} searched for ${JSON.stringify(hit.request.query)}`
        : `expected the app to have made ${wanted}; it searched for:\n${listed(
            searches.map(
              (s) =>
                `  - ${JSON.stringify(s.request.query)}${s.request.maxResults === undefined ? '' : ` (max_results ${s.request.maxResults})`} (${s.entryId})`,
            ),
          )}`,
  }
}

/**
 * The app reranked (Cohere `/v2/rerank`, `/v1/rerank`), with a query containing `query` (or matching the
 * RegExp) when given, and a request matching `partial` when given (`{ documents, topN, model }`).
 */
export function toHaveReranked(
  received: unknown,
  query?: Text,
  partial?: Record<string, unknown>,
): MatcherResult {
  const reranks = requestsOf(toSubject(received).entries, 'rerank')
  const hit = reranks.find(
    ({ request }) =>
      (query === undefined || textMatches(query, request.query)) &&
      (partial === undefined || matchesPartial(request, partial)),
  )
  const wanted = [
    'a rerank',
    query === undefined ? '' : ` with a query ${describeText(query)}`,
    partial === undefined ? '' : ` matching ${show(partial)}`,
  ].join('')
  return {
    pass: hit !== undefined,
    message: () =>
      hit
        ? `expected the app NOT to have made ${wanted}, but ${hit.entryId} reranked ${hit.request.documents.length} document(s) for ${JSON.stringify(hit.request.query)}`
        : `expected the app to have made ${wanted}; it reranked:\n${listed(
            reranks.map(
              (r) =>
                `  - ${JSON.stringify(r.request.query)}: ${r.request.documents.length} document(s)${r.request.topN === undefined ? '' : `, top_n ${r.request.topN}`} (${r.entryId})`,
            ),
          )}`,
  }
}

/** The app sent an input containing `expected` (or matching the RegExp) to moderation (OpenAI `/v1/moderations`). */
export function toHaveModerated(received: unknown, expected: Text): MatcherResult {
  const moderations = requestsOf(toSubject(received).entries, 'moderation')
  const hit = moderations.find(({ request }) => request.inputs.some((input) => textMatches(expected, input)))
  const wanted = `an input ${describeText(expected)} to moderation`
  return {
    pass: hit !== undefined,
    message: () =>
      hit
        ? `expected the app NOT to have sent ${wanted}, but ${hit.entryId} did: ${show(hit.request.inputs)}`
        : `expected the app to have sent ${wanted}; it sent:\n${listed(
            moderations.flatMap((m) =>
              m.request.inputs.map((input) => `  - ${JSON.stringify(input)} (${m.entryId})`),
            ),
          )}`,
  }
}

export const serviceMatchers = { toHaveSearched, toHaveReranked, toHaveModerated }
