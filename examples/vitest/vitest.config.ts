import { defineConfig } from 'vitest/config'
import { standin } from 'standin/vitest'

export default defineConfig({
  // A mock per worker on port 0, OPENAI_BASE_URL pointed at it, the fixture files loaded in each.
  plugins: [standin({ fixtures: './fixtures' })],
  test: { include: ['tests/**/*.test.ts'] },
})
