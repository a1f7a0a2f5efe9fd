// The README's config: Playwright's own defineConfig, typed with standin's options.
import { defineConfig } from '@playwright/test'
import { standinWebServer, type StandinOptions } from 'standin/playwright'

export default defineConfig<StandinOptions>({
  use: { standinMode: 'shared', standinPropagation: 'cookie', standinAttach: 'on' },
  webServer: [
    standinWebServer({ fixtures: './fixtures' }),
    { command: 'OPENAI_BASE_URL=$STANDIN_URL/v1 npm start', url: 'http://127.0.0.1:3000' },
  ],
  projects: [
    { name: 'shared' },
    {
      name: 'worker',
      use: { standinMode: 'worker', standinFixtures: './fixtures', standinRecord: 'missing' },
    },
  ],
})
