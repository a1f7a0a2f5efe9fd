/**
 * What each runner's setup calls: one line to install, one to start a test, one to end it.
 * @module
 */
import {
  installLiveCallGuard,
  interceptorsFailed,
  type LiveCallGuard,
  type LiveCallGuardOptions,
} from './guard'
import type { OptOutWords } from './live-call'
import { liveCallsMode, type LiveCallsMode } from './mode'

/** Installs the guard unless the mode (the option, or `STANDIN_LIVE_CALLS`) is `'off'`. */
export async function startLiveCallGuard(
  option: LiveCallsMode | undefined,
  how: Pick<LiveCallGuardOptions, 'words' | 'load' | 'loadSync' | 'registry' | 'warn' | 'httpsWhenRequired'>,
): Promise<LiveCallGuard | undefined> {
  const mode = liveCallsMode(option)
  if (mode === 'off') return undefined
  try {
    return await installLiveCallGuard({ mode, ...how })
  } catch (error) {
    // Vitest's vm pools cannot load @mswjs/interceptors' CommonJS dependencies: run unguarded, say so.
    ;(how.warn ?? console.warn)(interceptorsFailed(error))
    return undefined
  }
}

/** The words of Vitest and Jest, which export `allowLiveCalls()`. */
export const ALLOW_LIVE_CALLS_WORDS: OptOutWords = {
  perTest: 'call allowLiveCalls() (from standin/vitest or standin/jest)',
  option: "set the runner option liveCalls: 'warn' or 'off'",
}
