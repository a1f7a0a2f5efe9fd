import { defineConfig } from 'vitest/config'
import { standin } from 'standin/vitest'

export default defineConfig({
  plugins: [
    standin({
      // Each test replays its own recording, tests/__recordings__/<file>/<test>.json. The default mode is
      // 'replay': nothing is ever forwarded, so CI needs no key. `STANDIN_RECORD=missing npx vitest run`
      // records what is missing (with a real OPENAI_API_KEY); `npx vitest run -u` re-records everything.
      record: 'replay',
      // A request no recording answers fails with 503 and the closest recordings, instead of a 404.
      strict: true,
    }),
  ],
  test: { include: ['tests/**/*.test.ts'] },
})
