/**
 * `standin/jest/globals`: types standin's matchers on `expect` from `@jest/globals` only.
 * `standin/jest/types` covers it and the global `expect` of `@types/jest` as well; prefer that one.
 * @module
 */
import type { StandinMatchers } from './index'

// Declaration merging needs Jest's exact type parameters and an empty body.
/* eslint-disable @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars */

declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends StandinMatchers<R> {}
}
