import { afterAll, afterEach, expect } from 'vitest'
import { matchers } from 'standin'
import { mock, server } from './server.js'

// standin's matchers are plain `(received, ...expected) => { pass, message }` functions: what expect.extend takes.
expect.extend(matchers)

// Listen here rather than in beforeAll: the openai SDK keeps the global `fetch` it finds when a client is
// built, and src/assistant.ts builds its client when a test file imports it, before any beforeAll runs.
// 'error': a request that neither your handlers nor standin's answer fails instead of reaching the network.
server.listen({ onUnhandledRequest: 'error' })
afterEach(() => {
  server.resetHandlers()
  mock.reset()
})
afterAll(() => server.close())
