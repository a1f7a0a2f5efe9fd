/**
 * What both configs share: the tests, two parallel workers, and Debian's Chromium.
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
    // The system Chromium (apt install chromium); drop launchOptions to use `npx playwright install`'s.
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
