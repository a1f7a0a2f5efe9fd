/**
 * The engine's seams: where record & replay, chaos and other cross-cutting features plug into the
 * pipeline without touching any provider folder. Each seam sees the canonical request and the surface,
 * never a provider's wire types.
 * @module
 */
import type { CanonicalRequest } from '../canonical'
import type { HeaderReader, Reply } from '../core/reply'
import type { JournalResponse } from '../journal/journal'
import type { ExchangeSurface } from '../providers/provider'

/** One exchange as a seam sees it. */
export interface SeamContext {
  method: string
  /** Path and query, after any session prefix. */
  path: string
  session: string
  surface: ExchangeSurface
  request: CanonicalRequest
  /** What the surface decoded besides the canonical request (stream options, the requested encoding). */
  wire: unknown
  headers: HeaderReader
  /** Every request header (lower-case names, credentials included: a seam that forwards needs them). */
  headerEntries(): Iterable<[string, string]>
  /** The URL as received (session prefix included, query unredacted), for a seam that forwards. */
  url: URL
  /** The path after any session prefix, without the query. */
  pathname: string
  /** The raw request body. */
  body: string
  signal: AbortSignal | undefined
}

/** A seam's own answer, and what the journal should say of it. */
export interface SeamReply {
  reply: Reply
  journal: JournalResponse
}

export interface EngineSeams {
  /**
   * A request decoded, before any fixture is selected. Return a reply to answer it instead (a quota's 429):
   * then no fixture is selected, no sequence or turn advances, and the journal records `journal`; the reply
   * still passes chaos and {@link onReply}. Return undefined to serve the request as usual.
   */
  onRequest?(context: SeamContext): SeamReply | undefined | Promise<SeamReply | undefined>
  /**
   * No fixture answered. Return a reply to send instead of the miss policy's 404/503 (record mode forwards
   * the request upstream here), or undefined to let the policy answer.
   */
  onMiss?(context: SeamContext): Promise<SeamReply | undefined>
  /**
   * A reply is about to be sent (a fixture's, a miss's or an error's; JSON or a stream). Return it, a
   * replacement, or a wrapped stream (chaos drops, corrupts or cuts it here).
   */
  onReply?(context: SeamContext, reply: Reply): Reply | Promise<Reply>
}
