/**
 * Vitest's `test` and `expect`, and `test` extended with the standin fixtures, handed from the setup file
 * to `standin/vitest` through `globalThis`.
 * `standin/vitest` itself never imports `vitest` at run time: it is also loaded by `vitest.config.ts`,
 * and in a CommonJS project that means `require()`, which Vitest refuses ("Vitest cannot be imported in
 * a CommonJS module using require()"). The setup file is always ESM and runs before every test file.
 * @module
 */
import type { ExpectStatic, TestAPI } from 'vitest'
import { standinFixtures, workerServer, type StandinFixtures } from './fixtures'

export interface RunnerApi {
  test: TestAPI
  expect: ExpectStatic
  /** `test` as standin/vitest exports it: see {@link standinTest}. */
  standinTest: TestAPI<StandinFixtures>
}

const KEY = Symbol.for('standin.vitest.api')
type Holder = { [KEY]?: RunnerApi }

/** Called by the setup file for each test file. Made again only when Vitest itself was reloaded (a new `test`). */
export function shareRunnerApi(api: Omit<RunnerApi, 'standinTest'>): void {
  const holder = globalThis as Holder
  const shared = holder[KEY]
  if (shared?.test === api.test && shared.expect === api.expect) return
  holder[KEY] = { ...api, standinTest: standinTest(api.test) }
}

/**
 * Vitest's own `test`, whose `extend()` adds the standin fixtures first. Not `test.extend(standinFixtures)`:
 * a `test` with fixtures makes Vitest read the source of every test function and hook (to learn which
 * fixtures it uses) and resolve each fixture through its `use()` chain, which cost a test file more CPU
 * than all of standin's per-test work (issue 15). The setup file gives each test's context `standin` and
 * `standinServer` as values instead (./fixtures `provideTestContext`), so a test from this `test`, or from
 * Vitest's, reads them with no fixture at all.
 *
 * A `test.extend()` made from it has them as fixtures again, so its own fixtures can depend on them (an
 * `auto` fixture that seeds the session, say), and so can an `aroundEach` hook, which runs before the setup
 * file's `beforeEach`. There `standinServer` is a plain value, not a worker
 * fixture: Vitest accepts those only in an `extend()` at a file's top level, and a user's may be inside a
 * `describe()`.
 */
function standinTest(test: TestAPI): TestAPI<StandinFixtures> {
  let withFixtures: TestAPI<StandinFixtures> | undefined
  const fixtures = { standin: standinFixtures.standin, standinServer: workerServer }
  const extend = (...args: unknown[]): unknown => {
    withFixtures ??= test.extend<StandinFixtures>(fixtures)
    return Reflect.apply(withFixtures.extend, withFixtures, args)
  }
  return new Proxy(test, {
    get: (target, key, receiver) => (key === 'extend' ? extend : Reflect.get(target, key, receiver)),
  }) as TestAPI<StandinFixtures>
}

export function runnerApi(): RunnerApi {
  const api = (globalThis as Holder)[KEY]
  if (!api) {
    throw new Error(
      "standin/vitest: `test` and `expect` work inside Vitest test files once the plugin's setup file has run. Add the plugin to your Vitest config: plugins: [standin({ fixtures: './fixtures' })].",
    )
  }
  return api
}

/** A stand-in for a function-with-properties (`test`, `expect`) that resolves the real one on first use. */
export function lazyFunction<T extends object>(resolve: () => T): T {
  return new Proxy((() => {}) as unknown as T, {
    apply: (_target, thisArg, args) =>
      Reflect.apply(resolve() as (...a: unknown[]) => unknown, thisArg, args),
    get: (_target, key) => {
      const real = resolve()
      return Reflect.get(real, key, real)
    },
    has: (_target, key) => Reflect.has(resolve(), key),
  })
}
