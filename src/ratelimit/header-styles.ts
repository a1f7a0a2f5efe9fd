/**
 * Which rate-limit headers each provider sends, as data: a provider without an entry (Gemini, Bedrock,
 * Vertex, Ollama, Cohere, OpenRouter on a success) documents none, and gets only `retry-after` on a
 * quota's 429. The sources per provider are in docs/decisions/rate-limits.md.
 * @see https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers
 * @see https://docs.anthropic.com/en/api/rate-limits#response-headers
 * @module
 */
import { goDuration } from './go-duration'

/** A window's state as the headers report it. */
export interface RateSnapshot {
  requestsLimit: number
  requestsRemaining: number
  tokensLimit: number
  tokensRemaining: number
  inputTokensRemaining: number
  outputTokensRemaining: number
  /** Milliseconds until the window ends. */
  resetIn: number
  /** When the window ends (epoch milliseconds). */
  resetAt: number
}

export interface HeaderStyle {
  /** Headers this style writes: a reply that already has one (an upstream's, relayed) is left alone. */
  markers: readonly string[]
  write(headers: Record<string, string>, snapshot: RateSnapshot): void
}

/**
 * The last value and its text, per kind: every reply writes these headers, and replies in the same
 * millisecond (or window) repeat them.
 */
let lastResetIn = -1
let lastDuration = ''
let lastResetAt = -1
let lastTime = ''

function resetDuration(ms: number): string {
  if (ms !== lastResetIn) {
    lastDuration = goDuration(ms)
    lastResetIn = ms
  }
  return lastDuration
}

function resetTime(epochMs: number): string {
  if (epochMs !== lastResetAt) {
    lastTime = rfc3339(epochMs)
    lastResetAt = epochMs
  }
  return lastTime
}

/** OpenAI's six headers; resets are durations. Azure OpenAI sends the same names. */
const openai: HeaderStyle = {
  markers: ['x-ratelimit-limit-requests', 'x-ratelimit-remaining-requests'],
  write(headers, s) {
    const reset = resetDuration(s.resetIn)
    headers['x-ratelimit-limit-requests'] = String(s.requestsLimit)
    headers['x-ratelimit-limit-tokens'] = String(s.tokensLimit)
    headers['x-ratelimit-remaining-requests'] = String(s.requestsRemaining)
    headers['x-ratelimit-remaining-tokens'] = String(s.tokensRemaining)
    headers['x-ratelimit-reset-requests'] = reset
    headers['x-ratelimit-reset-tokens'] = reset
  },
}

/** Anthropic's requests, tokens, input-tokens and output-tokens limits; resets are RFC 3339 times. */
const anthropic: HeaderStyle = {
  markers: ['anthropic-ratelimit-requests-limit', 'anthropic-ratelimit-requests-remaining'],
  write(headers, s) {
    const reset = resetTime(s.resetAt)
    const tokens = String(s.tokensLimit)
    headers['anthropic-ratelimit-requests-limit'] = String(s.requestsLimit)
    headers['anthropic-ratelimit-requests-remaining'] = String(s.requestsRemaining)
    headers['anthropic-ratelimit-requests-reset'] = reset
    headers['anthropic-ratelimit-tokens-limit'] = tokens
    headers['anthropic-ratelimit-tokens-remaining'] = String(s.tokensRemaining)
    headers['anthropic-ratelimit-tokens-reset'] = reset
    headers['anthropic-ratelimit-input-tokens-limit'] = tokens
    headers['anthropic-ratelimit-input-tokens-remaining'] = String(s.inputTokensRemaining)
    headers['anthropic-ratelimit-input-tokens-reset'] = reset
    headers['anthropic-ratelimit-output-tokens-limit'] = tokens
    headers['anthropic-ratelimit-output-tokens-remaining'] = String(s.outputTokensRemaining)
    headers['anthropic-ratelimit-output-tokens-reset'] = reset
  },
}

/** By the surface's `provider`. */
export const HEADER_STYLES: Readonly<Record<string, HeaderStyle>> = { openai, azure: openai, anthropic }

/** `2025-08-21T12:40:59Z` as the API writes it; milliseconds only when the time has some. */
function rfc3339(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('.000Z', 'Z')
}
