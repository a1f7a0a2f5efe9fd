/**
 * How a Live session ends in error. The Live API has no error message: it closes the socket with a code
 * and the error's message as the reason, 1007 for an invalid argument (a bad setup or client message),
 * 1008 for a policy refusal (an unknown model, a key refusal) and 1011 for an internal error or a spent
 * quota (users' logs of the service show `1011 ... RESOURCE_EXHAUSTED`, so a 429 closes the same way
 * whether it comes from an error fixture or from `rateLimits`).
 * A close reason is at most 123 bytes of UTF-8 (RFC 6455 5.5.1), so longer messages are cut.
 * @see https://ai.google.dev/gemini-api/docs/live-guide
 * @module
 */

export const LIVE_CLOSE = {
  /** INVALID_ARGUMENT: a client message the API cannot take. */
  invalidArgument: 1007,
  /** NOT_FOUND, PERMISSION_DENIED, UNAUTHENTICATED, and standin's strict miss. */
  policy: 1008,
  /** INTERNAL, UNAVAILABLE (the server failed) and RESOURCE_EXHAUSTED (a spent quota, 429). */
  internal: 1011,
} as const

/** The close code for an error's HTTP status. */
export function closeCode(status: number): number {
  if (status === 400) return LIVE_CLOSE.invalidArgument
  return status >= 500 || status === 429 ? LIVE_CLOSE.internal : LIVE_CLOSE.policy
}

const MAX_REASON_BYTES = 123

/** The message as a close reason: whole when it fits in 123 bytes, else cut (on a character) with `...`. */
export function closeReason(message: string): string {
  const encoder = new TextEncoder()
  if (encoder.encode(message).length <= MAX_REASON_BYTES) return message
  let reason = ''
  for (const char of message) {
    if (encoder.encode(`${reason}${char}...`).length > MAX_REASON_BYTES) break
    reason += char
  }
  return `${reason}...`
}
