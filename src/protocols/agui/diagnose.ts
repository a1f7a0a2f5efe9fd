/**
 * The no-match diagnostic of an AG-UI run, in the core's shape (the journal's `miss`, which
 * `toHaveNoUnmatchedRequests` reports): what the run looked like and the closest fixtures with the fields
 * that did not match.
 * @module
 */
import type { NearMiss, NoMatchDiagnostic } from '../../matching/diagnose'
import type { AguiFixture, AguiRunContext } from './fixture'
import { mismatches } from './match'
import { lastUserText, type AguiRunInput } from './run-input'

const SHOWN = 3

export function diagnoseRun(
  fixtures: readonly AguiFixture[],
  input: AguiRunInput,
  run: AguiRunContext,
): NoMatchDiagnostic {
  const closest: NearMiss[] = fixtures
    .map((fixture) => ({
      fixtureId: fixture.id,
      source: fixture.source,
      mismatches: mismatches(fixture, input, run),
    }))
    .sort((a, b) => a.mismatches.length - b.mismatches.length)
    .slice(0, SHOWN)
  const request: NoMatchDiagnostic['request'] = { kind: 'agui-run', lastUserMessage: lastUserText(input) }
  if (input.tools.length > 0) request.tools = input.tools.map((tool) => tool.name)
  return {
    message: describe(request.lastUserMessage!, closest, fixtures.length),
    request,
    closest,
    skippedBySequence: 0,
    fixturesConsidered: fixtures.length,
  }
}

function describe(lastUserMessage: string, closest: NearMiss[], count: number): string {
  const text = `No AG-UI fixture matched the run (last user message ${quote(lastUserMessage)}).`
  if (count === 0) return `${text} There are no AG-UI fixtures.`
  const near = closest.map(
    (c) =>
      `${c.fixtureId}: ${c.mismatches.map((m) => `${m.field} expected ${quote(m.expected)}, got ${quote(m.actual)}`).join('; ')}`,
  )
  return `${text} Closest: ${near.join(' | ')}`
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value))
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
