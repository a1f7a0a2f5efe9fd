/**
 * standin for Vitest: a config plugin (a mock per worker on port 0, provider variables set, matchers
 * registered, a session per test, the journal printed when a test fails) and `test` with the `standin`
 * fixture.
 * @example
 * // vitest.config.ts
 * import { defineConfig } from 'vitest/config'
 * import { standin } from 'standin/vitest'
 * export default defineConfig({ plugins: [standin({ fixtures: './fixtures' })] })
 *
 * // agent.test.ts
 * import { test, expect } from 'standin/vitest'
 * test('agent searches', async ({ standin }) => {
 *   await runAgent('What is the weather in Paris?')
 *   expect(standin).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
 * })
 * @module
 */
import type { StandinMatchers } from './matcher-types'
import type { StandinVitestOptions } from './options'

// Importing anything from 'standin/vitest' types the matchers (`expect(x).toHaveCalledTool()`, `.not`,
// asymmetric `expect.toHaveCalledTool()`) and the provided values. `Matchers` is declared without type
// parameters: Vitest 4 has `Matchers<T = any>`, Vitest 5 `Matchers<R, T>`, and this form merges with both.
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers extends StandinMatchers {}
  interface ProvidedContext {
    /** The plugin's options, fixture paths absolute. */
    'standin:options': StandinVitestOptions
    /** The shared mock's base URL (mode `'shared'`; undefined otherwise): `inject('standin:sharedUrl')`. */
    'standin:sharedUrl': string | undefined
  }
}

export { standin } from './plugin'
export type { StandinVitestOptions } from './options'
export { test, it, expect } from './lazy-test'
export { standinFixtures } from './fixtures'
export type { StandinFixtures, StandinTestSession, StandinWorkerServer } from './fixtures'
export { matchers } from './vitest-matchers'
export type { VitestMatcher } from './vitest-matchers'
export type { StandinMatchers } from './matcher-types'
export { allowLiveCalls } from '../live-guard/allow-live-calls'
export type { LiveCallsMode } from '../live-guard/mode'
