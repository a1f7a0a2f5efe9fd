/**
 * Matchers, journal attachments, browser routing and the propagation modes. Shared projects use the mock
 * started by standinWebServer() and the example's app server (both on port 0).
 */
import { defineConfig } from '@playwright/test'
import { standinWebServer, type StandinTestOptions, type StandinWorkerOptions } from 'standin/playwright'
import { baseConfig } from './config-base'

export default defineConfig<StandinTestOptions, StandinWorkerOptions>({
  ...baseConfig,
  workers: 2,
  webServer: [
    standinWebServer({ fixtures: './fixtures' }),
    {
      command: 'node ../../../../examples/playwright/app/main.mjs',
      name: 'app',
      wait: { stdout: /app listening on (?<app_url>http:\/\/\S+)/ },
      gracefulShutdown: { signal: 'SIGTERM', timeout: 2_000 },
    },
  ],
  // A worker option (standinMode) needs its own project; test options (standinPropagation) are set per describe.
  projects: [
    {
      name: 'worker',
      testMatch: ['matchers.spec.ts', 'failing.spec.ts', 'route-chaos.spec.ts'],
      use: { standinMode: 'worker' },
    },
    {
      name: 'shared',
      testMatch: ['failing.spec.ts', 'browser.spec.ts', 'route-browser.spec.ts', 'route-chaos.spec.ts'],
      use: { standinMode: 'shared' },
    },
  ],
})
