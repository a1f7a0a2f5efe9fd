/**
 * The connection timeouts of the node transport: their defaults, their checks, and how often they are
 * checked. Time to receive a request is limited; time to answer is not, since a paced stream may
 * legitimately last minutes.
 * @module
 */
import { StandinError } from '../errors'

export interface ConnectionTimeouts {
  /**
   * Milliseconds for a request's headers to arrive, counted from the connection's accept or, for the next
   * request on a kept-alive connection, from the end of its keep-alive window at the latest. A connection
   * that sends nothing at all is closed after it too. Default 20 000; 0 turns it off.
   */
  headersTimeout: number
  /**
   * Milliseconds for a whole request, headers and body, to arrive, counted from the same start. Only
   * receiving counts: the response, streamed or not, is never cut short. Default 60 000; 0 turns it off.
   */
  requestTimeout: number
  /**
   * Milliseconds an idle connection (HTTP/1.1 keep-alive, or an h2c session with no open stream) stays
   * open for its next request. Default 5 000; 0 turns it off.
   */
  keepAliveTimeout: number
}

export const DEFAULT_TIMEOUTS: ConnectionTimeouts = {
  headersTimeout: 20_000,
  requestTimeout: 60_000,
  keepAliveTimeout: 5_000,
}

const RESOLVED_DEFAULTS: ConnectionTimeouts = Object.freeze({ ...DEFAULT_TIMEOUTS })

/** The timeouts with defaults filled in and 0 turned into Infinity; throws on a negative or non-number value. */
export function resolveTimeouts(options: Partial<ConnectionTimeouts>): ConnectionTimeouts {
  // The common case (no timeout given): one shared object, not a copy per listen().
  if (
    options.headersTimeout === undefined &&
    options.requestTimeout === undefined &&
    options.keepAliveTimeout === undefined
  )
    return RESOLVED_DEFAULTS
  const resolved = { ...DEFAULT_TIMEOUTS }
  for (const name of Object.keys(DEFAULT_TIMEOUTS) as (keyof ConnectionTimeouts)[]) {
    const value = options[name]
    if (value === undefined) continue
    if (typeof value !== 'number' || !(value >= 0)) {
      throw new StandinError(
        'STANDIN_OPTIONS',
        `listen(): ${name} must be a number of milliseconds >= 0 (0 turns it off), got ${String(value)}`,
      )
    }
    resolved[name] = value === 0 ? Infinity : value
  }
  return resolved
}

/** A quarter of the shortest timeout, between 10 ms and 1 s: deadlines are enforced at most that late. */
export function sweepInterval(timeouts: ConnectionTimeouts): number {
  const shortest = Math.min(timeouts.headersTimeout, timeouts.requestTimeout, timeouts.keepAliveTimeout)
  return Math.min(1_000, Math.max(10, Math.floor(shortest / 4)))
}
