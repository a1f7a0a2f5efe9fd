import { defineConfig } from 'vitest/config'
import { standin } from 'standin/vitest'

// Tests named "fails: ..." are meant to fail (driven by test/integrations/vitest.test.ts).
export default defineConfig({
  plugins: [standin({ fixtures: './fixtures' })],
  test: { include: ['*.spec.ts'], setupFiles: ['./record-port.ts'], maxWorkers: 2 },
})
