/**
 * One request's trip through the pipeline: read the body, decode, select a fixture (or apply the miss
 * policy), build the result, journal it, render it. The stages live in their own files; this class holds
 * what one request carries between them and the four ways a routed request is served (a provider
 * exchange, a static route, a mounted protocol server, no route at all).
 * @module
 */
import type { CanonicalRequest, ChatRequest, ErrorResult, JournaledRequest } from '../canonical'
import {
  applyChaos,
  DROP_ERROR,
  headerRates,
  journalChaos,
  type ChaosAction,
  type ChaosRates,
} from '../chaos'
import { jsonReply, type Incoming, type Reply } from '../core/reply'
import type { Fixture } from '../fixtures/fixture'
import type { JournalEntry, JournalResponse } from '../journal/journal'
import { diagnoseMiss } from '../matching/diagnose'
import { requestFacts } from '../matching/facts'
import type { ChatAnswer, MountReply } from '../protocols/mounts/mount'
import type { MountMatch } from '../protocols/mounts/mount-table'
import type { DecodeContext, Decoded, ExchangeSurface, StaticSurface, Surface } from '../providers/provider'
import type { Session } from '../sessions/session'
import { buildResult, missResult, type Result } from './build-result'
import { decodeRequest } from './decode-request'
import type { Engine } from './engine'
import type { WireError } from '../errors'
import { neutralError, parseJson, toErrorResult } from './fail'
import { journalEntry, keptEntry, summarise, type EntryInput } from './journal-entry'
import { plannedCut } from '../streaming/cutoffs'
import { render, renderError, renderOpts, streams } from './render'
import { routeRequest } from './route-request'
import type { SeamContext, SeamReply } from './seams'
import { pickFixture, type PickResult } from './select-fixture'
import type { FixtureStore } from '../matching/fixture-store'

export class Exchange {
  readonly started = performance.now()
  readonly time = Date.now()
  body = ''
  /** Set when the request is refused before it is served (a header-less request among concurrent tests). */
  #refused: WireError | undefined
  /** This request's chaos: decided once (see {@link decideChaos}), journaled, applied to the reply. */
  chaos: ChaosAction | undefined
  #chaosDecided = false
  #chaosHeaders: ChaosRates | undefined
  #seamView: ExchangeSeamContext | undefined

  constructor(
    readonly engine: Engine,
    readonly incoming: Incoming,
    readonly path: string,
    readonly session: Session,
  ) {}

  /** Answers this request with `error` (in the surface's shape, journaled) instead of serving it. */
  refuse(error: WireError): void {
    this.#refused = error
  }

  async unrouted(otherMethod: boolean): Promise<Reply> {
    await this.#readBody().catch(() => undefined)
    const status = otherMethod ? 405 : 404
    const message = otherMethod
      ? `Method ${this.incoming.method} is not allowed on ${this.path}.`
      : `standin has no route for ${this.incoming.method} ${this.path}. See the README for the served endpoints.`
    this.record(null, null, { status, stream: false, error: { message } }, null)
    return jsonReply(status, { error: { message, type: 'not_found', code: 'unknown_route' } })
  }

  async serveStatic(surface: StaticSurface, params: Record<string, string>): Promise<Reply> {
    let reply: Reply
    try {
      await this.#readBody()
      if (this.#refused) throw this.#refused
      this.#readChaosHeaders()
      reply = surface.serve({
        url: this.incoming.url,
        params,
        headers: this.incoming.headers,
        body: this.body === '' ? undefined : parseJson(this.body),
        memory: this.session.memory(surface.provider),
        models: () => this.engine.fixtureModels(),
        now: () => this.engine.ids.now(),
      })
    } catch (error) {
      const result = this.#fail(error)
      reply = jsonReply(result.status, surface.encodeError?.(result) ?? neutralError(result))
    }
    this.decideChaos()
    const drop = () => jsonReply(500, surface.encodeError?.(DROP_ERROR) ?? neutralError(DROP_ERROR))
    reply = applyChaos(this.chaos, reply, drop)
    this.record(surface, null, { status: reply.status, stream: false }, null)
    return reply
  }

  /** A mounted protocol server answers the whole request; each call it reports is journaled. */
  async serveMount({ surface, base, path }: MountMatch): Promise<Reply> {
    let answer: MountReply
    try {
      await this.#readBody()
      if (this.#refused) throw this.#refused
      this.#readChaosHeaders()
      // A dropped or cut request never reaches the protocol server (no task is created, no tool runs).
      const chaos = this.decideChaos()
      if (chaos === 'drop' || chaos === 'disconnect') return this.#chaosMount(surface)
      answer = await surface.serve({
        method: this.incoming.method,
        url: this.incoming.url,
        base,
        path,
        headers: this.incoming.headers,
        body: this.body,
        session: this.session.id,
        strict: this.strict(),
        signal: this.incoming.signal,
        memory: this.session.memory(surface.provider),
        now: () => this.engine.ids.now(),
        id: (prefix) => this.engine.ids.id(prefix),
        answerChat: (request) => this.answerChat(request),
      })
    } catch (error) {
      const result = this.#fail(error)
      answer = { reply: jsonReply(result.status, neutralError(result)) }
    }
    const { calls = [] } = answer
    const reply = applyChaos(this.chaos, answer.reply, () => answer.reply)
    const stream = reply.body !== null && typeof reply.body === 'object' && Symbol.asyncIterator in reply.body
    if (calls.length === 0) calls.push({ request: null, response: { status: reply.status, stream } })
    for (const call of calls)
      this.record(surface, call.request, call.response, call.fixture ?? null, call.miss)
    return reply
  }

  /** A mount's request that chaos dropped or cut: journaled as one call, answered without the server. */
  #chaosMount(surface: MountMatch['surface']): Reply {
    const reply = applyChaos(this.chaos, { status: 200, headers: {}, body: null }, () =>
      jsonReply(500, {
        error: { message: DROP_ERROR.message, type: DROP_ERROR.type, code: DROP_ERROR.code },
      }),
    )
    this.record(surface, null, { status: reply.status, stream: false }, null)
    return reply
  }

  /** A provider exchange: decode, select, build, journal, render. */
  async serveExchange(surface: ExchangeSurface, params: Record<string, string>): Promise<Reply> {
    let decoded: Decoded | undefined
    try {
      // #readBody inlined: one async frame and its promise less on every provider request.
      const method = this.incoming.method
      if (method !== 'GET' && method !== 'HEAD')
        this.body = await this.incoming.text(this.engine.options.bodyLimit)
      if (this.#refused) throw this.#refused
      this.#readChaosHeaders()
      decoded = decodeRequest(
        surface,
        parseJson(this.body),
        new LazyDecodeContext(this.incoming, params, this.session, surface.provider),
      )
      const transform = this.engine.options.requestTransform
      if (transform) decoded = { ...decoded, request: transform(decoded.request) }
      const answer = this.#answer(surface, decoded)
      return answer instanceof Promise ? await answer : answer
    } catch (error) {
      const result = this.#fail(error)
      this.decideChaos()
      this.record(surface, null, summarise(result, false), null)
      const reply = this.#chaos(surface, decoded?.wire, renderError(surface, result, decoded?.wire))
      return this.#seamReply(surface, decoded, reply)
    }
  }

  /**
   * Not async, as `#reply`: the usual request (no seam, the rate limiter admits it, a fixture's own
   * response) is answered with no promise and no tick of its own; a seam's or a function fixture's promise
   * is waited for.
   */
  #answer(surface: ExchangeSurface, decoded: Decoded): Reply | Promise<Reply> {
    const onRequest = this.engine.seams.onRequest
    if (onRequest) {
      const before = onRequest(this.#seamContext(surface, decoded))
      if (before instanceof Promise)
        return before.then((late) =>
          late ? this.#seamed(surface, decoded, late) : this.#admit(surface, decoded),
        )
      if (before) return this.#seamed(surface, decoded, before)
    }
    return this.#admit(surface, decoded)
  }

  /**
   * The rate limiter, after any `onRequest` seam that let the request through: called directly, with no
   * seam context (it runs on every provider request of a mock with default options).
   */
  #admit(surface: ExchangeSurface, decoded: Decoded): Reply | Promise<Reply> {
    const refused = this.engine.rateLimiter?.admit(this.session.id, surface, decoded)
    return refused ? this.#seamed(surface, decoded, refused) : this.#pick(surface, decoded)
  }

  #pick(surface: ExchangeSurface, decoded: Decoded): Reply | Promise<Reply> {
    const context = this.context()
    const stores = this.engine.storesFor(this.session)
    const pick = pickFixture({
      stores,
      state: this.session.state,
      decoded,
      context,
      served: this.engine.served,
    })
    // Only a function fixture's answer is a promise.
    if (pick instanceof Promise)
      return pick.then((late) => this.#picked(surface, decoded, late, stores, context))
    return this.#picked(surface, decoded, pick, stores, context)
  }

  #picked(
    surface: ExchangeSurface,
    decoded: Decoded,
    { picked, skippedBySequence }: PickResult,
    stores: FixtureStore[],
    context: string | undefined,
  ): Reply | Promise<Reply> {
    if (!picked) return this.#missed(surface, decoded, skippedBySequence, stores, context)
    const { fixture, response, request } = picked
    const idPrefixes = surface.kind === 'chat' ? surface.idPrefixes : undefined
    const result = buildResult(response, request, { ids: this.engine.ids, idPrefixes, fixture })
    // The picked request is most often the decoded one: no copy of `decoded` then.
    const answered = request === decoded.request ? decoded : { ...decoded, request }
    return this.#reply(surface, answered, result, fixture, undefined, response)
  }

  async #missed(
    surface: ExchangeSurface,
    decoded: Decoded,
    skippedBySequence: number,
    stores: FixtureStore[],
    context: string | undefined,
  ): Promise<Reply> {
    // Services have their own defaults for a miss; record mode does not forward them.
    const onMiss = surface.kind === 'service' ? undefined : this.engine.seams.onMiss
    const seamed = await onMiss?.(this.#seamContext(surface, decoded))
    if (seamed) return this.#seamed(surface, decoded, seamed)
    const where = { method: this.incoming.method, path: this.path, skippedBySequence }
    let miss: JournalEntry['miss']
    const policy = { strict: this.strict(), services: this.engine.options.services }
    const result = missResult(decoded.request, policy, () => {
      miss = diagnoseMiss(stores, requestFacts(decoded.request, context), where)
      return miss
    })
    return this.#reply(surface, { ...decoded }, result, null, miss)
  }

  /** A seam's own answer (onRequest, onMiss): journaled as the seam says, then chaos and onReply. */
  #seamed(surface: ExchangeSurface, decoded: Decoded, seamed: SeamReply): Reply | Promise<Reply> {
    this.decideChaos()
    this.record(surface, decoded.request, seamed.journal, null)
    return this.#seamReply(surface, decoded, this.#chaos(surface, decoded.wire, seamed.reply))
  }

  /** Not async: a JSON reply that does not wait is answered with no promise (its callers are async). */
  #reply(
    surface: ExchangeSurface,
    decoded: Decoded,
    result: Result,
    fixture: Fixture | null,
    miss?: JournalEntry['miss'],
    source?: object,
  ): Reply | Promise<Reply> {
    const { request, wire } = decoded
    const stream = streams(surface, request, result)
    this.decideChaos(fixture?.opts.chaos)
    const opts = renderOpts(this.engine.options, fixture?.opts)
    this.record(surface, request, summarise(result, stream, plannedCut(opts, stream)), fixture, miss)
    const reply =
      result.kind === 'error'
        ? renderError(surface, result, wire)
        : render({
            surface,
            wire,
            result,
            stream,
            opts,
            chunkSize: this.engine.options.chunkSize,
            ids: this.engine.ids,
            signal: () => this.incoming.signal,
            source,
          })
    // A JSON reply is rendered at once; only one that waits (latency, a cut) is a promise.
    if (reply instanceof Promise)
      return reply.then((late) => this.#seamReply(surface, decoded, this.#chaos(surface, wire, late)))
    return this.#seamReply(surface, decoded, this.#chaos(surface, wire, reply))
  }

  /**
   * Decides this request's chaos, once: one draw from its session's stream, with the rates of the request's
   * headers, then `fixture`'s, then the session's, then the server's.
   */
  decideChaos(fixture?: ChaosRates): ChaosAction | undefined {
    if (this.#chaosDecided) return this.chaos
    this.#chaosDecided = true
    this.chaos = this.engine.chaos.decide(this.session, this.#chaosHeaders, fixture)
    return this.chaos
  }

  /** Bad chaos headers are a 400, answered as is (no chaos for a request that could not say what it wants). */
  #readChaosHeaders(): void {
    try {
      this.#chaosHeaders = headerRates(this.incoming.headers)
    } catch (error) {
      this.#chaosDecided = true
      throw error
    }
  }

  /** Applies the decided chaos to a provider reply; a drop is rendered in the surface's error shape. */
  #chaos(surface: ExchangeSurface, wire: unknown, reply: Reply): Reply {
    // No chaos (the usual request): no closure for a drop that cannot happen.
    if (this.chaos === undefined) return reply
    return applyChaos(this.chaos, reply, () => renderError(surface, DROP_ERROR, wire))
  }

  /** A mount's chat request answered from the LLM fixtures, through the same selection as an exchange. */
  async answerChat(request: ChatRequest): Promise<ChatAnswer> {
    const stores = this.engine.storesFor(this.session)
    const context = this.context()
    const { picked, skippedBySequence } = await pickFixture({
      stores,
      state: this.session.state,
      decoded: { request },
      context,
      served: this.engine.served,
    })
    if (!picked) {
      const where = { method: this.incoming.method, path: this.path, skippedBySequence }
      return { kind: 'miss', miss: diagnoseMiss(stores, requestFacts(request, context), where) }
    }
    const { fixture, response } = picked
    const served = { id: fixture.id, source: fixture.source }
    const result = buildResult(response, request, {
      ids: this.engine.ids,
      idPrefixes: { response: 'msg_', toolCall: 'call_' },
    })
    if (result.kind === 'error') {
      return {
        kind: 'error',
        message: result.message,
        ...(result.code && { code: result.code }),
        fixture: served,
      }
    }
    return { kind: 'chat', result, fixture: served }
  }

  /** The `x-standin-context` (or AIMock's `x-aimock-context`) header: fixtures' `context` matches it. */
  context(): string | undefined {
    const headers = this.incoming.headers
    return headers.get('x-standin-context') ?? headers.get('x-aimock-context') ?? undefined
  }

  /** Strict mode for this request: the mock's, unless `x-standin-strict` (or `x-aimock-strict`) says. */
  strict(): boolean {
    const headers = this.incoming.headers
    const value = headers.get('x-standin-strict') ?? headers.get('x-aimock-strict')
    if (value === 'true' || value === '1') return true
    if (value === 'false' || value === '0') return false
    return this.engine.strict
  }

  record(
    surface: Pick<Surface, 'id' | 'provider'> | null,
    request: JournaledRequest | null,
    response: JournalResponse,
    fixture: Pick<Fixture, 'id' | 'source'> | null,
    miss?: JournalEntry['miss'],
  ): void {
    if (this.chaos) response = journalChaos(response, this.chaos)
    const incoming = this.incoming
    const engine = this.engine
    const input: EntryInput = {
      id: engine.nextEntryId(),
      time: this.time,
      method: incoming.method,
      path: this.path,
      session: this.session.id,
      surface,
      headers: incoming.headerRecord?.() ?? incoming.headerEntries(),
      body: this.body,
      request,
      response,
      fixture: fixture && { id: fixture.id, source: fixture.source },
      miss,
      durationMs: Math.round((performance.now() - this.started) * 1000) / 1000,
    }
    // Listeners and the journal page's live stream hear every entry as it is written: built now for them.
    const { entry, bytes } = engine.hearsEntries() ? journalEntry(input) : keptEntry(input)
    this.session.journal.add(entry, bytes, engine.entryCount)
    if (typeof entry === 'function') return
    for (const listener of engine.journalListeners) listener(entry)
    engine.publishEntry(entry)
  }

  async #readBody(): Promise<void> {
    if (this.incoming.method === 'GET' || this.incoming.method === 'HEAD') return
    this.body = await this.incoming.text(this.engine.options.bodyLimit)
  }

  #fail(error: unknown): ErrorResult {
    return toErrorResult(error, this.engine.options.bodyLimit)
  }

  /**
   * One context for every seam of a request: a new one only when the picked request is not the decoded one
   * (a fallback model).
   */
  #seamContext(surface: ExchangeSurface, decoded: { request: CanonicalRequest; wire: unknown }): SeamContext {
    const last = this.#seamView
    if (last?.surface === surface && last.request === decoded.request && last.wire === decoded.wire)
      return last
    this.#seamView = new ExchangeSeamContext(
      this.incoming,
      this.path,
      this.session.id,
      surface,
      decoded,
      this.body,
    )
    return this.#seamView
  }

  /**
   * The `onReply` seam, then the rate limiter's headers and token count (on the seam's reply), for replies to
   * requests that decoded (a bad request has nothing to show a seam).
   */
  #seamReply(surface: ExchangeSurface, decoded: Decoded | undefined, reply: Reply): Reply | Promise<Reply> {
    if (!decoded) return reply
    const onReply = this.engine.seams.onReply
    const limiter = this.engine.rateLimiter
    if (!onReply) return limiter ? limiter.settle(this.session.id, surface, decoded.request, reply) : reply
    const seamed = onReply(this.#seamContext(surface, decoded), reply)
    if (!limiter) return seamed
    const session = this.session.id
    if (seamed instanceof Promise)
      return seamed.then((late) => limiter.settle(session, surface, decoded.request, late))
    return limiter.settle(session, surface, decoded.request, seamed)
  }
}

/**
 * A decoder's context; the URL is made only if the surface reads it (most route on path params), and the
 * provider's memory is looked up (and made, on a session's first request) only if the decoder reads it.
 */
class LazyDecodeContext implements DecodeContext {
  readonly headers: Incoming['headers']

  constructor(
    readonly incoming: Incoming,
    readonly params: Record<string, string>,
    readonly session: Session,
    readonly provider: string,
  ) {
    this.headers = incoming.headers
  }

  get url(): URL {
    return this.incoming.url
  }

  get memory(): Map<string, unknown> {
    return this.session.memory(this.provider)
  }
}

/**
 * What a seam sees of an exchange. `signal` and `pathname` are made on first read: most seams read neither,
 * and the signal costs an AbortController and a 'close' listener (node-server makes it lazily for this
 * reason). A class, as an object literal with getters is built on a slow path (about 1.5 µs each).
 */
class ExchangeSeamContext implements SeamContext {
  readonly method: string
  readonly headers: Incoming['headers']
  readonly request: CanonicalRequest
  readonly wire: unknown
  readonly #incoming: Incoming

  constructor(
    incoming: Incoming,
    readonly path: string,
    readonly session: string,
    readonly surface: ExchangeSurface,
    decoded: { request: CanonicalRequest; wire: unknown },
    readonly body: string,
  ) {
    this.#incoming = incoming
    this.method = incoming.method
    this.headers = incoming.headers
    this.request = decoded.request
    this.wire = decoded.wire
  }

  headerEntries(): Iterable<[string, string]> {
    return this.#incoming.headerEntries()
  }

  /** Made on first read, as the node server makes it (see LazyDecodeContext). */
  get url(): URL {
    return this.#incoming.url
  }

  get pathname(): string {
    return routeRequest(this.#incoming.pathname ?? this.url.pathname).pathname
  }

  get signal(): AbortSignal | undefined {
    return this.#incoming.signal
  }
}
