/**
 * `standin/jest/types`: types standin's matchers on the global `expect` from `@types/jest`.
 * Add it to `compilerOptions.types` next to `"jest"`.
 * @module
 */
import type { StandinMatchers } from './index'

// Declaration merging needs Jest's exact type parameters and an empty body.
/* eslint-disable @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars */

declare global {
  namespace jest {
    interface Matchers<R, T = {}> extends StandinMatchers<R> {}
  }
}
