import { test, expect } from 'standin/vitest'
import { ask } from './agent.js'

test('a file fixture answers the tool loop, and the matchers see the call', async ({ standin }) => {
  await expect(ask('what is the weather?')).resolves.toBe('Sunny in Paris.')
  expect(standin).toHaveCalledTool('search', { query: expect.stringContaining('weather') })
  expect(standin).not.toHaveCalledTool('calendar')
})

test('a fixture added in the test answers it', async ({ standin }) => {
  standin.on({ userMessage: 'hello' }, { content: 'Hi from this test' })
  await expect(ask('hello there')).resolves.toBe('Hi from this test')
  expect(standin).toHaveReceivedRequest({ path: '/v1/chat/completions' })
})

test('a failing matcher says what it expected', async ({ standin }) => {
  await ask('what is the weather?')
  expect(() => expect(standin).toHaveCalledTool('calendar')).toThrow(/calendar/)
})
