/**
 * The no-match diagnostic: what the request looked like, and the closest fixtures with the fields that did
 * not match (expected vs actual). Only computed on a miss, so it may scan every fixture.
 * @module
 */
import type { Fixture } from '../fixtures/fixture'
import type { RequestFacts } from './facts'
import type { FixtureStore } from './fixture-store'
import { fixtureChecks, kindFits } from './select'

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
}

export interface NoMatchDiagnostic {
  message: string
  request: { kind: string; model?: string; lastUserMessage?: string; inputText?: string; tools?: string[] }
  closest: NearMiss[]
  skippedBySequence: number
  fixturesConsidered: number
}

const SHOWN = 3

export function diagnoseMiss(
  stores: FixtureStore[],
  facts: RequestFacts,
  context: { method: string; path: string; skippedBySequence: number },
): NoMatchDiagnostic {
  const scored: Array<{ fixture: Fixture; mismatches: FieldMismatch[] }> = []
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
      if (mismatches.length === 0 && fixture.match.sequenceIndex !== undefined) {
        mismatches.push({
          field: 'sequenceIndex',
          expected: fixture.match.sequenceIndex,
          actual: 'already served',
        })
      }
      scored.push({ fixture, mismatches })
    }
  }
  scored.sort((a, b) => a.mismatches.length - b.mismatches.length)
  const closest = scored.slice(0, SHOWN).map(({ fixture, mismatches }) => ({
    fixtureId: fixture.id,
    source: fixture.source,
    mismatches,
  }))
  const request = summarise(facts)
  return {
    message: describe(context, request, closest, considered, context.skippedBySequence),
    request,
    closest,
    skippedBySequence: context.skippedBySequence,
    fixturesConsidered: considered,
  }
}

function summarise(facts: RequestFacts): NoMatchDiagnostic['request'] {
  const out: NoMatchDiagnostic['request'] = { kind: facts.kind }
  if (facts.model !== undefined) out.model = facts.model
  if (facts.lastUserText !== undefined) out.lastUserMessage = facts.lastUserText
  if (facts.kind === 'embedding') out.inputText = facts.inputText
  if (facts.toolNames.length > 0) out.tools = facts.toolNames
  return out
}

function describe(
  context: { method: string; path: string },
  request: NoMatchDiagnostic['request'],
  closest: NearMiss[],
  considered: number,
  skipped: number,
): string {
  const what = [
    request.model !== undefined ? `model ${quote(request.model)}` : undefined,
    request.lastUserMessage !== undefined ? `last user message ${quote(request.lastUserMessage)}` : undefined,
    request.inputText !== undefined ? `input ${quote(request.inputText)}` : undefined,
  ].filter(Boolean)
  let text = `No fixture matched ${context.method} ${context.path}${what.length ? ` (${what.join(', ')})` : ''}.`
  if (considered === 0) return `${text} There are no ${request.kind} fixtures loaded.`
  if (skipped > 0) text += ` ${skipped} fixture(s) matched but their sequenceIndex was already used.`
  const near = closest
    .filter((c) => c.mismatches.length > 0)
    .map((c) => `${c.fixtureId}: ${c.mismatches.map(describeMismatch).join('; ')}`)
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
