/**
 * Rate limits at the engine's seams, after any seam there: `admit` counts each provider request against its
 * scope's window and, past a quota, answers the provider's own 429 before any fixture is selected; `settle`
 * charges the tokens the reply reports and adds the provider's rate-limit headers to every reply. The 429 carries
 * `retry-after` (and `retry-after-ms`, which the OpenAI and Anthropic SDKs read first, as Azure OpenAI
 * sends it), so an SDK's retry and back-off can be tested end to end.
 * @module
 */
import type { CanonicalRequest, ErrorResult, Usage } from '../canonical'
import type { Reply } from '../core/reply'
import { estimateRequestTokens } from '../core/tokens'
import type { Engine } from '../engine/engine'
import { renderError } from '../engine/render'
import type { SeamReply } from '../engine/seams'
import type { ExchangeSurface } from '../providers/provider'
import { goDuration } from './go-duration'
import { HEADER_STYLES, type RateSnapshot } from './header-styles'
import {
  resolveRateLimits,
  UNLIMITED_REQUESTS,
  UNLIMITED_TOKENS,
  type RateLimitOptions,
  type ResolvedRateLimits,
} from './options'
import { RateWindows, type RateWindow } from './rate-window'
import { readUsage, type ReportedTokens } from './usage-tokens'

type Chunk = string | Uint8Array
/** What the limiter reads of a decoded request: its canonical request, and the wire for a 429's shape. */
interface Answered {
  request: CanonicalRequest
  wire: unknown
}

export class RateLimiter {
  readonly windows: RateWindows

  constructor(readonly options: ResolvedRateLimits) {
    this.windows = new RateWindows(options.windowMs, options.scope === 'global')
  }

  /**
   * Before any fixture is selected (the `onRequest` point, after any seam there): counts the request against
   * its window, or past a quota answers the provider's 429 (then no fixture is chosen and no sequence
   * advances). The exchange calls it directly, with no seam context: it runs on every provider request.
   */
  admit(session: string, surface: ExchangeSurface, decoded: Answered): SeamReply | undefined {
    const options = this.options
    const window = this.windows.current(session, Date.now())
    // No quota (the usual mock): nothing to check.
    const over =
      options.requests === undefined && options.tokens === undefined
        ? undefined
        : this.#over(window, decoded.request)
    if (over) return this.#refuse(surface, decoded, window, over)
    window.requests++
    return undefined
  }

  /**
   * The quota a request would pass, if any. The request quota is checked first; the token estimate walks
   * the request's messages, so only a token quota makes it.
   */
  #over(
    window: RateWindow,
    request: CanonicalRequest,
  ): { kind: 'requests' | 'tokens'; estimate: number } | undefined {
    const requests = this.options.requests
    if (requests !== undefined && window.requests >= requests) return { kind: 'requests', estimate: 0 }
    const tokens = this.options.tokens
    if (tokens === undefined) return undefined
    const estimate = estimateRequestTokens(request)
    return used(window) + estimate > tokens ? { kind: 'tokens', estimate } : undefined
  }

  /**
   * A reply is about to be sent (the `onReply` point, after any seam there): charges the tokens it reports
   * and adds the provider's headers to every reply. The window is looked up again, as a reply that waited
   * (latency, a stream) may end in the next one.
   */
  settle(session: string, surface: ExchangeSurface, request: CanonicalRequest, reply: Reply): Reply {
    const now = Date.now()
    const window = this.windows.current(session, now)
    let body = reply.body
    if (reply.status < 400) {
      // The usage a fixture's reply was rendered with (the usual reply), else read from the body: no object
      // for the counts then.
      const known = typeof body === 'string' ? reply.usage : undefined
      const reported: ReportedTokens =
        known !== undefined && known.body === body ? known : { input: -1, output: -1 }
      if (typeof body === 'string' && reported !== known) readUsage(body, reported)
      const streamed = body !== null && typeof body === 'object' && Symbol.asyncIterator in body
      // A JSON reply's usage is usually there: the estimate is made only for a reply without one, or a stream.
      const estimate = reported.input < 0 || streamed ? estimateRequestTokens(request) : 0
      window.inputTokens += reported.input >= 0 ? reported.input : estimate
      window.outputTokens += Math.max(0, reported.output)
      if (streamed) body = countStream(body as AsyncIterable<Chunk>, window, estimate)
    }
    // A reply chaos cut sends no headers at all.
    if (this.options.headers && !reply.cut) this.#addHeaders(surface.provider, reply.headers, window, now)
    return body === reply.body ? reply : { ...reply, body }
  }

  /**
   * A WebSocket turn, counted against the same quotas, scope and window as an HTTP request (the
   * `onRequest` seam's count, for a turn): past a quota, the 429 error the turn is refused with, and what
   * the journal records. The surface sends it as its provider's rate-limit error.
   */
  admitTurn(
    session: string,
    request: CanonicalRequest,
  ): { error: ErrorResult & { retryAfter: number }; over: 'requests' | 'tokens' } | undefined {
    const window = this.windows.current(session, Date.now())
    const over = this.#over(window, request)
    if (!over) {
      window.requests++
      return undefined
    }
    return { error: this.#error(window, over, request.model), over: over.kind }
  }

  /** Charges a served WebSocket turn's tokens (its usage, else the request's estimate for the input). */
  chargeTurn(session: string, request: CanonicalRequest, usage: Partial<Usage>): void {
    const window = this.windows.current(session, Date.now())
    window.inputTokens += usage.inputTokens ?? estimateRequestTokens(request)
    window.outputTokens += Math.max(0, usage.outputTokens ?? 0)
  }

  /** The window a session's turns count against, as the rate-limit headers would report it. */
  snapshot(session: string): RateSnapshot {
    const now = Date.now()
    return this.#snapshot(this.windows.current(session, now), now)
  }

  /** Forgets a session's window (the session was reset or closed). */
  forget(session: string): void {
    this.windows.forget(session)
  }

  reset(): void {
    this.windows.clear()
  }

  #refuse(
    surface: ExchangeSurface,
    decoded: Answered,
    window: RateWindow,
    over: { kind: 'requests' | 'tokens'; estimate: number },
  ): SeamReply {
    const error = this.#error(window, over, decoded.request.model)
    const reply = renderError(surface, error, decoded.wire)
    if (this.options.headers) this.#addHeaders(surface.provider, reply.headers, window, Date.now())
    const { message, type, code } = error
    return {
      reply,
      journal: { status: 429, stream: false, error: { message, type, code }, rateLimited: over.kind },
    }
  }

  /** The quota's 429, as OpenAI words it (the providers' error encoders give it their own shape). */
  #error(
    window: RateWindow,
    over: { kind: 'requests' | 'tokens'; estimate: number },
    requestModel: string | undefined,
  ): ErrorResult & { retryAfter: number } {
    const waitMs = Math.max(1, window.end - Date.now())
    const limit = over.kind === 'requests' ? this.options.requests! : this.options.tokens!
    const usedNow = over.kind === 'requests' ? window.requests : used(window)
    const requested = over.kind === 'requests' ? 1 : over.estimate
    const model = requestModel ?? 'this model'
    return {
      kind: 'error',
      status: 429,
      message:
        `Rate limit reached for ${model} on ${over.kind} per ${goDuration(this.options.windowMs)} ` +
        `(standin rateLimits, ${this.options.scope} scope): Limit ${limit}, Used ${usedNow}, ` +
        `Requested ${requested}. Please try again in ${goDuration(waitMs)}.`,
      type: over.kind,
      code: 'rate_limit_exceeded',
      retryAfter: Math.ceil(waitMs / 1000),
      headers: { 'retry-after-ms': String(waitMs) },
    }
  }

  /**
   * Adds the provider's rate-limit headers to a reply's own headers, in place, as the pipeline adds CORS and
   * `content-length` (every reply's headers are its own): no copy of the headers nor of the reply per request.
   * A reply that already carries the style's headers (an upstream's, relayed) is left alone: an indexed loop,
   * no closure nor iterator per reply.
   */
  #addHeaders(provider: string, headers: Record<string, string>, window: RateWindow, now: number): void {
    const style = HEADER_STYLES[provider]
    if (style === undefined) return
    const markers = style.markers
    for (let i = 0; i < markers.length; i++) if (markers[i]! in headers) return
    style.write(headers, this.#snapshot(window, now))
  }

  #snapshot(window: RateWindow, now: number): RateSnapshot {
    const requestsLimit = this.options.requests ?? UNLIMITED_REQUESTS
    const tokensLimit = this.options.tokens ?? UNLIMITED_TOKENS
    return {
      requestsLimit,
      requestsRemaining: Math.max(0, requestsLimit - window.requests),
      tokensLimit,
      tokensRemaining: Math.max(0, tokensLimit - used(window)),
      inputTokensRemaining: Math.max(0, tokensLimit - window.inputTokens),
      outputTokensRemaining: Math.max(0, tokensLimit - window.outputTokens),
      resetIn: Math.max(0, window.end - now),
      resetAt: window.end,
    }
  }
}

/**
 * Turns `rateLimits` on for an engine: its exchanges call the limiter after their `onRequest` and `onReply`
 * seams (record mode's, a test's), and its WebSocket turns count against the same windows. Returns
 * undefined when the option turns rate limits off.
 */
export function installRateLimits(
  engine: Engine,
  options: RateLimitOptions | boolean | undefined,
): RateLimiter | undefined {
  const resolved = resolveRateLimits(options)
  if (!resolved) return undefined
  const limiter = new RateLimiter(resolved)
  engine.rateLimiter = limiter
  return limiter
}

function used(window: RateWindow): number {
  return window.inputTokens + window.outputTokens
}

/** Passes a stream through and charges the usage it reports once it ends (the headers went out first). */
async function* countStream(
  body: AsyncIterable<Chunk>,
  window: RateWindow,
  estimate: number,
): AsyncGenerator<Chunk> {
  const reported: ReportedTokens = { input: -1, output: -1 }
  try {
    for await (const chunk of body) {
      if (typeof chunk === 'string') readUsage(chunk, reported)
      yield chunk
    }
  } finally {
    if (reported.input >= 0) window.inputTokens += reported.input - estimate
    window.outputTokens += Math.max(0, reported.output)
  }
}
