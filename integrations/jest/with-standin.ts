/**
 * `withStandin(config, options)`: adds standin's environment and setup file to a Jest config.
 * @module
 */
import type { Config } from '@jest/types'
import type { StandinJestOptions } from './options'

export const ENVIRONMENT = 'standin/jest/environment'
export const SETUP = 'standin/jest/setup'
export const REPORTER = 'standin/jest/reporter'

/**
 * Returns `config` with standin's test environment (one mock per test file on port 0, provider variables
 * set), its options, the setup file that registers the matchers, and the reporter that lists obsolete
 * recordings at the end of the run (after Jest's own reporters: `default` when none are configured).
 * @example
 * // jest.config.js
 * const { withStandin } = require('standin/jest')
 * module.exports = withStandin({ testMatch: ['**\/*.test.ts'] }, { fixtures: './fixtures' })
 * @see https://jestjs.io/docs/configuration#testenvironment-string
 */
export function withStandin<C extends Config.InitialOptions>(config: C, options: StandinJestOptions = {}): C {
  const current = config.testEnvironment
  if (
    current !== undefined &&
    current !== 'node' &&
    current !== 'jest-environment-node' &&
    current !== ENVIRONMENT
  ) {
    throw new Error(
      `withStandin(): testEnvironment is "${current}"; standin's environment extends jest-environment-node and replaces it. ` +
        'Remove testEnvironment, or extend StandinEnvironment yourself.',
    )
  }
  const setupFiles = config.setupFilesAfterEnv ?? []
  return {
    ...config,
    testEnvironment: ENVIRONMENT,
    testEnvironmentOptions: { ...config.testEnvironmentOptions, standin: options },
    setupFilesAfterEnv: setupFiles.includes(SETUP) ? setupFiles : [...setupFiles, SETUP],
    ...(options.record === false && options.unusedFixtures === 'off'
      ? {}
      : { reporters: withReporter(config.reporters, options) }),
  }
}

type Reporters = NonNullable<Config.InitialOptions['reporters']>

function withReporter(reporters: Reporters | undefined, options: StandinJestOptions): Reporters {
  const list = reporters ?? ['default']
  const named = (entry: Reporters[number]) => (typeof entry === 'string' ? entry : entry[0])
  if (list.some((entry) => named(entry) === REPORTER)) return list
  const { record, unusedFixtures } = options
  return [
    ...list,
    [REPORTER, { ...(record !== undefined && { record }), ...(unusedFixtures && { unusedFixtures }) }],
  ]
}
