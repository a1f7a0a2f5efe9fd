import { readFileSync } from 'node:fs'
import { defineConfig } from 'vitest/config'

// The Chromium scripts/find-browser.mjs found or installed (`npm test` runs it first), handed to every
// Playwright run the tests start. An explicit CHROMIUM_PATH wins.
try {
  process.env.CHROMIUM_PATH ||= readFileSync(
    new URL('node_modules/.cache/standin/chromium-path', import.meta.url),
    'utf8',
  ).trim()
} catch {
  // Not run through `npm test`: the Playwright tests then use CHROMIUM_PATH or Playwright's own browser.
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Consumer projects that tests run with their own runner (or only type-check), never this one.
    exclude: ['**/node_modules/**', 'test/integrations/projects/**', 'test/matrix/projects/**'],
    testTimeout: 20_000,
  },
})
