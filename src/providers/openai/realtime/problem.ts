/**
 * Realtime's error event: every bad client event is answered with one (`type: 'error'`), naming the field
 * in `param` and the client's `event_id`; the connection stays open, as on the real API.
 * @module
 */

/** A client event the mock refuses: thrown where detected, rendered by {@link errorEvent}. */
export class RealtimeProblem extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly param: string | null = null,
    readonly type = 'invalid_request_error',
  ) {
    super(message)
    this.name = 'RealtimeProblem'
  }
}

export interface RealtimeErrorBody {
  type: string
  code: string | null
  message: string
  param: string | null
  /** The client event that caused it, when it had an `event_id`. */
  event_id: string | null
}

/** `Missing required parameter: 'item.call_id'.` */
export function missing(param: string): RealtimeProblem {
  return new RealtimeProblem(`Missing required parameter: '${param}'.`, 'missing_required_parameter', param)
}

/** `Invalid type for 'audio': expected a string, but got an integer.` */
export function invalidType(param: string, expected: string, value: unknown): RealtimeProblem {
  return new RealtimeProblem(
    `Invalid type for '${param}': expected ${expected}, but got ${describe(value)}.`,
    'invalid_type',
    param,
  )
}

/** `Invalid value: 'video'. Supported values are: 'text' and 'audio'.` */
export function invalidValue(param: string, value: unknown, supported: readonly string[]): RealtimeProblem {
  const list = supported.map((s) => `'${s}'`)
  const choices = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list.at(-1)}` : list.join('')
  return new RealtimeProblem(
    `Invalid value: ${JSON.stringify(value)}. Supported values are: ${choices}.`,
    'invalid_value',
    param,
  )
}

export function unknownParameter(param: string): RealtimeProblem {
  return new RealtimeProblem(`Unknown parameter: '${param}'.`, 'unknown_parameter', param)
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal'
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value}`
}
