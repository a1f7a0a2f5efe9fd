/**
 * One WebSocket turn through the engine's pipeline: the selection an HTTP chat request gets (the same
 * stores, match state, sequences and loop guard), the miss policy and its diagnostic, chaos decided once
 * from the session's stream, the journal entry (a canonical chat request, so every matcher works), and the
 * answer's canonical stream events paced and cut as a streamed HTTP reply would be.
 * @module
 */
import type { ChatRequest, ChatResult, StreamEvent } from '../canonical'
import { DROP_ERROR, headerRates, type ChaosAction, type ChaosRates } from '../chaos'
import type { Incoming } from '../core/reply'
import { buildResult, missResult } from '../engine/build-result'
import type { Engine } from '../engine/engine'
import { Exchange } from '../engine/exchange'
import { toErrorResult } from '../engine/fail'
import { summarise } from '../engine/journal-entry'
import { renderOpts } from '../engine/render'
import { pickFixture } from '../engine/select-fixture'
import type { JournalEntry } from '../journal/journal'
import { diagnoseMiss } from '../matching/diagnose'
import { requestFacts } from '../matching/facts'
import type { Session } from '../sessions/session'
import { streamCutoffs, type Cutoffs } from '../streaming/cutoffs'
import { deltaText, isDelta, streamEvents } from '../streaming/events'
import { createPacer, sleep, type Pacer } from '../streaming/pacing'
import type { ForwardedTurn } from '../record/ws-upstream'
import type { WsSocket } from './socket'
import type { WebSocketSurface, WsRateLimit, WsTurn, WsTurnRequest } from './surface'

export interface TurnInput {
  engine: Engine
  surface: WebSocketSurface
  session: Session
  incoming: Incoming
  path: string
  request: WsTurnRequest
  body: string
  signal: AbortSignal
  socket: WsSocket
  /** Cuts the socket (chaos `disconnect`, a stream cut-off). */
  cut(): void
  /** Marks the turn's frames malformed (chaos `malformed`). */
  malformed(): void
  /** Record mode: asks the upstream for a turn no fixture answers (and records its answer). */
  forward?(request: ChatRequest): Promise<ForwardedTurn>
}

/** The engine's default id prefixes for a WebSocket turn's result (a surface may name its own). */
const ID_PREFIXES = { response: 'resp_', toolCall: 'call_' }

export async function answerTurn(input: TurnInput): Promise<WsTurn> {
  const { engine, session, surface } = input
  const exchange = new Exchange(engine, { ...input.incoming, method: 'WS' }, input.path, session)
  exchange.body = input.body
  let request: ChatRequest = { ...input.request, surface: surface.id, provider: surface.provider }
  const transform = engine.options.requestTransform
  if (transform) request = transform(request) as ChatRequest
  const chaosRates = safeHeaderRates(input.incoming)
  const decide = (fixture?: ChaosRates) =>
    (exchange.chaos = engine.chaos.decide(session, chaosRates, fixture))
  const limited = engine.rateLimiter?.admitTurn(session.id, request)
  if (limited) {
    // As HTTP's onRequest seam: refused before any fixture is selected; no sequence or turn advances.
    decide()
    return chaosOr(input, exchange, () => {
      const { message, type, code } = limited.error
      exchange.record(
        surface,
        request,
        { status: 429, stream: false, error: { message, type, code }, rateLimited: limited.over },
        null,
      )
      return { ...errorTurn(limited.error), rateLimited: limited.over, retryAfter: limited.error.retryAfter }
    })
  }
  const stores = engine.storesFor(session)
  const context = exchange.context()
  let picked: Awaited<ReturnType<typeof pickFixture>>
  try {
    picked = await pickFixture({
      stores,
      state: session.state,
      decoded: { request },
      context,
      served: engine.served,
    })
  } catch (error) {
    const result = toErrorResult(error, engine.options.bodyLimit)
    decide()
    return chaosOr(input, exchange, () => {
      exchange.record(surface, request, summarise(result, false), null)
      return errorTurn(result)
    })
  }
  if (!picked.picked && input.forward) {
    const forwarded = await input.forward(request)
    return upstreamTurn(input, exchange, request, forwarded, decide)
  }
  if (!picked.picked) {
    const where = { method: 'WS', path: input.path, skippedBySequence: picked.skippedBySequence }
    let miss: JournalEntry['miss']
    const result = missResult(
      request,
      { strict: exchange.strict(), services: engine.options.services },
      () => {
        miss = diagnoseMiss(stores, requestFacts(request, context), where)
        return miss
      },
    )
    decide()
    return chaosOr(input, exchange, () => {
      exchange.record(surface, request, summarise(result, false), null, miss)
      return { kind: 'miss', message: result.kind === 'error' ? result.message : 'no fixture matched' }
    })
  }
  const { fixture, response } = picked.picked
  const served = { id: fixture.id, source: fixture.source }
  const result = buildResult(response, request, {
    ids: engine.ids,
    idPrefixes: surface.idPrefixes ?? ID_PREFIXES,
  })
  decide(fixture.opts.chaos)
  return chaosOr(input, exchange, () => {
    if (result.kind === 'error') {
      exchange.record(surface, request, summarise(result, false), served)
      return errorTurn(result)
    }
    const opts = renderOpts(engine.options, fixture.opts)
    const cut = streamCutoffs(opts)
    exchange.record(surface, request, summarise(result, true, cut ? 'truncate' : undefined), served)
    const pacer = createPacer(opts, engine.ids.random)
    const chunkSize = opts.chunkSize ?? engine.options.chunkSize
    const events = pacedEvents({
      result,
      chunkSize,
      pacer,
      cut,
      signal: input.signal,
      socket: input.socket,
      onCut: input.cut,
    })
    return { kind: 'chat', result, events, fixture: served, ...charge(engine, session, request, result) }
  })
}

/** Charges a served turn's tokens to its quota window; the quotas as the turn left them, when limited. */
function charge(
  engine: Engine,
  session: Session,
  request: ChatRequest,
  result: ChatResult,
): { rateLimits?: WsRateLimit[] } {
  const limiter = engine.rateLimiter
  if (!limiter) return {}
  limiter.chargeTurn(session.id, request, result.usage)
  const now = limiter.snapshot(session.id)
  const reset_seconds = Math.round(now.resetIn) / 1000
  return {
    rateLimits: [
      { name: 'requests', limit: now.requestsLimit, remaining: now.requestsRemaining, reset_seconds },
      { name: 'tokens', limit: now.tokensLimit, remaining: now.tokensRemaining, reset_seconds },
    ],
  }
}

/**
 * A turn the upstream answered (record mode): served from what was recorded, exactly as replay will serve
 * it, and journaled with the upstream's note; a failure is the provider's error (502 `upstream_error`).
 */
function upstreamTurn(
  input: TurnInput,
  exchange: Exchange,
  request: ChatRequest,
  forwarded: ForwardedTurn,
  decide: () => unknown,
): WsTurn {
  const { engine, surface } = input
  decide()
  return chaosOr(input, exchange, () => {
    if (forwarded.kind === 'failed') {
      const error = { status: 502, message: forwarded.message, type: 'upstream_error' }
      exchange.record(
        surface,
        request,
        {
          status: 502,
          stream: false,
          error: { message: error.message, type: error.type },
          upstream: forwarded.note,
        },
        null,
      )
      return { kind: 'error', ...error, code: 'upstream_error' }
    }
    const result = buildResult(forwarded.response, request, {
      ids: engine.ids,
      idPrefixes: surface.idPrefixes ?? ID_PREFIXES,
    })
    if (result.kind !== 'chat') return errorTurn(result)
    exchange.record(surface, request, { ...summarise(result, true), upstream: forwarded.note }, null)
    const events = pacedEvents({
      result,
      chunkSize: engine.options.chunkSize,
      pacer: undefined,
      cut: undefined,
      signal: input.signal,
      socket: input.socket,
      onCut: input.cut,
    })
    return {
      kind: 'chat',
      result,
      events,
      fixture: { id: 'upstream', source: forwarded.note.url },
      ...charge(engine, input.session, request, result),
    }
  })
}

/** A turn chaos dropped or cut is journaled as such and answered without its fixture; otherwise `serve()`. */
function chaosOr(input: TurnInput, exchange: Exchange, serve: () => WsTurn): WsTurn {
  const action: ChaosAction | undefined = exchange.chaos
  const surface = input.surface
  const request = { ...input.request, surface: surface.id, provider: surface.provider }
  if (action === 'drop') {
    exchange.record(surface, request, { status: 500, stream: false }, null)
    return errorTurn(DROP_ERROR)
  }
  if (action === 'disconnect') {
    exchange.record(surface, request, { status: 0, stream: true }, null)
    input.cut()
    return { kind: 'closed' }
  }
  if (action === 'malformed') input.malformed()
  return serve()
}

function errorTurn(result: { status: number; message: string; type?: string; code?: string }): WsTurn {
  const turn: WsTurn = { kind: 'error', status: result.status, message: result.message }
  if (result.type) turn.type = result.type
  if (result.code) turn.code = result.code
  return turn
}

/** The upgrade's `x-standin-chaos-*` headers; unreadable ones are ignored (the upgrade was already accepted). */
function safeHeaderRates(incoming: Incoming) {
  try {
    return headerRates(incoming.headers)
  } catch {
    return undefined
  }
}

interface PacedInput {
  result: ChatResult
  chunkSize: number
  pacer: Pacer | undefined
  cut: Cutoffs | undefined
  signal: AbortSignal
  socket: WsSocket
  onCut(): void
}

/**
 * The result's events, a wait before each delta as the pacer says. A cut-off (`truncateAfterChunks`
 * counted in events here, `disconnectAfterMs`) ends the events and cuts the socket once the events already
 * taken were sent; a cut turn never ends cleanly, even when it runs out of events first.
 */
async function* pacedEvents(input: PacedInput): AsyncGenerator<StreamEvent> {
  const { pacer, cut, signal } = input
  const at = cut?.afterMs === undefined ? undefined : performance.now() + cut.afterMs
  const left = () => (at === undefined ? Infinity : Math.max(0, at - performance.now()))
  let chunk = 0
  let sent = 0
  for (const event of streamEvents(input.result, input.chunkSize)) {
    if (signal.aborted) return
    if (pacer && isDelta(event)) {
      const wait = pacer(chunk++, deltaText(event))
      if (wait >= left()) {
        await sleep(left(), signal)
        if (!signal.aborted) input.onCut()
        return
      }
      await sleep(wait, signal)
      if (signal.aborted) return
    }
    if (left() === 0) return input.onCut()
    yield event
    if (++sent === cut?.afterFrames) return input.onCut()
  }
  if (cut && !signal.aborted) input.onCut()
}
