/**
 * The project's own fixtures on top of standin's: where the app under test runs.
 */
import { test as base, expect } from 'standin/playwright'
import { startApp } from '../app/server.mjs'

export const test = base.extend<object, { appUrl: string }>({
  appUrl: [
    async ({ standinServer }, use) => {
      // Shared mode: the app was started once by webServer and announced as APP_URL.
      if (!standinServer) return use(requiredEnv('APP_URL'))
      // Worker mode: one app per worker, talking to this worker's mock.
      const app = await startApp({ baseURL: `${standinServer.url}/v1` })
      await use(app.url)
      await app.close()
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ appUrl }, use) => use(appUrl),
})

export { expect }

function requiredEnv(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: is the app's webServer entry in playwright.config.ts?`)
  return value
}
