import { defineConfig } from 'vitest/config'
import { standin } from 'standin/vitest'

// Each file first uses `test` from standin/vitest in a different place (driven by
// test/integrations/vitest-describe.test.ts).
export default defineConfig({
  plugins: [standin({ fixtures: './fixtures' })],
  test: { include: ['*.spec.ts'] },
})
