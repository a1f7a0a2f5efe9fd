import { defineConfig } from 'vitest/config'
import { standin } from 'standin/vitest'

// Mode 'shared': one more mock, started in the main process before the user's own globalSetup.
export default defineConfig({
  plugins: [standin({ mode: 'shared', fixtures: './fixtures' })],
  test: { include: ['*.spec.ts'], globalSetup: ['./app-global-setup.ts'] },
})
