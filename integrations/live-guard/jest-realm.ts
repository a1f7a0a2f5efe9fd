/**
 * Jest runs a test file in a vm sandbox with its own `globalThis` (and `fetch`), so the guard watches the
 * sandbox: the interceptors are loaded there (by the setup file, with the sandbox's `require`) and register
 * on the sandbox's global, where the guard is kept too; the environment, outside, starts and ends each test
 * through it.
 * @module
 */
import { currentLiveCallGuard } from './current'
import type { LiveCallGuard } from './guard'

/** Environment side: the guard installed on the sandbox's global, if any. */
export function sandboxLiveCallGuard(sandbox: object): LiveCallGuard | undefined {
  return currentLiveCallGuard(sandbox)
}
