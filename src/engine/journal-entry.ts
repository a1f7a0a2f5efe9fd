/**
 * Stage: what the journal keeps of one request. Everything kept is a bounded copy (see
 * `journal/bounded-copy.ts`), so an entry holds no reference to the request's body or parsed value, and
 * its size is known for the journal's byte budget. Headers are redacted here (`security/redact.ts`); the
 * path was redacted when the request was routed. The usual request's entry is built when first read
 * ({@link keptEntry}), from parts that are already bounded.
 * @module
 */
import type { ChatResult, EmbeddingResult, ErrorResult, JournaledRequest, ServiceResult } from '../canonical'
import { boundedCopy, DEFAULT_COPY_LIMITS, detachedString, nestsBelow } from '../journal/bounded-copy'
import type { JournalEntry, JournalResponse, JournalSlot } from '../journal/journal'
import type { NoMatchDiagnostic } from '../matching/diagnose'
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
  /**
   * The headers: the transport's record when it has one (node's `req.headers`, a plain object of its own
   * that holds no socket), else the pairs, read at once.
   */
  headers: HeaderRecord | Iterable<[string, string]>
  body: string
  request: JournaledRequest | null
  response: JournalResponse
  /** A copy of the fixture's names: a fixture's id and source may be set later. */
  fixture: { id: string; source: string } | null
  miss?: NoMatchDiagnostic | undefined
  durationMs: number
}

type HeaderRecord = Readonly<Record<string, string | string[] | undefined>>

/** Characters of the path kept. */
const PATH_LIMIT = 8 * 1024

/**
 * What the journal keeps of one request, and its size: for the usual request, the function that builds its
 * entry when first read (see {@link JournalSlot}); else the entry. Most tests never read most entries, and in
 * a fresh mock per test building one is a fifth of a request's cost (issue 15). Deferred only when the entry
 * would keep its parts as they are (nothing to cut or copy, so their size is their length) and they cannot
 * change: a header record, a body and path within their cuts, a request nesting below the depth cap, a
 * response summary within the string cut and no miss.
 */
export function keptEntry(input: EntryInput): { entry: JournalSlot; bytes: number } {
  const { headers, body, path, request } = input
  if (
    // Pairs, not a record (a record's keys are strings, never `Symbol.iterator`).
    Symbol.iterator in headers ||
    input.miss !== undefined ||
    body.length > JOURNAL_BODY_LIMIT ||
    path.length > PATH_LIMIT ||
    (request !== null && !keptAsIs(body))
  )
    return journalEntry(input)
  const responseSize = textSize(input.response)
  if (responseSize > DEFAULT_COPY_LIMITS.maxString) return journalEntry(input)
  // journalEntry's sum, with the headers as sent: a redacted value is a few bytes shorter.
  let bytes = 256 + body.length + path.length + responseSize + 64 + headerBytes(headers)
  if (request !== null) bytes += body.length
  return { entry: () => entryOf(input, redactHeaderRecord(headers)), bytes }
}

/** The entry of one request, built now: its parts cut or copied where they are too large or too deep. */
export function journalEntry(input: EntryInput): { entry: JournalEntry; bytes: number } {
  const body = detachedString(input.body, JOURNAL_BODY_LIMIT)
  const path = detachedString(input.path, PATH_LIMIT)
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
  const headers =
    Symbol.iterator in input.headers ? redactHeaders(input.headers) : redactHeaderRecord(input.headers)
  for (const name in headers) bytes += name.length + headers[name]!.length
  const entry = entryOf(input, headers)
  // The kept parts in place of the given ones (the same fields: no second entry object).
  entry.path = path
  entry.body = body
  entry.request = request
  entry.response = response
  if (body.length < input.body.length) entry.bodyTruncated = true
  if (input.miss) {
    const miss = boundedCopy(input.miss)
    entry.miss = miss.value
    bytes += miss.bytes
  }
  return { entry, bytes }
}

/** The entry of `input`'s parts as they are given, with `headers` redacted. */
function entryOf(input: EntryInput, headers: Record<string, string>): JournalEntry {
  return {
    id: input.id,
    time: input.time,
    method: input.method,
    path: input.path,
    session: input.session,
    surface: input.surface?.id ?? null,
    provider: input.surface?.provider ?? null,
    headers,
    body: input.body,
    request: input.request,
    fixture: input.fixture,
    response: input.response,
    durationMs: input.durationMs,
  }
}

/** A header record's size as sent; a header sent more than once counts as its values joined. */
function headerBytes(record: HeaderRecord): number {
  let bytes = 0
  for (const name in record) {
    const value = record[name]
    if (typeof value === 'string') bytes += name.length + value.length
    else if (value !== undefined) bytes += name.length + value.join(', ').length
  }
  return bytes
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
