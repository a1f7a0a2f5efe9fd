/**
 * What both configs share: the tests, two parallel workers, and Chromium (CHROMIUM_PATH, else Playwright's).
 */
import type { PlaywrightTestConfig } from '@playwright/test'
import type { StandinTestOptions, StandinWorkerOptions } from 'standin/playwright'

export const baseConfig: PlaywrightTestConfig<StandinTestOptions, StandinWorkerOptions> = {
  testDir: './tests',
  workers: 2,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  use: {
    browserName: 'chromium',
    // CHROMIUM_PATH when set (`npm test` sets it to the browser it found or installed), else the one
    // `npx playwright install chromium` downloads.
    launchOptions: {
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
