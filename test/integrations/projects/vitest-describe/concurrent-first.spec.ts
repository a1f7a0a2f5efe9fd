import { describe } from 'vitest'
import { test, expect } from 'standin/vitest'
import { ask } from './ask'

// First use: test.concurrent inside describe, each test on its own address.
describe('concurrent first', () => {
  for (const n of [1, 2]) {
    test.concurrent(`concurrent ${n}`, async ({ standin }) => {
      standin.on({ userMessage: 'token-which' }, { content: `test ${n}` })
      expect(await ask('token-which', `${standin.url}/v1`)).toBe(`test ${n}`)
      expect(standin).toHaveRequestCount(1)
    })
  }
})

describe.concurrent('describe.concurrent', () => {
  test('describe.concurrent test', async ({ standin }) => {
    expect(await ask('token-dc', `${standin.url}/v1`)).toBe('ok')
    expect(standin).toHaveRequestCount(1)
  })
})
