import { vi } from 'vitest'
import { test, expect } from 'standin/vitest'
import { ask } from './ask'

// The test handle's fixture methods are plain values: spied on, destructured, and still chaining.
test('the handle can be spied on and destructured', async ({ standin }) => {
  const spy = vi.spyOn(standin, 'on')
  expect(standin.on({ userMessage: 'token-spied' }, { content: 'spied' })).toBe(standin)
  expect(spy).toHaveBeenCalledTimes(1)
  expect(spy.mock.calls[0]![0]).toEqual({ userMessage: 'token-spied' })
  expect(await ask('token-spied')).toBe('spied')
  spy.mockRestore()
  const { onMessage } = standin
  expect(onMessage('token-detached', { content: 'detached' })).toBe(standin)
  expect(await ask('token-detached')).toBe('detached')
  expect(standin.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_s\//)
  expect(standin.workerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(standin.mock.journal.entries.length).toBeGreaterThanOrEqual(2)
})
