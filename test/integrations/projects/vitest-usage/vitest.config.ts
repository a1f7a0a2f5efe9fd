import { defineConfig } from 'vitest/config'
import { standin } from 'standin/vitest'

// Three loaded fixtures; hello.spec.ts uses the first, weather.spec.ts the second (each file in its own
// worker), none the third (driven by test/integrations/usage-vitest.test.ts; UNUSED sets the option).
const unusedFixtures = (process.env.UNUSED ?? 'report') as 'report' | 'fail' | 'off'
export default defineConfig({
  plugins: [standin({ fixtures: '../usage-fixtures', unusedFixtures })],
  test: { include: ['*.spec.ts'], pool: 'forks', fileParallelism: true },
})
