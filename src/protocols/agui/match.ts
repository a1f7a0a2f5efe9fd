/**
 * Matching a run against AG-UI fixtures: first match wins, in registration order. The same checks name
 * the fields that did not match when nothing does.
 * @module
 */
import { WireError } from '../../errors'
import type { FieldMismatch } from '../../matching/diagnose'
import { testPattern } from '../../matching/predicates'
import type { AguiFixture, AguiRunContext, CompiledAguiMatch } from './fixture'
import { lastToolCallId, lastUserText, type AguiRunInput } from './run-input'

interface Check {
  field: keyof CompiledAguiMatch
  test(match: CompiledAguiMatch, input: AguiRunInput, run: AguiRunContext): boolean
  actual(input: AguiRunInput): unknown
}

const CHECKS: Check[] = [
  {
    field: 'message',
    test: ({ message }, input) => testPattern(message!, lastUserText(input)),
    actual: lastUserText,
  },
  {
    field: 'toolCallId',
    test: ({ toolCallId }, input) => lastToolCallId(input) === toolCallId,
    actual: (input) => lastToolCallId(input) ?? '(the last message is not a tool result)',
  },
  {
    field: 'toolName',
    test: ({ toolName }, input) => input.tools.some((tool) => tool.name === toolName),
    actual: (input) => input.tools.map((tool) => tool.name),
  },
  {
    field: 'stateKey',
    test: ({ stateKey }, input) => isObject(input.state) && stateKey! in input.state,
    actual: (input) => (isObject(input.state) ? Object.keys(input.state) : input.state),
  },
  {
    field: 'predicate',
    test: ({ predicate }, input, run) => predicate!(input, run),
    actual: () => false,
  },
]

/** The first fixture every field of whose match holds. A predicate that throws fails the run with a 500. */
export function selectFixture(
  fixtures: readonly AguiFixture[],
  input: AguiRunInput,
  run: AguiRunContext,
): AguiFixture | undefined {
  return fixtures.find((fixture) => {
    try {
      return mismatches(fixture, input, run).length === 0
    } catch (error) {
      const message = `The predicate of AG-UI fixture ${fixture.id} threw: ${(error as Error).message}`
      throw new WireError(500, message, { type: 'standin_fixture_error' })
    }
  })
}

/** The fields of `fixture`'s match that the run does not satisfy. */
export function mismatches(fixture: AguiFixture, input: AguiRunInput, run: AguiRunContext): FieldMismatch[] {
  const out: FieldMismatch[] = []
  for (const check of CHECKS) {
    if (fixture.match[check.field] === undefined || check.test(fixture.match, input, run)) continue
    out.push({ field: check.field, expected: fixture.matchSpec[check.field], actual: check.actual(input) })
  }
  return out
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
