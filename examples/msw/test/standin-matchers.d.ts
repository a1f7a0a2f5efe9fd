/**
 * Types for `expect.extend(matchers)` in ./setup.ts, derived from standin's matcher functions so they stay
 * in step. Declared without type parameters, which Vitest 4 and 5 both accept.
 */
import 'vitest'
import type { matchers } from 'standin'

type Expected<F> = F extends (received: any, ...expected: infer A) => unknown ? A : never
type StandinMatchers = { [K in keyof typeof matchers]: (...expected: Expected<(typeof matchers)[K]>) => void }

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an augmentation: the members are StandinMatchers'
  interface Matchers extends StandinMatchers {}
}
