import { defineConfig } from 'vitest/config'
import { standin } from 'standin/vitest'

// Driven by test/integrations/live-calls.test.ts. LIVE_CALLS, when set, is the plugin's `liveCalls` option.
const liveCalls = process.env.LIVE_CALLS as 'fail' | 'warn' | 'off' | undefined

export default defineConfig({
  plugins: [standin(liveCalls ? { liveCalls } : {})],
  test: { include: ['*.spec.ts'], pool: 'forks' },
})
