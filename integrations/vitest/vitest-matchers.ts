/**
 * standin's runner-agnostic matchers wrapped for Vitest's `expect.extend`: Vitest's hint line on top
 * (`expect(standin).not.toHaveCalledTool()`), then standin's message with what the journal held.
 * @module
 */
import type { MatcherResult, StandinMatcherName } from 'standin/internal'
import type { MatcherState } from 'vitest'
import { engine } from '../engine'
import { lazyRecord } from '../lazy-record'

type CoreMatcher = (received: unknown, ...expected: unknown[]) => MatcherResult
export type VitestMatcher = (this: MatcherState, received: unknown, ...expected: unknown[]) => MatcherResult

function wrap(name: string, check: CoreMatcher): VitestMatcher {
  return function (this: MatcherState, received, ...expected) {
    const result = check(received, ...expected)
    // The hint is formatted only when Vitest asks for the message (a failure): a passing assertion, the
    // usual case in every test, formats nothing.
    const { utils, isNot } = this
    const hint = () => utils.matcherHint(name, 'standin', expected.length > 0 ? 'expected' : '', { isNot })
    // Vitest inverts `pass` for `.not`; the core message already reads right for either outcome.
    return { pass: result.pass, message: () => `${hint()}\n\n${result.message()}` }
  }
}

/**
 * Every standin matcher, ready for `expect.extend` (the plugin's setup file registers them for you).
 * Built from the engine's on first use, so importing `standin/vitest` in a config does not load it.
 * @example
 * import { expect } from 'vitest'
 * import { matchers } from 'standin/vitest'
 * expect.extend(matchers)
 */
export const matchers: Record<StandinMatcherName, VitestMatcher> = lazyRecord(
  () =>
    Object.fromEntries(
      Object.entries(engine().matchers).map(([name, check]) => [name, wrap(name, check as CoreMatcher)]),
    ) as Record<StandinMatcherName, VitestMatcher>,
)
