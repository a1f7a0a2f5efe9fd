/**
 * Chaos rates and where they come from: the server (options, CLI, config, `setChaos()`), a session
 * (`session.setChaos()`), a fixture (`chaos`) and the request (`x-standin-chaos-*` / `x-aimock-chaos-*`
 * headers). Each rate is taken from the most specific level that sets it: request > fixture > session > server.
 * @module
 */
import type { HeaderReader } from '../core/reply'
import { StandinError, WireError } from '../errors'

/** Probabilities from 0 to 1 that a request is dropped, answered malformed, or disconnected. */
export interface ChaosRates {
  /** HTTP 500 in the provider's error shape (`code: 'chaos_drop'`). */
  dropRate?: number
  /** HTTP 200 whose body is not valid JSON (a stream: a broken frame), with the provider's content type. */
  malformedRate?: number
  /** No response at all: the connection is cut. */
  disconnectRate?: number
}

/** What chaos did to a request (journaled on its response); `truncate` is a stream cut after N chunks. */
export type ChaosAction = 'drop' | 'malformed' | 'disconnect' | 'truncate'

const KEYS = ['dropRate', 'malformedRate', 'disconnectRate'] as const
const HEADERS = { dropRate: 'drop', malformedRate: 'malformed', disconnectRate: 'disconnect' } as const
/** Each rate's header names, made once: read on every request, and a constant name is a cheaper lookup. */
const HEADER_NAMES = KEYS.map(
  (key) => [key, `x-standin-chaos-${HEADERS[key]}`, `x-aimock-chaos-${HEADERS[key]}`] as const,
)

/** Thrown for rates out of range, naming where they came from. */
export class ChaosRateError extends StandinError {
  constructor(message: string) {
    super('STANDIN_CHAOS_RATE', message)
    this.name = 'ChaosRateError'
  }
}

/** Checks every rate is a number from 0 to 1; `where` names the source in the message (`setChaos`, `--chaos-drop`). */
export function checkRates(rates: ChaosRates, where: string): ChaosRates {
  if (rates === null || typeof rates !== 'object')
    throw new ChaosRateError(`${where}: expected { dropRate, malformedRate, disconnectRate }`)
  for (const [key, value] of Object.entries(rates)) {
    if (!(KEYS as readonly string[]).includes(key))
      throw new ChaosRateError(`${where}: unknown chaos rate "${key}" (expected ${KEYS.join(', ')})`)
    if (value !== undefined && !isRate(value))
      throw new ChaosRateError(`${where}: ${key} must be a number from 0 to 1, got ${JSON.stringify(value)}`)
  }
  return rates
}

/**
 * The rates a request's headers set: `x-standin-chaos-drop` (or the seed's `x-aimock-chaos-drop`),
 * `-malformed`, `-disconnect`. A value that is not a number from 0 to 1 is a 400.
 */
export function headerRates(headers: HeaderReader): ChaosRates | undefined {
  let rates: ChaosRates | undefined
  // An indexed loop, no destructuring: this runs on every request, mostly in V8's interpreter (a fresh mock
  // per test), where an iterator and a destructured tuple per rate cost more than the header reads.
  for (let i = 0; i < HEADER_NAMES.length; i++) {
    const names = HEADER_NAMES[i]!
    const name = names[1]
    const raw = headers.get(name) ?? headers.get(names[2])
    if (raw === null) continue
    const value = raw.trim() === '' ? NaN : Number(raw)
    if (!isRate(value))
      throw new WireError(400, `The ${name} header must be a number from 0 to 1, got "${raw}".`, {
        type: 'invalid_request_error',
        wireCode: 'invalid_chaos_header',
      })
    ;(rates ??= {})[names[0]] = value
  }
  return rates
}

/** Each rate from the first level that sets it (most specific first). */
export function mergeRates(levels: (ChaosRates | undefined)[]): Required<ChaosRates> {
  const merged = { dropRate: 0, malformedRate: 0, disconnectRate: 0 }
  for (const key of KEYS) {
    for (const level of levels) {
      const value = level?.[key]
      if (value !== undefined) {
        merged[key] = value
        break
      }
    }
  }
  return merged
}

/**
 * One draw `u` in [0, 1) decides: drop when `u < dropRate`, else malformed when `u < dropRate +
 * malformedRate`, else disconnect when `u < dropRate + malformedRate + disconnectRate`; otherwise none.
 * So each action happens at its own rate (while the rates add up to at most 1).
 */
export function decide(rates: Required<ChaosRates>, u: number): ChaosAction | undefined {
  let bound = rates.dropRate
  if (u < bound) return 'drop'
  bound += rates.malformedRate
  if (u < bound) return 'malformed'
  bound += rates.disconnectRate
  if (u < bound) return 'disconnect'
  return undefined
}

function isRate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1
}
