import { defineConfig } from 'vitest/config'
import { standin } from 'standin/vitest'

// Two projects, each with its own fixtures (driven by test/integrations/vitest-watch.test.ts, on a copy).
export default defineConfig({
  test: {
    projects: [
      { plugins: [standin({ fixtures: './fixtures-a' })], test: { name: 'a', include: ['a.spec.ts'] } },
      { plugins: [standin({ fixtures: './fixtures-b' })], test: { name: 'b', include: ['b.spec.ts'] } },
    ],
  },
})
