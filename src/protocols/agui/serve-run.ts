/**
 * The AG-UI endpoint: a POST of a RunAgentInput answered with the run's events as Server-Sent Events (the
 * HTTP transport of `@ag-ui/client`'s HttpAgent; `data:` lines only, one JSON event each).
 *
 * A run no AG-UI fixture matches is answered by the mock's LLM fixtures (the session's first), as the
 * chat request it is journaled as. A run neither answers: lenient, a normal run whose one text message explains the miss (the agent UI
 * under test carries on and shows why); strict, HTTP 503 with the diagnostic, because a 503 rejects the
 * client's `runAgent()` while a RUN_ERROR event only reaches `onRunErrorEvent` subscribers and resolves the
 * run, which a test would not notice. Either way the journal entry carries the miss.
 * @see https://docs.ag-ui.com/concepts/architecture
 * @see ../../docs/decisions/agui-runs.md
 * @module
 */
import { jsonReply, type Reply } from '../../core/reply'
import { WireError } from '../../errors'
import type { JournalResponse } from '../../journal/journal'
import type { NoMatchDiagnostic } from '../../matching/diagnose'
import type { ChatAnswer, MountContext, MountReply } from '../mounts/mount'
import { framer } from '../../streaming/framing'
import { sleep } from '../../streaming/pacing'
import { diagnoseRun } from './diagnose'
import type { AguiEvent } from './events'
import type { AguiFixture, AguiResponse } from './fixture'
import { chatView, journalResponse } from './journal-view'
import { selectFixture } from './match'
import { parseRunInput, type AguiRunInput } from './run-input'
import { runEvents, runFinished, runStarted, textMessage, type RunSite } from './run-events'

export interface AguiEndpoint {
  fixtures: readonly AguiFixture[]
  chunkSize: number
}

const sse = framer('sse')
const SSE_HEADERS = { 'content-type': sse.contentType, 'cache-control': 'no-cache, no-transform' }

export async function serveRun(endpoint: AguiEndpoint, ctx: MountContext): Promise<MountReply> {
  if (ctx.path !== '' && ctx.path !== '/') {
    return failure(404, `Not Found: the AG-UI endpoint is ${ctx.base || '/'}, not ${ctx.url.pathname}`)
  }
  if (ctx.method !== 'POST') {
    return failure(405, 'Method not allowed: the AG-UI endpoint takes a POST of a RunAgentInput.', {
      headers: { allow: 'POST' },
    })
  }
  try {
    return await answer(endpoint, parseRunInput(ctx.body, ctx.id), ctx)
  } catch (error) {
    if (!(error instanceof WireError)) throw error
    return failure(error.status, error.message, { param: error.param, type: error.type })
  }
}

/**
 * The matching AG-UI fixture's run; else the run the mock's LLM fixtures answer (the session's, runtime
 * `on()` fixtures included); else the miss, as a run (lenient) or a 503 (strict).
 */
async function answer(endpoint: AguiEndpoint, input: AguiRunInput, ctx: MountContext): Promise<MountReply> {
  const request = chatView(input)
  const run = { session: ctx.session }
  const site = { threadId: input.threadId, runId: input.runId, chunkSize: endpoint.chunkSize, id: ctx.id }
  const fixture = selectFixture(endpoint.fixtures, input, run)
  if (fixture) {
    const events = runEvents(fixture.response, { ...site, chunkSize: fixture.chunkSize ?? site.chunkSize })
    return {
      reply: sseReply(events, fixture.delayMs ?? 0, ctx.signal),
      calls: [{ request, response: journalResponse(events), fixture }],
    }
  }
  const llm = await ctx.answerChat(request)
  if (llm.kind !== 'miss') {
    const events = runEvents(aguiResponse(llm), site)
    return {
      reply: sseReply(events, 0, ctx.signal),
      calls: [{ request, response: journalResponse(events), fixture: llm.fixture }],
    }
  }
  // With AG-UI fixtures, the closest of those says most; with none, the closest LLM fixture does.
  const miss =
    endpoint.fixtures.length > 0
      ? diagnoseRun(endpoint.fixtures, input, run)
      : { ...llm.miss, message: `${llm.miss.message.replace(/\.?$/, '.')} There are no AG-UI fixtures.` }
  if (ctx.strict) {
    const error = { message: miss.message, type: 'standin_strict_no_match', code: 'no_fixture_match' }
    const response: JournalResponse = { status: 503, stream: false, error }
    return { reply: jsonReply(503, { error }), calls: [{ request, response, miss }] }
  }
  const events = missEvents(miss, site)
  return {
    reply: sseReply(events, 0, ctx.signal),
    calls: [{ request, response: journalResponse(events), miss }],
  }
}

/** An LLM fixture's answer as an AG-UI run: its text, its tool calls (ids kept), or RUN_ERROR. */
function aguiResponse(answer: Exclude<ChatAnswer, { kind: 'miss' }>): AguiResponse {
  if (answer.kind === 'error')
    return { error: { message: answer.message, ...(answer.code && { code: answer.code }) } }
  const text = answer.result.blocks.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('')
  const toolCalls = answer.result.blocks.flatMap((block) =>
    block.type === 'toolCall'
      ? [{ id: block.call.id, name: block.call.name, arguments: block.call.arguments }]
      : [],
  )
  return { ...(text !== '' && { text }), ...(toolCalls.length > 0 && { toolCalls }) }
}

/** A lenient miss: a run whose one assistant message says what did not match. */
function missEvents(miss: NoMatchDiagnostic, site: RunSite): AguiEvent[] {
  const text = `standin: ${miss.message}`
  return [runStarted(site), ...textMessage(site.id('msg_'), text, site.chunkSize), runFinished(site)]
}

/** All events in one write, or one event every `delayMs` (the first at once) until the client leaves. */
function sseReply(events: AguiEvent[], delayMs: number, signal: AbortSignal | undefined): Reply {
  const frame = (event: AguiEvent, index: number) => sse.frame({ data: event }, index) as string
  if (delayMs <= 0) return { status: 200, headers: { ...SSE_HEADERS }, body: events.map(frame).join('') }
  async function* paced(): AsyncGenerator<string> {
    for (const [index, event] of events.entries()) {
      if (index > 0) await sleep(delayMs, signal)
      if (signal?.aborted) return
      yield frame(event, index)
    }
  }
  return { status: 200, headers: { ...SSE_HEADERS }, body: paced() }
}

const ERROR_TYPES: Record<number, string> = { 404: 'not_found', 405: 'method_not_allowed' }

interface FailureOptions {
  headers?: Record<string, string>
  param?: string | undefined
  type?: string
}

/** A request that is not a run: standin's JSON error body, journaled with its message. */
function failure(status: number, message: string, options: FailureOptions = {}): MountReply {
  const type = options.type ?? ERROR_TYPES[status] ?? 'server_error'
  const error = { message, type, ...(options.param ? { param: options.param } : {}) }
  const response: JournalResponse = { status, stream: false, error: { message, type } }
  return { reply: jsonReply(status, { error }, options.headers), calls: [{ request: null, response }] }
}
