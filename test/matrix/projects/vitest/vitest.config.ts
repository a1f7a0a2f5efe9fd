import { defineConfig } from 'vitest/config'
import { standin } from 'standin/vitest'

export default defineConfig({
  plugins: [standin({ fixtures: './fixtures' })],
  test: { include: ['*.spec.ts'] },
})
