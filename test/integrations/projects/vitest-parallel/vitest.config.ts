import { defineConfig } from 'vitest/config'
import { standin } from 'standin/vitest'

// Four test files on four workers at once (driven by test/integrations/vitest.test.ts).
export default defineConfig({
  plugins: [standin({ fixtures: './fixtures' })],
  test: { include: ['*.spec.ts'], pool: 'forks', maxWorkers: 4, fileParallelism: true },
})
