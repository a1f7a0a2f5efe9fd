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
  const path = detachedString(input.path, 8 * 1024)
  // Sizes are added up as each part is kept: no { value, bytes } pair per part and request.
  let bytes = 256 + body.length + path.length
  let request = input.request
  if (request !== null) {
    if (keptAsIs(input.body)) bytes += input.body.length
    else {
      const copy = boundedCopy(request)
      request = copy.value
      bytes += copy.bytes
    }
  }
  let response = input.response
  const responseSize = textSize(response)
  if (responseSize <= DEFAULT_COPY_LIMITS.maxString) bytes += responseSize + 64
  else {
    const copy = boundedCopy(response)
    response = copy.value
    bytes += copy.bytes
  }
  const headers = keptHeaders(input.headers)
  for (const name in headers) bytes += name.length + headers[name]!.length
  const entry: JournalEntry = {
    id: input.id,
    time: input.time,
    method: input.method,
    path,
    session: input.session,
    surface: input.surface?.id ?? null,
    provider: input.surface?.provider ?? null,
    headers,
    body,
    request,
    fixture: input.fixture ? { id: input.fixture.id, source: input.fixture.source } : null,
    response,
    durationMs: input.durationMs,
  }
  if (body.length < input.body.length) entry.bodyTruncated = true
  if (input.miss) {
    const miss = boundedCopy(input.miss)
    entry.miss = miss.value
    bytes += miss.bytes
  }
  return { entry, bytes }
}

/**
 * True when the canonical request parsed from `body` is kept as it is. Parsed from a body that fits the
 * journal's cut and nests below the depth cap, it can hold no more than that body (which the entry keeps
 * and counts anyway) and serialises safely: the common case, at no cost. Otherwise a bounded copy.
 */
function keptAsIs(body: string): boolean {
  // A margin for the levels a decoder adds around the wire's values (messages, parts, ...).
  return body.length <= JOURNAL_BODY_LIMIT && nestsBelow(body, DEFAULT_COPY_LIMITS.maxDepth - 8)
}

/** The response summary's text size: copied only when large (a long answer is cut like a long prompt). */
function textSize(response: JournalResponse): number {
  let size = (response.text?.length ?? 0) + (response.reasoning?.length ?? 0)
  if (response.toolCalls !== undefined)
    for (const call of response.toolCalls) size += call.arguments.length + call.name.length
  return size
}

/** Redacted headers: node caps their total size (16 KiB by default), so they are kept as they are. */
function keptHeaders(headers: EntryInput['headers']): Record<string, string> {
  const record = headers.headerRecord?.()
  return record === undefined ? redactHeaders(headers.headerEntries()) : redactHeaderRecord(record)
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
