/**
 * Jest runs a test file in a vm sandbox with its own `globalThis` (and `fetch`), so the guard is installed
 * there, by the setup file; the environment, outside, reaches it through the sandbox's global to start
 * and end each test, and hands it the mode the same way.
 * @module
 */
import type { LiveCallGuard } from './guard'
import type { LiveCallsMode } from './mode'

const GUARD_KEY = Symbol.for('standin.liveCallGuard')
const MODE_KEY = Symbol.for('standin.liveCalls')

/** Environment side: the `liveCalls` option, for the setup file in the sandbox. */
export function passLiveCallsMode(sandbox: object, mode: LiveCallsMode | undefined): void {
  Reflect.set(sandbox, MODE_KEY, mode)
}

/** Setup-file side: the mode the environment passed. */
export function passedLiveCallsMode(): LiveCallsMode | undefined {
  return Reflect.get(globalThis, MODE_KEY) as LiveCallsMode | undefined
}

/** Environment side: the guard the setup file installed in the sandbox, if any. */
export function sandboxLiveCallGuard(sandbox: object): LiveCallGuard | undefined {
  return Reflect.get(sandbox, GUARD_KEY) as LiveCallGuard | undefined
}
