/**
 * `standin/jest/types`: types standin's matchers on Jest's `expect`, both the one `@jest/globals` exports
 * and the global one `@types/jest` declares. Add it to `compilerOptions.types` (next to `"jest"` when you
 * use the global `expect`), or write `import type {} from 'standin/jest/types'` once in a `.d.ts` file.
 * @example
 * // tsconfig.json
 * { "compilerOptions": { "types": ["node", "jest", "standin/jest/types"] } }
 * @module
 */
import type { StandinMatchers } from './index'

// Declaration merging needs Jest's exact type parameters and an empty body.
/* eslint-disable @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars */

// `expect` from @jest/globals (and the `expect` package itself).
declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends StandinMatchers<R> {}
}

// The global `expect` of @types/jest (a namespace of its own; harmless when @types/jest is absent).
declare global {
  namespace jest {
    interface Matchers<R, T = {}> extends StandinMatchers<R> {}
  }
}
