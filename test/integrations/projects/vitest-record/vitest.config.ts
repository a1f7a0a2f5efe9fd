import { defineConfig } from 'vitest/config'
import { standin } from 'standin/vitest'

// Copied to a fresh folder for each run by test/integrations/record-vitest.test.ts. RECORD_OPTION, when
// set, is the plugin's `record` option (the driver checks that CI=true overrides it).
const option = process.env.RECORD_OPTION as 'missing' | 'all' | undefined

export default defineConfig({
  plugins: [standin(option ? { record: option } : {})],
  test: { include: ['*.spec.ts'], pool: 'forks', fileParallelism: false },
})
