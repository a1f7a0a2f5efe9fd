import { defineConfig } from 'vitest/config'
import { standin } from 'standin/vitest'

// Tests running at once in one worker (driven by test/integrations/vitest-concurrent.test.ts); tests named
// "fails: ..." are meant to fail. With SEQUENCE_CONCURRENT=1, plain `test()`s run concurrently
// (`sequence.concurrent`, a root-only option).
const sequence = process.env.SEQUENCE_CONCURRENT === '1'

export default defineConfig({
  plugins: [standin({ fixtures: './fixtures' })],
  test: {
    include: sequence ? ['sequence/*.spec.ts'] : ['concurrent/*.spec.ts'],
    sequence: { concurrent: sequence },
  },
})
