/**
 * `standin/jest/setup` (a `setupFilesAfterEnv` entry): registers standin's matchers on Jest's `expect` and
 * installs the live-call guard.
 * `withStandin()` adds it for you.
 * @module
 */
import { afterAll, beforeAll, expect } from '@jest/globals'
import {
  ALLOW_LIVE_CALLS_WORDS,
  currentLiveCallGuard,
  passedLiveCallsMode,
  startLiveCallGuard,
  type InterceptorModules,
} from '../live-guard'
import { matchers } from './jest-matchers'

expect.extend(matchers)

// The live-call guard, in this file's sandbox; node:http is shared by every file of the worker, so it goes
// with the file.
beforeAll(() =>
  startLiveCallGuard(passedLiveCallsMode(), { words: ALLOW_LIVE_CALLS_WORDS, load: requireInterceptors }),
)
afterAll(() => currentLiveCallGuard()?.dispose())

/**
 * Loaded with the sandbox's own `require` (this file runs as CommonJS under Jest): a dynamic `import()`
 * needs `--experimental-vm-modules` there, and Node's require would patch the outer realm's `fetch`.
 */
function requireInterceptors(): Promise<InterceptorModules> {
  return Promise.resolve([require('@mswjs/interceptors/ClientRequest'), require('@mswjs/interceptors/fetch')])
}
