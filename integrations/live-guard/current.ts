/**
 * Where a realm's guard is kept: a registry symbol on its global, so the runner's setup, the Jest
 * environment (outside the test's sandbox) and `allowLiveCalls()` find the same guard whichever bundle
 * they come from. No imports: `allowLiveCalls()` in a test file loads nothing else.
 * @module
 */
import type { LiveCallGuard } from './guard'

export const GUARD_KEY = Symbol.for('standin.liveCallGuard')

/** The guard installed on `registry` (default: this realm's global), if any. */
export function currentLiveCallGuard(registry: object = globalThis): LiveCallGuard | undefined {
  return Reflect.get(registry, GUARD_KEY) as LiveCallGuard | undefined
}
