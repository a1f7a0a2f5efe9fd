/** Per-test recordings through the shared mock (standinWebServer), each test's session naming its file. */
import { defineConfig } from '@playwright/test'
import { standinWebServer, type StandinTestOptions, type StandinWorkerOptions } from 'standin/playwright'

export default defineConfig<StandinTestOptions, StandinWorkerOptions>({
  testDir: '.',
  reporter: 'list',
  workers: 2,
  fullyParallel: true,
  webServer: [standinWebServer()],
  use: { standinMode: 'shared' },
})
