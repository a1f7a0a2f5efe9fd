/**
 * Shared mode: ONE mock and ONE app server for all workers. The mock starts first (port 0) and publishes
 * STANDIN_URL; the app starts second (port 0) with STANDIN_URL in its environment and publishes APP_URL.
 * Each test is a session: the browser carries it in a cookie, the app forwards it to the mock.
 */
import { defineConfig } from '@playwright/test'
import { standinWebServer, type StandinTestOptions, type StandinWorkerOptions } from 'standin/playwright'
import { baseConfig } from './config-base'

export default defineConfig<StandinTestOptions, StandinWorkerOptions>({
  ...baseConfig,
  use: { ...baseConfig.use, standinMode: 'shared', standinPropagation: 'cookie' },
  webServer: [
    // The LLM fixtures, plus an AG-UI endpoint (agents.json) for the agent UI page.
    standinWebServer({ fixtures: './fixtures', config: './agents.json' }),
    {
      command: 'node app/main.mjs',
      name: 'app',
      stdout: 'pipe',
      // The named group becomes process.env.APP_URL in the runner and in the workers forked after it.
      wait: { stdout: /app listening on (?<app_url>http:\/\/\S+)/ },
      gracefulShutdown: { signal: 'SIGTERM', timeout: 2_000 },
    },
  ],
})
