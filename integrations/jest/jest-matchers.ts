/**
 * standin's runner-agnostic matchers wrapped for Jest's `expect.extend`: Jest's hint line on top
 * (`expect(received).not.toHaveCalledTool(...)`), then standin's message with what the journal held.
 *
 * Under standin's environment the matchers are made once per worker, outside the test file's sandbox
 * (`sandboxMatchers`), and handed in: the file then never loads the engine. What crosses is made
 * realm-safe: expected values are rebuilt out here (a sandbox RegExp is no `RegExp` here), the journal is
 * read through the handle (copies in the test's realm, as before), and a thrown error is remade with the
 * sandbox's constructor.
 * @module
 */
import type { MatcherResult, StandinMatcherName } from 'standin/internal'
import { sandboxApi } from './sandbox-api'
import { toHostRealm, toSandboxError } from './realm'
import { lazyRecord } from '../lazy-record'

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

type CoreMatcher = (received: unknown, ...expected: unknown[]) => MatcherResult
type JestMatchers = Record<StandinMatcherName, JestMatcher>

function wrap(name: string, check: CoreMatcher, sandbox: object | undefined): JestMatcher {
  return function (this: JestMatcherContext, received, ...expected) {
    let result: MatcherResult
    try {
      result = check(received, ...expected.map(toHostRealm))
    } catch (error) {
      throw sandbox ? toSandboxError(sandbox, error) : error
    }
    const hint = this.utils.matcherHint(name, 'received', expected.length > 0 ? 'expected' : '', {
      isNot: this.isNot,
      promise: this.promise,
    })
    // Jest inverts `pass` for `.not`; the core message already reads right for either outcome.
    return { pass: result.pass, message: () => `${hint}\n\n${result.message()}` }
  }
}

/**
 * The core matchers wrapped for Jest. `sandbox`: the test file's global, when they are made outside it
 * (by the environment), so errors they throw are remade in its realm.
 */
export function jestMatchers(core: Record<string, unknown>, sandbox?: object): JestMatchers {
  return Object.fromEntries(
    Object.entries(core).map(([name, check]) => [name, wrap(name, check as CoreMatcher, sandbox)]),
  ) as JestMatchers
}

/**
 * The matchers when no environment handed them in: the engine loaded by this realm's `require` (in a
 * Jest sandbox, its own; CommonJS is what Jest runs).
 */
function loadedMatchers(): JestMatchers {
  const internal = require('standin/internal') as typeof import('standin/internal')
  return jestMatchers(internal.matchers)
}

/**
 * Every standin matcher, ready for `expect.extend` (the `standin/jest/setup` file does this for you).
 * Resolved on first use: the environment's, else the engine's loaded then.
 * @example
 * import { expect } from '@jest/globals'
 * import { matchers } from 'standin/jest'
 * expect.extend(matchers)
 */
export const matchers: Record<StandinMatcherName, JestMatcher> = lazyRecord(
  () => sandboxApi()?.matchers ?? loadedMatchers(),
)
