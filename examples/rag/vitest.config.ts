import { defineConfig } from 'vitest/config'
import { standin } from 'standin/vitest'

export default defineConfig({
  plugins: [
    standin({
      fixtures: './fixtures',
      // Embeddings and reranks need no fixture: standin computes them deterministically. Strict mode (on
      // when CI=true) would refuse them, so this suite says lenient; misses are still checked per test
      // with toHaveNoUnmatchedRequests().
      strict: false,
    }),
  ],
  test: { include: ['tests/**/*.test.ts'] },
})
