/**
 * Per-worker mode: each worker starts its own mock (port 0, in-process) and its own app pointed at it
 * (see the `appUrl` fixture in tests/fixtures.ts). No webServer.
 */
import { defineConfig } from '@playwright/test'
import type { StandinTestOptions, StandinWorkerOptions } from 'standin/playwright'
import { baseConfig } from './config-base'

export default defineConfig<StandinTestOptions, StandinWorkerOptions>({
  ...baseConfig,
  use: {
    ...baseConfig.use,
    standinMode: 'worker',
    standinFixtures: './fixtures',
    standinConfig: './agents.json',
  },
})
