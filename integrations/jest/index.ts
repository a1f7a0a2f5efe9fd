/**
 * `standin/jest`: standin in Jest. `withStandin()` for the config, `standin()` in test files, and the
 * matchers for `expect.extend`.
 * @example
 * // jest.config.js
 * const { withStandin } = require('standin/jest')
 * module.exports = withStandin({}, { fixtures: './fixtures' })
 * // a test
 * const { standin } = require('standin/jest')
 * test('agent searches', async () => {
 *   const mock = standin()
 *   await runAgent('What is the weather in Paris?')
 *   expect(mock).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
 * })
 * @module
 */
import { STANDIN_JEST_HANDLE, type StandinJest } from './handle'

export { withStandin } from './with-standin'
export { matchers } from './jest-matchers'
export { STANDIN_JEST_HANDLE } from './handle'
export type { StandinJest } from './handle'
export type { StandinJestOptions } from './options'
export { allowLiveCalls } from '../live-guard/allow-live-calls'
export type { LiveCallsMode } from '../live-guard/mode'
export type { StandinMatchers } from './matcher-types'
export type { JestMatcher, JestMatcherContext } from './jest-matchers'

/**
 * This test file's mock, scoped to the running test (see {@link StandinJest}). Needs the
 * `standin/jest/environment` test environment (`withStandin()` sets it).
 * @example
 * const mock = standin()
 * test('answers', async () => {
 *   mock.onMessage('hello', { content: 'Hi!' })
 *   expect(await ask('hello')).toBe('Hi!')
 *   expect(mock).toHaveRequestCount(1)
 * })
 */
export function standin(): StandinJest {
  const handle = (globalThis as Record<symbol, unknown>)[STANDIN_JEST_HANDLE] as StandinJest | undefined
  if (!handle) {
    throw new Error(
      "standin(): this test file does not run in standin's test environment. Wrap your Jest config with " +
        "withStandin(config, options) from 'standin/jest', or set testEnvironment: 'standin/jest/environment'.",
    )
  }
  return handle
}
