/**
 * `standin/jest/setup` (a `setupFilesAfterEnv` entry): registers standin's matchers on Jest's `expect` and
 * installs the live-call guard.
 * `withStandin()` adds it for you.
 *
 * It runs in every test file's sandbox, so it stays small: standin's environment hands it the matchers and
 * the guard, both made outside the sandbox where their modules load once per worker (see ./sandbox-api).
 * Only the interceptors are loaded here, since they must patch this sandbox's `fetch`.
 * @module
 */
import { afterAll, beforeAll, expect } from '@jest/globals'
import type { InterceptorModules } from '../live-guard/interception'
import { matchers } from './jest-matchers'
import { sandboxApi } from './sandbox-api'

expect.extend(matchers)

// The live-call guard watches this file's sandbox; node:http is shared by every file of the worker, so it
// goes with the file. Without standin's environment no test would be started or ended on it: none.
const api = sandboxApi()
if (api) {
  beforeAll(() => api.startLiveCallGuard(requireInterceptors))
  afterAll(() => api.stopLiveCallGuard())
}

/**
 * Loaded with the sandbox's own `require` (this file runs as CommonJS under Jest): a dynamic `import()`
 * needs `--experimental-vm-modules` there, and Node's require would patch the outer realm's `fetch`.
 * The guard calls this only when it needs them (see live-guard/lazy-interception).
 */
function requireInterceptors(): InterceptorModules {
  return [require('@mswjs/interceptors/ClientRequest'), require('@mswjs/interceptors/fetch')]
}
