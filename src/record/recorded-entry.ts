/**
 * What a recording is written as: a fixture entry in the seed's format, whose `match` tells the turns of a
 * conversation apart (the last user message, exactly; the model; the turn's number and whether it carries
 * tool results) and whose `response` is what the upstream said, collapsed from its stream if it streamed.
 * @module
 */
import type { CanonicalRequest, ChatRequest, ErrorResult } from '../canonical'
import type { FixtureEntry, FixtureResponse } from '../fixtures/schema'
import { requestFacts } from '../matching/facts'
import type { DecodedChatResult, DecodedEmbeddingResult } from '../providers/provider'

/** The cadence of a recorded stream, in the seed's `recordedTimings` shape. */
export interface RecordedTimings {
  /** From sending the request to the first frame. */
  ttftMs: number
  /** Between one frame and the next. */
  interChunkDelaysMs: number[]
  totalDurationMs: number
}

/** The match a recording answers: exact text, the turn as a gate, the model. */
export function recordedMatch(request: CanonicalRequest): FixtureEntry['match'] {
  if (request.kind !== 'chat' && request.kind !== 'embedding') {
    throw new Error(`${request.kind} requests are not recorded`)
  }
  if (request.kind === 'embedding') {
    return {
      inputText: request.inputs.join(' '),
      ...(request.model ? { model: request.model } : {}),
      endpoint: 'embedding',
      exact: true,
    }
  }
  return chatMatch(request)
}

function chatMatch(request: ChatRequest): FixtureEntry['match'] {
  const facts = requestFacts(request, undefined)
  const match: FixtureEntry['match'] = {}
  if (facts.lastUserText !== undefined) match.userMessage = facts.lastUserText
  if (request.model) match.model = request.model
  match.turnIndex = facts.assistantCount
  match.hasToolResult = facts.currentTurnHasToolResult
  match.endpoint = 'chat'
  match.exact = true
  return match
}

const round = (ms: number) => Math.round(ms * 10) / 10

/** A chat answer as a fixture response: `content`/`toolCalls` when text precedes calls, else `blocks`. */
export function chatResponse(result: DecodedChatResult): FixtureResponse {
  const response: FixtureResponse = {}
  const texts = result.blocks.filter((b) => b.type === 'text')
  const calls = result.blocks.filter((b) => b.type === 'toolCall')
  const firstCall = result.blocks.findIndex((b) => b.type === 'toolCall')
  const textAfterCall = firstCall >= 0 && result.blocks.slice(firstCall).some((b) => b.type === 'text')
  if (textAfterCall || texts.length > 1) {
    response.blocks = result.blocks.map((b) =>
      b.type === 'text'
        ? { type: 'text' as const, text: b.text }
        : { type: 'toolCall' as const, name: b.call.name, arguments: b.call.arguments, ...idOf(b.call.id) },
    )
  } else {
    if (texts.length === 1 || calls.length === 0) {
      response.content = texts.map((b) => (b.type === 'text' ? b.text : '')).join('')
    }
    if (calls.length > 0) {
      response.toolCalls = calls.map((b) =>
        b.type === 'toolCall'
          ? { name: b.call.name, arguments: b.call.arguments, ...idOf(b.call.id) }
          : never(),
      )
    }
  }
  if (result.reasoning) response.reasoning = result.reasoning
  if (result.reasoningSignature) response.reasoningSignature = result.reasoningSignature
  if (result.redactedReasoning?.length) response.redactedThinking = result.redactedReasoning
  response.finishReason = result.finishReason
  if (result.nativeFinishReason) response.nativeFinishReason = result.nativeFinishReason
  if (result.upstreamProvider) response.provider = result.upstreamProvider
  if (result.model) response.model = result.model
  if (result.id) response.id = result.id
  if (result.created !== undefined) response.created = result.created
  const usage = usageOf(result.usage)
  if (usage) response.usage = usage
  return response
}

/** A wire without tool-call ids (older Gemini) records none, and replay makes them up as usual. */
function idOf(id: string): { id?: string } {
  return id ? { id } : {}
}

function never(): never {
  throw new Error('unreachable')
}

function usageOf(usage: DecodedChatResult['usage']): FixtureResponse['usage'] | undefined {
  if (!usage) return undefined
  const out: NonNullable<FixtureResponse['usage']> = {}
  if (usage.inputTokens !== undefined) out.input_tokens = usage.inputTokens
  if (usage.outputTokens !== undefined) out.output_tokens = usage.outputTokens
  if (usage.reasoningTokens !== undefined) out.reasoning_tokens = usage.reasoningTokens
  if (usage.cost !== undefined) out.cost = usage.cost
  return Object.keys(out).length > 0 ? out : undefined
}

export function embeddingResponse(result: DecodedEmbeddingResult): FixtureResponse {
  const response: FixtureResponse =
    result.vectors.length === 1 ? { embedding: result.vectors[0]! } : { embeddings: result.vectors }
  if (result.model) response.model = result.model
  return response
}

export function errorResponse(error: ErrorResult): FixtureResponse {
  const body: NonNullable<FixtureResponse['error']> = { message: error.message }
  if (error.type !== undefined) body.type = error.type
  if (error.code !== undefined) body.code = error.code
  if (error.param !== undefined) body.param = error.param
  if (error.metadata !== undefined) body.metadata = error.metadata
  const response: FixtureResponse = { error: body, status: error.status }
  if (error.retryAfter !== undefined) response.retryAfter = error.retryAfter
  return response
}

export function recordedEntry(
  request: CanonicalRequest,
  response: FixtureResponse,
  timings?: RecordedTimings,
): FixtureEntry {
  const entry: FixtureEntry = { match: recordedMatch(request), response }
  if (timings) {
    entry.recordedTimings = {
      ttftMs: round(timings.ttftMs),
      interChunkDelaysMs: timings.interChunkDelaysMs.map(round),
      totalDurationMs: round(timings.totalDurationMs),
    }
  }
  return entry
}
