import { test, expect } from 'standin/vitest'
import { ask } from './tool-agent'

// The tokens appear in no test name: the output can only show them through a printed journal.
test('passes: the first test', async ({ standin }) => {
  await ask('token-alpha-7f3')
  expect(standin).toHaveRequestCount(1)
})

test('fails: the second test, on an assertion unrelated to standin', async () => {
  await ask('token-bravo-9c1')
  expect(1 + 1).toBe(3)
})

test('passes: the third test', async ({ standin }) => {
  await ask('token-charlie-2d5')
  expect(standin).toHaveRequestCount(1)
})

test('fails: a standin matcher, whose message already shows the journal', async ({ standin }) => {
  await ask('token-delta-4e8')
  expect(standin).toHaveRequestCount(2)
})
