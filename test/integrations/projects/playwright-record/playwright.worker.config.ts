/** Per-test recordings through each worker's own mock (in-process). No browser: the tests call the SDK. */
import { defineConfig } from '@playwright/test'
import type { StandinTestOptions, StandinWorkerOptions } from 'standin/playwright'

export default defineConfig<StandinTestOptions, StandinWorkerOptions>({
  testDir: '.',
  reporter: 'list',
  workers: 2,
  fullyParallel: true,
  use: { standinMode: 'worker' },
})
