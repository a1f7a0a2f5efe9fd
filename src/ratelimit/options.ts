/**
 * The `rateLimits` option: provider rate-limit headers on every reply, and an optional quota that answers
 * the provider's own 429 once a window's requests or tokens are spent.
 * @module
 */

/**
 * `createStandin({ rateLimits })`, `standin serve --rate-limit-*`, config `llm.rateLimits`.
 * @example createStandin({ rateLimits: { requestsPerWindow: 1, windowMs: 200 } }) // 2nd request in 200 ms: 429
 * @see ../../docs/decisions/rate-limits.md
 */
export interface RateLimitOptions {
  /**
   * Requests allowed per window; the next one gets the provider's 429 with `retry-after`. Unset: no request
   * quota (the headers then count down from 10,000).
   */
  requestsPerWindow?: number
  /**
   * Tokens (input and output) allowed per window; a request that would pass it gets the provider's 429.
   * Unset: no token quota (the headers then count down from 2,000,000).
   */
  tokensPerWindow?: number
  /** The window's length in milliseconds (default 60,000). Counts start again when it passes. */
  windowMs?: number
  /** Whose use is counted together: each session's own (default) or every request to the mock. */
  scope?: 'session' | 'global'
  /** Send the providers' rate-limit headers on every reply (default true). */
  headers?: boolean
}

/** The options with their defaults, checked once. */
export interface ResolvedRateLimits {
  requests: number | undefined
  tokens: number | undefined
  windowMs: number
  scope: 'session' | 'global'
  headers: boolean
}

export const DEFAULT_WINDOW_MS = 60_000
/** What the headers report when no quota is set: roomy enough never to look exhausted in a test run. */
export const UNLIMITED_REQUESTS = 10_000
export const UNLIMITED_TOKENS = 2_000_000

const DEFAULT_RATE_LIMITS: ResolvedRateLimits = Object.freeze({
  requests: undefined,
  tokens: undefined,
  windowMs: DEFAULT_WINDOW_MS,
  scope: 'session',
  headers: true,
})

/** Throws a TypeError naming the bad field; `false` turns everything off (undefined). */
export function resolveRateLimits(
  options: RateLimitOptions | boolean | undefined,
): ResolvedRateLimits | undefined {
  if (options === false) return undefined
  // The usual case (no option, or `true`): one shared object, not one per mock.
  if (options === true || options === undefined) return DEFAULT_RATE_LIMITS
  const given = options
  return {
    requests: count('requestsPerWindow', given.requestsPerWindow),
    tokens: count('tokensPerWindow', given.tokensPerWindow),
    windowMs: count('windowMs', given.windowMs) ?? DEFAULT_WINDOW_MS,
    scope: scope(given.scope),
    headers: given.headers ?? true,
  }
}

function count(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!Number.isInteger(value) || value < 1)
    throw new TypeError(`rateLimits.${name} must be a whole number of at least 1, got ${String(value)}`)
  return value
}

function scope(value: string | undefined): 'session' | 'global' {
  if (value === undefined || value === 'session' || value === 'global') return value ?? 'session'
  throw new TypeError(`rateLimits.scope must be "session" or "global", got ${JSON.stringify(value)}`)
}
