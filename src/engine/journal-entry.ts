/**
 * Stage: what the journal keeps of one request. Everything kept is a bounded copy (see
 * `journal/bounded-copy.ts`), so an entry holds no reference to the request's body or parsed value, and
 * its size is known for the journal's byte budget. Headers are redacted here (`security/redact.ts`); the
 * path was redacted when the request was routed.
 * @module
 */
import type { ChatResult, EmbeddingResult, ErrorResult, JournaledRequest, ServiceResult } from '../canonical'
import { boundedCopy, DEFAULT_COPY_LIMITS, detachedString, nestsBelow } from '../journal/bounded-copy'
import type { JournalEntry, JournalResponse } from '../journal/journal'
import type { NoMatchDiagnostic } from '../matching/diagnose'
import type { Incoming } from '../core/reply'
import { redactHeaderRecord, redactHeaders } from '../security/redact'
import type { CutKind } from '../streaming/cutoffs'

/** Characters of the raw body kept (`bodyTruncated` marks a cut). */
export const JOURNAL_BODY_LIMIT = 64 * 1024

export interface EntryInput {
  id: string
  time: number
  method: string
  path: string
  session: string
  surface: { id: string; provider: string } | null
  /** Where the headers are read from: the record when there is one, else the pairs. */
  headers: Pick<Incoming, 'headerEntries' | 'headerRecord'>
  body: string
  request: JournaledRequest | null
  response: JournalResponse
  fixture: { id: string; source: string } | null
  miss?: NoMatchDiagnostic | undefined
  durationMs: number
}

export function journalEntry(input: EntryInput): { entry: JournalEntry; bytes: number } {
  const body = detachedString(input.body, JOURNAL_BODY_LIMIT)
  const request = keptRequest(input)
  const response = keptResponse(input.response)
  const headers = keptHeaders(input.headers)
  const entry: JournalEntry = {
    id: input.id,
    time: input.time,
    method: input.method,
    path: detachedString(input.path, 8 * 1024),
    session: input.session,
    surface: input.surface?.id ?? null,
    provider: input.surface?.provider ?? null,
    headers: headers.value,
    body,
    request: request.value,
    fixture: input.fixture ? { id: input.fixture.id, source: input.fixture.source } : null,
    response: response.value,
    durationMs: input.durationMs,
  }
  if (body.length < input.body.length) entry.bodyTruncated = true
  let bytes = 256 + body.length + entry.path.length + request.bytes + response.bytes + headers.bytes
  if (input.miss) {
    const miss = boundedCopy(input.miss)
    entry.miss = miss.value
    bytes += miss.bytes
  }
  return { entry, bytes }
}

/**
 * The canonical request, copied only when it must be. Parsed from a body that fits the journal's cut and
 * nests below the depth cap, it can hold no more than that body (which the entry keeps and counts anyway)
 * and serialises safely, so it is kept as it is: the common case, at no cost. Otherwise a bounded copy.
 */
function keptRequest(input: EntryInput): { value: JournaledRequest | null; bytes: number } {
  if (input.request === null) return { value: null, bytes: 0 }
  const { maxDepth } = DEFAULT_COPY_LIMITS
  // A margin for the levels a decoder adds around the wire's values (messages, parts, ...).
  if (input.body.length <= JOURNAL_BODY_LIMIT && nestsBelow(input.body, maxDepth - 8))
    return { value: input.request, bytes: input.body.length }
  return boundedCopy(input.request)
}

/** The response summary, copied only when its text is large (a long answer is cut like a long prompt). */
function keptResponse(response: JournalResponse): { value: JournalResponse; bytes: number } {
  let size = (response.text?.length ?? 0) + (response.reasoning?.length ?? 0)
  for (const call of response.toolCalls ?? []) size += call.arguments.length + call.name.length
  if (size <= DEFAULT_COPY_LIMITS.maxString) return { value: response, bytes: size + 64 }
  return boundedCopy(response)
}

/** Redacted headers: node caps their total size (16 KiB by default), so they are kept as they are. */
function keptHeaders(headers: EntryInput['headers']): { value: Record<string, string>; bytes: number } {
  const record = headers.headerRecord?.()
  const value = record === undefined ? redactHeaders(headers.headerEntries()) : redactHeaderRecord(record)
  let bytes = 0
  for (const name in value) bytes += name.length + value[name]!.length
  return { value, bytes }
}

/** The journal's summary of a result: status, text, tool calls, reasoning or the error. */
/** What the journal says of a reply; `cut` is a fixture's planned cut-off (an error reply is never cut). */
export function summarise(
  result: ChatResult | EmbeddingResult | ServiceResult | ErrorResult,
  stream: boolean,
  cut?: CutKind,
): JournalResponse {
  if (result.kind === 'error') {
    const error: JournalResponse['error'] = { message: result.message }
    if (result.type) error.type = result.type
    if (result.code) error.code = result.code
    return { status: result.status, stream: false, error }
  }
  // A reply cut before its body sent no status: 0, as for chaos `disconnect`.
  const cuts = cut && { status: cut === 'disconnect' ? 0 : 200, chaos: cut }
  if (result.kind === 'embedding')
    return { status: 200, stream: false, vectors: result.vectors.length, ...cuts }
  if (result.kind !== 'chat') return { status: 200, stream: false, results: serviceCount(result), ...cuts }
  const summary: JournalResponse = { status: 200, stream, text: '', ...cuts }
  const calls = []
  for (const block of result.blocks) {
    if (block.type === 'text') summary.text += block.text
    else calls.push(block.call)
  }
  if (calls.length > 0) summary.toolCalls = calls
  if (result.reasoning) summary.reasoning = result.reasoning
  return summary
}

/** How many results a service answered with: hits, pages, ranked documents or verdicts. */
function serviceCount(result: ServiceResult): number {
  if (result.kind === 'search') return result.hits.length
  if (result.kind === 'extract') return result.pages.length
  if (result.kind === 'rerank') return result.ranking.length
  return result.verdicts.length
}
