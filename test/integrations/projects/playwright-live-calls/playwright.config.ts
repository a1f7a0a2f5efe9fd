// Driven by test/integrations/live-calls.test.ts: no browser, only the test process's own requests.
import { defineConfig } from '@playwright/test'
import type { StandinTestOptions, StandinWorkerOptions } from 'standin/playwright'

export default defineConfig<StandinTestOptions, StandinWorkerOptions>({
  testDir: '.',
  reporter: 'list',
  timeout: 20_000,
  workers: 1,
})
