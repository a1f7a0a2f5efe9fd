import { describe } from 'vitest'
import { test, expect } from 'standin/vitest'
import { ask } from './ask'

// The file's first use of `test` is inside describe().
describe('first use inside describe', () => {
  test('gets its session', async ({ standin, standinServer }) => {
    expect(await ask('token-describe')).toBe('ok')
    expect(standin).toHaveRequestCount(1)
    expect(standinServer.port).toBeGreaterThan(0)
  })
})
