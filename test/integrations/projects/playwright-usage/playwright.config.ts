/**
 * Three loaded fixtures; hello.spec.ts uses the first, weather.spec.ts the second (two workers), none the
 * third; no browser. The driver (test/integrations/usage-playwright.test.ts) adds the reporters.
 */
import { defineConfig } from '@playwright/test'
import type { StandinTestOptions, StandinWorkerOptions } from 'standin/playwright'

export default defineConfig<StandinTestOptions, StandinWorkerOptions>({
  testDir: '.',
  testMatch: '*.spec.ts',
  fullyParallel: true,
  workers: 2,
  timeout: 20_000,
  use: { standinMode: 'worker', standinFixtures: '../usage-fixtures', standinRecord: false },
})
