import { beforeEach, describe } from 'vitest'
import { test, expect } from 'standin/vitest'
import { ask } from './ask'

// First use: test.extend inside describe (a test-scoped fixture), then a hook.
describe('extended inside describe', () => {
  const withQuestion = test.extend<{ question: string }>({ question: 'token-extended' })
  let hookRan = false
  beforeEach(() => {
    hookRan = true
  })
  withQuestion('own fixture and standin together', async ({ standin, question }) => {
    expect(await ask(question)).toBe('ok')
    expect(standin).toHaveReceivedMessage(question, { role: 'user' })
    expect(hookRan).toBe(true)
  })
})
