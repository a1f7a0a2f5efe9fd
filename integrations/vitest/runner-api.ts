/**
 * Vitest's `test` and `expect`, and `test` extended with the standin fixtures, handed from the setup file
 * to `standin/vitest` through `globalThis`.
 * `standin/vitest` itself never imports `vitest` at run time: it is also loaded by `vitest.config.ts`,
 * and in a CommonJS project that means `require()`, which Vitest refuses ("Vitest cannot be imported in
 * a CommonJS module using require()"). The setup file is always ESM and runs before every test file.
 * @module
 */
import type { ExpectStatic, TestAPI } from 'vitest'
import { standinFixtures, type StandinFixtures } from './fixtures'

export interface RunnerApi {
  test: TestAPI
  expect: ExpectStatic
  /** `test` with the standin fixtures. */
  standinTest: TestAPI<StandinFixtures>
}

const KEY = Symbol.for('standin.vitest.api')
type Holder = { [KEY]?: RunnerApi }

/**
 * Called by the setup file, at the top level of each test file's collection: Vitest accepts the worker
 * fixture (`standinServer`) only in a `test.extend()` made there, not inside a `describe()` where the
 * file's first `test` may be. Extended again only when Vitest itself was reloaded (a new `test`).
 */
export function shareRunnerApi(api: Omit<RunnerApi, 'standinTest'>): void {
  const holder = globalThis as Holder
  const shared = holder[KEY]
  if (shared?.test === api.test && shared.expect === api.expect) return
  holder[KEY] = { ...api, standinTest: api.test.extend<StandinFixtures>(standinFixtures) }
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
