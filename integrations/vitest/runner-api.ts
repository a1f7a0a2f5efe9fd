/**
 * Vitest's `test` and `expect`, handed from the setup file to `standin/vitest` through `globalThis`.
 * `standin/vitest` itself never imports `vitest` at run time: it is also loaded by `vitest.config.ts`,
 * and in a CommonJS project that means `require()`, which Vitest refuses ("Vitest cannot be imported in
 * a CommonJS module using require()"). The setup file is always ESM and runs before every test file.
 * @module
 */
import type { ExpectStatic, TestAPI } from 'vitest'

export interface RunnerApi {
  test: TestAPI
  expect: ExpectStatic
}

const KEY = Symbol.for('standin.vitest.api')
type Holder = { [KEY]?: RunnerApi }

export function shareRunnerApi(api: RunnerApi): void {
  ;(globalThis as Holder)[KEY] = api
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
