/** Four workers, each with its own in-process mock on port 0; no browser. */
import { defineConfig } from '@playwright/test'
import type { StandinTestOptions, StandinWorkerOptions } from 'standin/playwright'
import { baseConfig } from './config-base'

export default defineConfig<StandinTestOptions, StandinWorkerOptions>({
  ...baseConfig,
  workers: 4,
  testMatch: 'workers.spec.ts',
  use: { ...baseConfig.use, standinMode: 'worker' },
})
