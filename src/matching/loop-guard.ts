/**
 * The tool-call loop guard. A fixture that answers with tool calls never answers a turn that already
 * carries the results of those calls, unless its match names the turn itself. Without it,
 * `on({ userMessage: 'weather' }, { toolCalls: [get_weather] })` answers again after the tool result (the
 * last user message has not changed), and an agent loops until its step limit while its test passes.
 *
 * A match names the turn with any of {@link TURN_FIELDS}: they tell the tool-result turn from the first
 * one (`hasToolResult`, `toolCallId`, `toolResultContains`), count turns (`turnIndex`, which recordings
 * and the seed's multi-turn files use) or script repeats (`sequenceIndex`); a `predicate` sees the whole
 * conversation and decides for itself. Response functions are not known before they run, so they are left
 * alone. The guard works on the canonical request, so it holds for every chat surface alike.
 * @module
 */
import type { Fixture } from '../fixtures/fixture'
import type { RequestFacts, TurnToolResult } from './facts'

/** Match fields that say which turn a fixture answers; any one of them turns the guard off. */
export const TURN_FIELDS = [
  'hasToolResult',
  'toolCallId',
  'toolResultContains',
  'turnIndex',
  'sequenceIndex',
  'predicate',
] as const

const guarded = new WeakMap<Fixture, ReadonlySet<string> | null>()

/** The tools a fixture's static response calls, when the guard applies to it (else undefined). */
export function guardedTools(fixture: Fixture): ReadonlySet<string> | undefined {
  let tools = guarded.get(fixture)
  if (tools === undefined) {
    tools = computeGuard(fixture)
    guarded.set(fixture, tools)
  }
  return tools ?? undefined
}

function computeGuard(fixture: Fixture): ReadonlySet<string> | null {
  const response = fixture.response
  if (typeof response === 'function') return null
  if (TURN_FIELDS.some((field) => fixture.match[field] !== undefined)) return null
  const names = new Set<string>()
  for (const call of response.toolCalls ?? []) names.add(call.name)
  for (const block of response.blocks ?? []) if (block.type === 'toolCall') names.add(block.name)
  return names.size > 0 ? names : null
}

/** The tool result in this turn that answers a call the fixture would make again, if any. */
export function loopingResult(fixture: Fixture, facts: RequestFacts): TurnToolResult | undefined {
  if (facts.currentTurnToolResults.length === 0) return undefined
  const tools = guardedTools(fixture)
  if (!tools) return undefined
  return facts.currentTurnToolResults.find((r) => r.name !== undefined && tools.has(r.name))
}
