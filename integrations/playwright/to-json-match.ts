/**
 * Fixtures travel to a shared mock as JSON: RegExp values become the file format's `{ regex, flags }`;
 * functions cannot travel, so they fail here with a hint instead of vanishing in `JSON.stringify`.
 * @module
 */
import type { FixtureEntry, FixtureMatch } from 'standin/internal'

type JsonMatch = NonNullable<FixtureEntry['match']>

export function toJsonMatch(match: FixtureMatch): JsonMatch {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(match)) {
    if (typeof value === 'function') throw new TypeError(notSerializable(`match.${key}`))
    out[key] =
      value instanceof RegExp ? { regex: value.source, flags: value.flags.replace(/[gy]/g, '') } : value
  }
  return out as JsonMatch
}

export function notSerializable(what: string): string {
  return (
    `standin/playwright: ${what} is a function, which cannot be sent to a shared mock (standinWebServer). ` +
    `Use a plain value, or standinMode: 'worker' where the mock runs in the test worker.`
  )
}
