/**
 * standin's runner-agnostic matchers wrapped for Jest's `expect.extend`: Jest's hint line on top
 * (`expect(received).not.toHaveCalledTool(...)`), then standin's message with what the journal held.
 * @module
 */
import { matchers as core, type MatcherResult, type StandinMatcherName } from 'standin/internal'

/** The part of Jest's matcher `this` the wrappers use (kept structural: no type dependency on `expect`). */
export interface JestMatcherContext {
  isNot?: boolean
  promise?: string
  utils: {
    matcherHint(
      name: string,
      received?: string,
      expected?: string,
      options?: { isNot?: boolean; promise?: string },
    ): string
  }
}

export type JestMatcher = (
  this: JestMatcherContext,
  received: unknown,
  ...expected: unknown[]
) => MatcherResult

function wrap(
  name: string,
  check: (received: unknown, ...expected: unknown[]) => MatcherResult,
): JestMatcher {
  return function (this: JestMatcherContext, received, ...expected) {
    const result = check(received, ...expected)
    const hint = this.utils.matcherHint(name, 'received', expected.length > 0 ? 'expected' : '', {
      isNot: this.isNot,
      promise: this.promise,
    })
    // Jest inverts `pass` for `.not`; the core message already reads right for either outcome.
    return { pass: result.pass, message: () => `${hint}\n\n${result.message()}` }
  }
}

/**
 * Every standin matcher, ready for `expect.extend` (the `standin/jest/setup` file does this for you).
 * @example
 * import { expect } from '@jest/globals'
 * import { matchers } from 'standin/jest'
 * expect.extend(matchers)
 */
export const matchers = Object.fromEntries(
  Object.entries(core).map(([name, check]) => [
    name,
    wrap(name, check as (received: unknown, ...expected: unknown[]) => MatcherResult),
  ]),
) as Record<StandinMatcherName, JestMatcher>
