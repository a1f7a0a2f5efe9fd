/**
 * The live-call guard the runners install (one line each); bundled into each runner entry, sharing one
 * guard per realm through `globalThis`.
 * @module
 */
export { allowLiveCalls } from './allow-live-calls'
export { currentLiveCallGuard, installLiveCallGuard, LiveCallGuard } from './guard'
export type { GuardedTest, LiveCallGuardOptions } from './guard'
export { LIVE_CALLS_ENV, liveCallsMode } from './mode'
export type { LiveCallsMode } from './mode'
export type { LiveCall, OptOutWords } from './live-call'
export { formatLiveCalls } from './live-call'
export { startLiveCallGuard, ALLOW_LIVE_CALLS_WORDS } from './start'
export { sandboxLiveCallGuard } from './jest-realm'
export type { InterceptorModules } from './interception'
