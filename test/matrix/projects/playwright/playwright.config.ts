import { defineConfig } from '@playwright/test'
import type { StandinTestOptions, StandinWorkerOptions } from 'standin/playwright'

export default defineConfig<StandinTestOptions, StandinWorkerOptions>({
  testDir: '.',
  testMatch: ['*.spec.ts'],
  reporter: 'list',
  workers: 1,
  use: {
    standinMode: 'worker',
    standinFixtures: './fixtures',
    browserName: 'chromium',
    // The browser npm test found or installed (CHROMIUM_PATH), else Playwright's own.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || undefined,
      args: ['--no-sandbox', '--headless'],
    },
  },
})
