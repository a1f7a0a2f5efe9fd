/**
 * The no-match diagnostic: what the request looked like, and the closest fixtures with the fields that did
 * not match (expected vs actual). Only computed on a miss, so it may scan every fixture.
 *
 * "Closest" ranks by, in turn: fewest fields missed; then the highest text similarity (see
 * {@link ./similarity}); then search order (stores in the order they are searched, registration order
 * within each). A fixture passed over by the tool-call loop guard is named in its own sentence with the
 * fixture to add.
 * @module
 */
import type { Fixture } from '../fixtures/fixture'
import type { RequestFacts, TurnToolResult } from './facts'
import type { FixtureStore } from './fixture-store'
import { loopingResult } from './loop-guard'
import { fixtureChecks, kindFits } from './select'
import { textSimilarity } from './similarity'

export interface FieldMismatch {
  field: string
  expected: unknown
  actual: unknown
  /** More on why, such as a pattern that ran out of time. */
  note?: string
}

export interface NearMiss {
  fixtureId: string
  source: string
  mismatches: FieldMismatch[]
  /** How alike the request's text and the fixture's literal text patterns are, from 0 to 1. */
  similarity?: number
}

export interface NoMatchDiagnostic {
  message: string
  request: {
    kind: string
    model?: string
    lastUserMessage?: string
    inputText?: string
    tools?: string[]
    /** A service request's query, URLs or inputs. */
    serviceText?: string
  }
  closest: NearMiss[]
  skippedBySequence: number
  fixturesConsidered: number
  /** Fixtures that matched but answer with tool calls whose results this turn already carries. */
  loopGuarded?: Array<{ fixtureId: string; tool: string; toolCallId: string }>
}

const SHOWN = 3

export function diagnoseMiss(
  stores: FixtureStore[],
  facts: RequestFacts,
  context: { method: string; path: string; skippedBySequence: number },
): NoMatchDiagnostic {
  const scored: Array<{ fixture: Fixture; mismatches: FieldMismatch[]; similarity: number; rank: number }> =
    []
  const loopGuarded: NoMatchDiagnostic['loopGuarded'] = []
  const loops: Array<{ fixture: Fixture; result: TurnToolResult }> = []
  let considered = 0
  for (const store of stores) {
    for (const fixture of store.fixtures) {
      if (!kindFits(fixture, facts)) continue
      considered++
      const mismatches: FieldMismatch[] = []
      for (const check of fixtureChecks(fixture)) {
        if (!check.test(fixture.match, facts)) {
          const note = check.note?.(fixture.match, facts)
          mismatches.push({
            field: check.field,
            expected: fixture.matchSpec[check.field],
            actual: check.actual(facts),
            ...(note && { note }),
          })
        }
      }
      const looping = loopingResult(fixture, facts)
      if (looping) {
        mismatches.push(loopMismatch(looping))
        if (mismatches.length === 1) {
          loops.push({ fixture, result: looping })
          loopGuarded.push({ fixtureId: fixture.id, tool: looping.name!, toolCallId: looping.toolCallId })
        }
      }
      if (mismatches.length === 0 && fixture.match.sequenceIndex !== undefined) {
        mismatches.push({
          field: 'sequenceIndex',
          expected: fixture.match.sequenceIndex,
          actual: 'already served',
        })
      }
      const similarity = textSimilarity(fixture, facts)
      scored.push({ fixture, mismatches, similarity, rank: scored.length })
    }
  }
  scored.sort(
    (a, b) => a.mismatches.length - b.mismatches.length || b.similarity - a.similarity || a.rank - b.rank,
  )
  const closest = scored.slice(0, SHOWN).map(({ fixture, mismatches, similarity }) => ({
    fixtureId: fixture.id,
    source: fixture.source,
    mismatches,
    similarity: Math.round(similarity * 100) / 100,
  }))
  const request = summarise(facts)
  const loopText = loops.length > 0 ? describeLoops(loops) : undefined
  return {
    message: describe({ context, request, closest, considered, loops: loopText }),
    request,
    closest,
    skippedBySequence: context.skippedBySequence,
    fixturesConsidered: considered,
    loopGuarded,
  }
}

const LOOP_FIELD = 'toolResult'

function loopMismatch(result: TurnToolResult): FieldMismatch {
  return {
    field: LOOP_FIELD,
    expected: `no result of ${result.name} in this turn`,
    actual: `the result of ${result.name} (call ${result.toolCallId})`,
    note: 'answering with the same tool call again would loop',
  }
}

/** Why fixtures that otherwise matched were passed over, and the fixture to add for this turn. */
function describeLoops(loops: Array<{ fixture: Fixture; result: TurnToolResult }>): string {
  const { fixture, result } = loops[0]!
  const others = loops.slice(1).map((l) => quote(l.fixture.id))
  const also = others.length > 0 ? ` (and ${others.join(', ')})` : ''
  const text = fixture.matchSpec.userMessage
  const sameText =
    typeof text === 'string' ? `{ userMessage: ${quote(text)}, hasToolResult: true }` : undefined
  const examples = [`{ toolCallId: ${quote(result.toolCallId)} }`, sameText].filter(Boolean).join(' or ')
  return (
    `Fixture ${quote(fixture.id)}${also} answers with a call to ${result.name}, and this request already ` +
    `carries its result (call ${result.toolCallId}), so it was passed over: answering it again would make ` +
    `the agent loop. Add a fixture for this turn that matches ${examples} and answers with the final ` +
    `content; or, if the tool is meant to be called again, script the calls with sequenceIndex or turnIndex.`
  )
}

function summarise(facts: RequestFacts): NoMatchDiagnostic['request'] {
  const out: NoMatchDiagnostic['request'] = { kind: facts.kind }
  if (facts.model !== undefined) out.model = facts.model
  if (facts.lastUserText !== undefined) out.lastUserMessage = facts.lastUserText
  if (facts.kind === 'embedding') out.inputText = facts.inputText
  if (facts.toolNames.length > 0) out.tools = facts.toolNames
  if (facts.serviceTexts.length > 0) out.serviceText = facts.serviceTexts.join(' | ')
  return out
}

function describe({
  context,
  request,
  closest,
  considered,
  loops,
}: {
  context: { method: string; path: string; skippedBySequence: number }
  request: NoMatchDiagnostic['request']
  closest: NearMiss[]
  considered: number
  /** The loop guard's sentence, when it passed fixtures over. */
  loops: string | undefined
}): string {
  const skipped = context.skippedBySequence
  const what = [
    request.model !== undefined ? `model ${quote(request.model)}` : undefined,
    request.lastUserMessage !== undefined ? `last user message ${quote(request.lastUserMessage)}` : undefined,
    request.inputText !== undefined ? `input ${quote(request.inputText)}` : undefined,
    request.serviceText !== undefined ? `${request.kind} ${quote(request.serviceText)}` : undefined,
  ].filter(Boolean)
  let text = `No fixture matched ${context.method} ${context.path}${what.length ? ` (${what.join(', ')})` : ''}.`
  if (considered === 0) return `${text} There are no ${request.kind} fixtures loaded.`
  if (skipped > 0) text += ` ${skipped} fixture(s) matched but their sequenceIndex was already used.`
  const near = closest
    .filter((c) => c.mismatches.length > 0)
    .map((c) => `${c.fixtureId}: ${c.mismatches.map(describeMismatch).join('; ')}`)
  if (loops) text += ` ${loops}`
  if (near.length > 0) text += ` Closest: ${near.join(' | ')}`
  return text
}

function describeMismatch(m: FieldMismatch): string {
  return `${m.field} expected ${quote(m.expected)}, got ${quote(m.actual)}${m.note ? ` (${m.note})` : ''}`
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value))
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
