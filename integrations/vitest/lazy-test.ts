/**
 * `test` with the standin fixtures, and `expect`, both resolved on first use: `standin/vitest` is also
 * imported by `vitest.config.ts` for the plugin, where Vitest 4.1 throws if `test.extend()` runs and a
 * CommonJS config cannot load `vitest` at all (see ./runner-api).
 * @module
 */
import type { ExpectStatic, TestAPI } from 'vitest'
import type { StandinFixtures } from './fixtures'
import { lazyFunction, runnerApi } from './runner-api'

/**
 * Vitest's `test` with the `standin` (this test's session) and `standinServer` (the worker's mock) fixtures.
 * @example
 * import { test, expect } from 'standin/vitest'
 * test('agent searches', async ({ standin }) => {
 *   standin.on({ userMessage: 'weather' }, { toolCalls: [{ name: 'search', arguments: { query: 'weather in Paris' } }] })
 *   await runAgent('What is the weather in Paris?')
 *   expect(standin).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
 * })
 */
export const test: TestAPI<StandinFixtures> = lazyFunction(() => runnerApi().standinTest)

/** Alias of `test`. */
export const it: TestAPI<StandinFixtures> = test

/** Vitest's `expect`, with standin's matchers registered (by the plugin's setup file). */
export const expect: ExpectStatic = lazyFunction(() => runnerApi().expect)
