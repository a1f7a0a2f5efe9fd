/**
 * The Vitest wrappers of standin's matchers: a passing assertion formats no hint (it runs in nearly every
 * test), and a failing one still leads its message with Vitest's hint, `.not` included. And a test's
 * session, closed when the test ends, leaves nothing behind.
 */
import { createStandin } from 'standin'
import { matchers } from 'standin/vitest'
import { describe, expect, test, vi } from 'vitest'
import { closeTestSession, testSession } from '../../integrations/vitest/test-session'
import type { WorkerState } from '../../integrations/vitest/worker-state'

function matcherState(isNot: boolean) {
  const matcherHint = vi.fn(
    (name: string, received: string, expected: string, options: { isNot: boolean }) =>
      `expect(${received})${options.isNot ? '.not' : ''}.${name}(${expected})`,
  )
  return { matcherHint, state: { isNot, utils: { matcherHint } } }
}

describe('standin/vitest matchers', () => {
  test('a passing assertion formats no hint; a failing one leads with it, read when the message is', () => {
    const mock = createStandin()
    const passing = matcherState(false)
    const passed = matchers.toHaveRequestCount.call(passing.state as never, mock, 0)
    expect(passed.pass).toBe(true)
    expect(passing.matcherHint).not.toHaveBeenCalled()

    const failing = matcherState(false)
    const failed = matchers.toHaveRequestCount.call(failing.state as never, mock, 2)
    expect(failed.pass).toBe(false)
    expect(failed.message()).toMatch(/^expect\(standin\)\.toHaveRequestCount\(expected\)\n\n/)
    expect(failing.matcherHint).toHaveBeenCalledTimes(1)

    const negated = matcherState(true)
    const result = matchers.toHaveRequestCount.call(negated.state as never, mock, 0)
    expect(result.message()).toMatch(/^expect\(standin\)\.not\.toHaveRequestCount\(expected\)\n\n/)
  })
})

describe("a test's session, when the test ends", () => {
  test('is gone whole: its fixtures and its journal', async () => {
    const mock = createStandin()
    await mock.listen({ port: 0 })
    try {
      const state = { mock, options: {} } as unknown as WorkerState
      const session = testSession(state, 'task-1')
      session.on({ userMessage: 'hi' }, { content: 'once' })
      const post = () =>
        fetch(`${session.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
        })
      expect((await post()).status).toBe(200)
      expect(mock.journal.entries).toHaveLength(1)

      closeTestSession(state, session, { failed: false, title: 't', errors: [] })
      expect(mock.journal.entries).toHaveLength(0)
      const again = testSession(state, 'task-1')
      expect(again.fixtures).toHaveLength(0)
      expect(again.journal.entries).toHaveLength(0)
    } finally {
      await mock.stop()
    }
  })
})
