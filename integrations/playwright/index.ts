/**
 * `standin/playwright`: import `test` and `expect` from here instead of `@playwright/test`.
 *
 * Two modes. Shared: `standinWebServer()` is the first `webServer` entry, the app server started after it
 * reads `STANDIN_URL`, and each test is a session the browser propagates (cookie by default) and the app
 * forwards with `standin/propagate`. Worker: each worker starts its own mock on port 0, in-process (for
 * apps started per worker, or calls made from the browser).
 * @example
 * // playwright.config.ts
 * import { defineConfig } from '@playwright/test'
 * import { standinWebServer, type StandinOptions } from 'standin/playwright'
 * export default defineConfig<StandinOptions>({
 *   use: { standinMode: 'shared' },
 *   webServer: [standinWebServer({ fixtures: './fixtures' }), { command: 'node app.mjs', url: 'http://127.0.0.1:3000' }],
 * })
 * @see https://github.com/standin/standin#playwright
 * @module
 */
export { test } from './test'
export { expect } from './expect'
export {
  standinWebServer,
  STANDIN_LISTENING,
  type StandinWebServerOptions,
  type WebServerEntry,
} from './web-server'
export { JOURNAL_ATTACHMENT, JOURNAL_PAGE_ATTACHMENT } from './attach-journal'
export { SESSION_COOKIE } from './install-propagation'
export type { Journaled, RetryOptions } from './retrying-matchers'
export type { SessionBackend, StandinControl } from './session-backend'
export type {
  StandinAttach,
  StandinMode,
  StandinOptions,
  StandinPlaywrightSession,
  StandinPropagationMode,
  StandinServer,
  StandinTestFixtures,
  StandinTestOptions,
  StandinWorkerFixtures,
  StandinWorkerOptions,
} from './types'
