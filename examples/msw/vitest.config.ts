import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['./test/setup.ts'],
    // The app builds its OpenAI client with the SDK's defaults: https://api.openai.com/v1 and this key.
    env: { OPENAI_API_KEY: 'sk-test-not-a-real-key' },
  },
})
