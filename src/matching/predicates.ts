/**
 * One predicate per match field. The matcher, the index and the no-match diagnostic all use this table,
 * so a field's meaning is written once.
 * @module
 */
import { SERVICE_FIELDS, type CompiledMatch, type RegexPattern, type TextPattern } from '../fixtures/fixture'
import { boundedTest, timedOut } from './bounded-regex'
import type { RequestFacts } from './facts'
import { REGEX_TIME_LIMIT_MS } from './regex-risk'

export interface FieldCheck {
  field: keyof CompiledMatch
  test(match: CompiledMatch, facts: RequestFacts): boolean
  /** What the request had for this field, for diagnostics. */
  actual(facts: RequestFacts): unknown
  /** Why the field did not match, when there is more to say than expected vs actual. */
  note?(match: CompiledMatch, facts: RequestFacts): string | undefined
}

export function testPattern(pattern: TextPattern, text: string): boolean {
  if (pattern.kind === 'substring')
    return pattern.exact ? text === pattern.value : text.includes(pattern.value)
  return testRegex(pattern, text)
}

/** A flagged pattern runs under a time limit; running out of time counts as no match. */
export function testRegex(pattern: RegexPattern, text: string): boolean {
  return pattern.risk ? boundedTest(pattern.re, text) === 'match' : pattern.re.test(text)
}

/** The miss diagnostic's note for a pattern that ran out of time on this text. */
function timeoutNote(
  pattern: CompiledMatch['userMessage' | 'systemMessage' | 'model'],
  text: string | undefined,
): string | undefined {
  if (pattern?.kind !== 'regex' || text === undefined) return undefined
  return timedOut(pattern.re, text)
    ? `the pattern timed out after ${REGEX_TIME_LIMIT_MS} ms, so it counted as no match`
    : undefined
}

/** `model`: exact, or the fixture's model followed by `-<digit>` (a dated or versioned variant). */
export function modelMatches(expected: string, actual: string): boolean {
  if (actual === expected) return true
  if (!actual.startsWith(expected) || actual.length < expected.length + 2) return false
  const next = actual.charCodeAt(expected.length + 1)
  return actual[expected.length] === '-' && next >= 48 && next <= 57
}

/** Cheapest and most selective checks first. */
export const FIELD_CHECKS: FieldCheck[] = [
  {
    field: 'context',
    test: (m, f) => f.context === m.context,
    actual: (f) => f.context,
  },
  {
    field: 'endpoint',
    test: (m, f) => m.endpoint === f.kind,
    actual: (f) => f.kind,
  },
  {
    field: 'userMessage',
    test: (m, f) => f.lastUserText !== undefined && testPattern(m.userMessage!, f.lastUserText),
    actual: (f) => f.lastUserText,
    note: (m, f) => timeoutNote(m.userMessage, f.lastUserText),
  },
  {
    field: 'systemMessage',
    test: (m, f) => {
      const sys = m.systemMessage!
      if (f.systemText === '') return false
      return sys.kind === 'regex'
        ? testRegex(sys, f.systemText)
        : sys.values.every((v) => f.systemText.includes(v))
    },
    actual: (f) => f.systemText,
    note: (m, f) => timeoutNote(m.systemMessage, f.systemText),
  },
  {
    field: 'toolCallId',
    test: (m, f) => f.lastMessage?.toolResult?.toolCallId === m.toolCallId,
    actual: (f) => f.lastMessage?.toolResult?.toolCallId,
  },
  {
    field: 'toolResultContains',
    test: (m, f) => f.lastMessage?.toolResult?.content.includes(m.toolResultContains!) ?? false,
    actual: (f) => f.lastMessage?.toolResult?.content,
  },
  {
    field: 'toolName',
    test: (m, f) => f.toolNames.includes(m.toolName!),
    actual: (f) => f.toolNames,
  },
  {
    field: 'inputText',
    test: (m, f) => f.kind === 'embedding' && testPattern(m.inputText!, f.inputText),
    actual: (f) => f.inputText,
    note: (m, f) => timeoutNote(m.inputText, f.inputText),
  },
  {
    field: 'responseFormat',
    test: (m, f) => f.responseFormat === m.responseFormat,
    actual: (f) => f.responseFormat,
  },
  {
    field: 'model',
    test: (m, f) => {
      if (f.model === undefined) return false
      const model = m.model!
      return model.kind === 'regex' ? testRegex(model, f.model) : modelMatches(model.value, f.model)
    },
    actual: (f) => f.model,
    note: (m, f) => timeoutNote(m.model, f.model),
  },
  {
    field: 'hasToolResult',
    test: (m, f) => f.currentTurnHasToolResult === m.hasToolResult,
    actual: (f) => f.currentTurnHasToolResult,
  },
  {
    // Recordings: the turn is a gate, not the soft preference `byTurn` applies, so a recorded first turn
    // never answers a later turn of the same conversation.
    field: 'exact',
    test: (m, f) => m.turnIndex === undefined || f.assistantCount === m.turnIndex,
    actual: (f) => `turn ${f.assistantCount}`,
  },
  ...serviceChecks(),
  {
    field: 'predicate',
    test: (m, f) => {
      try {
        return m.predicate!(f.request) === true
      } catch {
        return false
      }
    },
    actual: () => '(predicate returned false)',
  },
]

/** One check per service field: its pattern against the query, or against any URL or input. */
function serviceChecks(): FieldCheck[] {
  return (Object.keys(SERVICE_FIELDS) as (keyof typeof SERVICE_FIELDS)[]).map((field) => ({
    field,
    test: (m, f) =>
      f.kind === SERVICE_FIELDS[field] && f.serviceTexts.some((text) => testRegex(m[field]!, text)),
    actual: (f) => (f.serviceTexts.length === 1 ? f.serviceTexts[0] : f.serviceTexts),
  }))
}

const CHECKS_BY_FIELD = new Map(FIELD_CHECKS.map((c) => [c.field, c]))

/** Content checks of one compiled match (everything except sequence and turn gates). */
export function checksFor(match: CompiledMatch): FieldCheck[] {
  const checks: FieldCheck[] = []
  for (const check of FIELD_CHECKS) if (match[check.field] !== undefined) checks.push(check)
  return checks
}

export function checkByField(field: keyof CompiledMatch): FieldCheck | undefined {
  return CHECKS_BY_FIELD.get(field)
}
