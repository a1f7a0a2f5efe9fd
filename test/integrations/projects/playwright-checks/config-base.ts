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
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
