/** Shared settings of the check configs (test-only; the user-facing example is examples/playwright). */
import type { PlaywrightTestConfig } from '@playwright/test'
import type { StandinTestOptions, StandinWorkerOptions } from 'standin/playwright'

export const baseConfig: PlaywrightTestConfig<StandinTestOptions, StandinWorkerOptions> = {
  testDir: '.',
  fullyParallel: true,
  reporter: 'list',
  timeout: 20_000,
  expect: { timeout: 3_000 },
  use: {
    standinFixtures: './fixtures',
    browserName: 'chromium',
    launchOptions: {
      // The browser scripts/find-browser.mjs found (vitest.config.mts sets CHROMIUM_PATH), else Playwright's.
      executablePath: process.env.CHROMIUM_PATH || undefined,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
}
