/**
 * AG-UI fixtures: what a run must look like (`match`) and what it answers. Added in code (`onMessage`,
 * `addFixture`, ...) or from the config file; either way checked once, at registration, and compiled
 * (patterns to matchers, tool call arguments to JSON text).
 * @module
 */
import { StandinError } from '../../errors'
import { compilePattern, type TextPattern } from '../../fixtures/fixture'
import type { RegexObject } from '../../fixtures/schema'
import type { AguiEvent, JsonPatchOperation } from './events'
import type { AguiRunInput } from './run-input'
import { aguiIssues, aguiSchemas } from './schema'

/** What the predicate of a fixture sees besides the RunAgentInput. */
export interface AguiRunContext {
  /** The standin session of the request (`x-standin-session`, `/_s/<id>`, ...). */
  session: string
}

export type AguiPredicate = (input: AguiRunInput, run: AguiRunContext) => boolean

/** Which runs a fixture answers; every field given must hold. An empty match answers every run. */
export interface AguiMatch {
  /** Substring of (or regex on) the text of the last user message. */
  message?: string | RegExp | RegexObject
  /** The last message is the result of the tool call with this id. */
  toolCallId?: string
  /** The run offers (in `tools`) a tool with this exact name. */
  toolName?: string
  /** The run's `state` is an object with this top-level key. */
  stateKey?: string
  predicate?: AguiPredicate
}

export interface AguiToolCall {
  name: string
  /** A JSON string or an object (default `{}`), streamed as TOOL_CALL_ARGS deltas. */
  arguments?: string | Record<string, unknown>
  /** The toolCallId (default: a generated `call_` id). */
  id?: string
  /** The tool ran on the agent side: sent as a TOOL_CALL_RESULT after TOOL_CALL_END. */
  result?: string
}

/**
 * What a run answers, in the order the events are sent: state snapshot, state delta, text, tool calls,
 * then RUN_FINISHED (or RUN_ERROR when `error` is given). `events` is a whole run as written instead.
 */
export interface AguiResponse {
  text?: string
  toolCalls?: AguiToolCall[]
  stateSnapshot?: unknown
  stateDelta?: JsonPatchOperation[]
  error?: { message: string; code?: string }
  events?: AguiEvent[]
}

export interface AguiTiming {
  /** Milliseconds between events (default 0: the whole run in one write). */
  delayMs?: number
  /** Characters per TEXT_MESSAGE_CONTENT and TOOL_CALL_ARGS delta (default: the server's, 20). */
  chunkSize?: number
}

/** A fixture for `addFixture`: a match, a response and its timing. */
export interface AguiFixtureSpec extends AguiResponse, AguiTiming {
  /** Names the fixture in the journal (`toHaveServedFixture`); default `agui#<index>`. */
  id?: string
  match?: AguiMatch
}

export interface CompiledAguiMatch {
  message?: TextPattern
  toolCallId?: string
  toolName?: string
  stateKey?: string
  predicate?: AguiPredicate
}

export interface AguiFixture extends AguiTiming {
  id: string
  /** Where it came from: `addFixture()`, `onMessage()`, a config file. */
  source: string
  match: CompiledAguiMatch
  /** The match as written, for diagnostics. */
  matchSpec: Record<string, unknown>
  response: AguiResponse
}

/** Checks a fixture and compiles it; a bad one throws STANDIN_AGUI_FIXTURE_INVALID naming where it came from. */
export function compileFixture(spec: AguiFixtureSpec, id: string, source: string): AguiFixture {
  const checked = aguiSchemas().codeFixtureSchema.safeParse(spec)
  if (!checked.success) {
    const problems = aguiIssues(source, checked.error).map((i) =>
      i.path ? `${i.path}: ${i.message}` : i.message,
    )
    throw new StandinError(
      'STANDIN_AGUI_FIXTURE_INVALID',
      `Invalid AG-UI fixture from ${source}: ${problems.join('; ')}`,
    )
  }
  const { id: _id, match = {}, delayMs, chunkSize, ...response } = spec
  return {
    id: spec.id ?? id,
    source,
    match: compileMatch(match),
    matchSpec: describeMatch(match),
    response,
    delayMs,
    chunkSize,
  }
}

function compileMatch(match: AguiMatch): CompiledAguiMatch {
  const { message, ...rest } = match
  return message === undefined ? rest : { ...rest, message: compilePattern(message) }
}

function describeMatch(match: AguiMatch): Record<string, unknown> {
  const spec: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(match)) {
    if (value === undefined) continue
    spec[field] = value instanceof RegExp ? String(value) : field === 'predicate' ? '(function)' : value
  }
  return spec
}
