import { beforeAll, beforeEach, afterEach, describe } from 'vitest'
import { test, expect, type StandinFixtures } from 'standin/vitest'
import { ask } from './ask'

const seen: string[] = []
beforeAll(() => {
  seen.push('beforeAll')
})

// First use: test.each in a nested describe, with hooks that use the fixtures.
describe('outer', () => {
  describe('inner', () => {
    let hookAnswer = ''
    beforeEach<StandinFixtures>(({ standin }) => {
      hookAnswer = `hook for ${standin.id}`
      standin.on({ userMessage: 'token-hook' }, { content: hookAnswer })
    })
    afterEach<StandinFixtures>(({ standin }) => {
      expect(standin).toHaveRequestCount(2)
    })
    // test.each hands no test context to the test (test.for does): the hooks read the session.
    test.each(['a', 'b'])('test.each %s', async (name) => {
      expect(await ask(`token-${name}`)).toBe('ok')
      expect(await ask('token-hook')).toBe(hookAnswer)
      expect(seen).toEqual(['beforeAll'])
    })
  })
  test.for(['c'])('test.for %s', async (name, { standin }) => {
    expect(await ask(`token-${name}`)).toBe('ok')
    expect(standin).toHaveRequestCount(1)
  })
})

test('top-level after the describe blocks', async ({ standin }) => {
  expect(await ask('token-top')).toBe('ok')
  expect(standin).toHaveRequestCount(1)
})
